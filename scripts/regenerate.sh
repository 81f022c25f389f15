#!/usr/bin/env bash
# Regenerates generated/, the example models' specialised sources checked in
# beside generated/CMakeLists.txt: builds the generators with the current
# ganforge and examples/models.hpp and copies what they write.
# Usage: scripts/regenerate.sh [build-dir]   (default: build)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-$root/build}
targets=(gen_seed_upsample gen_seed_tconv gen_mnist_gen gen_cifar_gen gen_dcgan64)
cmake -S "$root" -B "$build" >/dev/null
cmake --build "$build" -j"$(nproc)" --target "${targets[@]/%/_sources}"
for t in "${targets[@]}"; do
  cp "$build/generated/$t/$t".hpp "$build/generated/$t/$t"*.cpp "$root/generated/"
done
echo "generated/ is up to date with $build"
