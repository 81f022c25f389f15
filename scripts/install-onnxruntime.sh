#!/usr/bin/env bash
# Installs ONNX Runtime's npm package (onnxruntime-node, which carries the
# native CPU library) and the harness that times it into DIR, exactly as
# bench/onnxruntime/package-lock.json pins it; quiet and quick when DIR
# already has that lockfile's install. Needs node and npm (install-deps.sh
# main installs them). Usage: install-onnxruntime.sh DIR
#
# --ignore-scripts: the package's install script only fetches an optional
# CUDA provider.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
dir=${1:?usage: install-onnxruntime.sh DIR}
source_dir=$root/bench/onnxruntime
for tool in node npm; do
  command -v "$tool" >/dev/null || { echo "install-onnxruntime.sh: $tool is not installed" >&2; exit 1; }
done
# The lockfile of the last install that succeeded says what is there.
if ! cmp -s "$source_dir/package-lock.json" "$dir/installed-lock.json" 2>/dev/null; then
  rm -rf "$dir"
  mkdir -p "$dir"
  cp "$source_dir/package.json" "$source_dir/package-lock.json" "$dir/"
  if ! (cd "$dir" && npm ci --ignore-scripts --no-audit --no-fund) >"$dir/npm.log" 2>&1; then
    echo "install-onnxruntime.sh: npm ci failed in $dir (its log: $dir/npm.log):" >&2
    tail -n 5 "$dir/npm.log" >&2
    exit 1
  fi
  cp "$dir/package-lock.json" "$dir/installed-lock.json"
fi
# Node resolves the package from the harness's own folder.
cp "$source_dir/harness.mjs" "$dir/"
