#!/usr/bin/env bash
# The main job: builds everything and runs the examples.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
"$root/scripts/install-deps.sh" main
build="$root/build"
cmake -S "$root" -B "$build" -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build "$build" -j"$(nproc)"
for example in "$build"/examples/example_*; do
  echo "== $(basename "$example")"
  "$example"
done
