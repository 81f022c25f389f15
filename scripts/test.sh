#!/usr/bin/env bash
# Builds everything and runs the whole test suite (CTest).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
"$root/scripts/install-deps.sh" test
build="$root/build"
# The peers (oneDNN, libtorch, XNNPACK) belong to the benchmark report, not to
# the suite: leaving them out keeps a test build the same on every machine.
cmake -S "$root" -B "$build" -DCMAKE_BUILD_TYPE=Release -DGANFORGE_BENCH_PEERS=OFF >/dev/null
cmake --build "$build" -j"$(nproc)"
ctest --test-dir "$build" -j"$(nproc)" --output-on-failure
