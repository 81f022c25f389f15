#!/usr/bin/env bash
# Installs the npm packages SOURCE_DIR's package.json and package-lock.json
# pin (with its .npmrc, if any) into DIR, exactly as the lockfile says;
# quiet and quick when DIR already has that lockfile's install. Needs node
# and npm (install-deps.sh installs them).
# Usage: install-npm-packages.sh SOURCE_DIR DIR
#
# --ignore-scripts: no package these folders pin needs its install script
# (onnxruntime-node's only fetches an optional CUDA provider).
set -euo pipefail
source_dir=${1:?usage: install-npm-packages.sh SOURCE_DIR DIR}
dir=${2:?usage: install-npm-packages.sh SOURCE_DIR DIR}
for tool in node npm; do
  command -v "$tool" >/dev/null || { echo "install-npm-packages.sh: $tool is not installed" >&2; exit 1; }
done
# The lockfile of the last install that succeeded says what is there.
if ! cmp -s "$source_dir/package-lock.json" "$dir/installed-lock.json" 2>/dev/null; then
  rm -rf "$dir"
  mkdir -p "$dir"
  cp "$source_dir/package.json" "$source_dir/package-lock.json" "$dir/"
  [[ -f $source_dir/.npmrc ]] && cp "$source_dir/.npmrc" "$dir/"
  if ! (cd "$dir" && npm ci --ignore-scripts --no-audit --no-fund) >"$dir/npm.log" 2>&1; then
    echo "install-npm-packages.sh: npm ci failed in $dir (its log: $dir/npm.log):" >&2
    tail -n 5 "$dir/npm.log" >&2
    exit 1
  fi
  cp "$dir/package-lock.json" "$dir/installed-lock.json"
fi
