#!/usr/bin/env bash
# Regenerates generated/, the example models' specialised sources checked in
# beside generated/CMakeLists.txt, and the example model `ganforge import`
# declares from an ONNX file (examples/pytorch_dcgan/pytorch_dcgan64.hpp):
# builds the importer and the generators with the current ganforge and
# examples/models.hpp and copies what they write.
# Usage: scripts/regenerate.sh [build-dir]   (default: build)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-$root/build}
# The example models, from the one list of them.
mapfile -t targets < <(sed -n 's/^GANFORGE_EXAMPLE_MODEL(\([a-z0-9_]*\),.*/gen_\1/p' "$root/examples/example_models.inc")
cmake -S "$root" -B "$build" >/dev/null
cmake --build "$build" -j"$(nproc)" --target pytorch_dcgan64_declaration
cp "$build/examples/pytorch_dcgan/pytorch_dcgan64.hpp" "$root/examples/pytorch_dcgan/"
cmake --build "$build" -j"$(nproc)" --target "${targets[@]/%/_sources}"
for t in "${targets[@]}"; do
  cp "$build/generated/$t/$t".hpp "$build/generated/$t/$t"*.cpp "$root/generated/"
done
echo "generated/ is up to date with $build"
