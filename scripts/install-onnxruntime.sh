#!/usr/bin/env bash
# Installs ONNX Runtime's npm package (onnxruntime-node, which carries the
# native CPU library) and the harness that times it into DIR, exactly as
# bench/onnxruntime/package-lock.json pins it. Usage: install-onnxruntime.sh DIR
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
dir=${1:?usage: install-onnxruntime.sh DIR}
"$root/scripts/install-npm-packages.sh" "$root/bench/onnxruntime" "$dir"
# Node resolves the package from the harness's own folder.
cp "$root/bench/onnxruntime/harness.mjs" "$dir/"
