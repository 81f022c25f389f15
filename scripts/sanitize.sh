#!/usr/bin/env bash
# Builds everything with AddressSanitizer + UndefinedBehaviorSanitizer
# (-DGANFORGE_SANITIZE=ON; any UB is fatal, leaks are errors) in build-asan
# and runs the test suite under them.
#
#   scripts/sanitize.sh [--ci] [CTEST ARGS...]
#
# Left out by CMake under GANFORGE_SANITIZE: the package and consumer tests
# (a separate, uninstrumented project cannot link an instrumented library;
# the plain suite runs them) and the compile-fail and header tests (only the
# compiler runs; nothing of ours executes).
#
# --ci (the test command's subset, to keep CI well inside its budget): also
# leaves out codegen_models_test, every reference case and edge model
# generated and compiled for three SIMD paths (the largest part of an
# instrumented build), the benchmarks (their sources and tests run in the
# plain suite), and pix2pix256's test, whose
# interpreter runs at two sizes take minutes instrumented. The same emitters
# still run instrumented in the other example models' tests and the
# reliability probes (every layer kind, borders, strides, gaps, every path),
# and the interpreter and the readers still go through every reference case.
# Extra arguments go to ctest, e.g. `-L reliability`.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
all=ON
skip=()
if [[ ${1:-} == --ci ]]; then
  all=OFF
  skip=(-E 'GeneratedExample[.]Pix2Pix256')
  shift
fi
"$root/scripts/install-deps.sh" test
build="$root/build-asan"
jobs=${GANFORGE_JOBS:-$(nproc)}

cmake -S "$root" -B "$build" -DCMAKE_BUILD_TYPE=Release -DGANFORGE_SANITIZE=ON \
      -DGANFORGE_BENCH_PEERS=OFF -DGANFORGE_TEST_MODEL_NETWORKS=$all -DGANFORGE_BENCH=$all >/dev/null
cmake --build "$build" -j"$jobs"

source "$root/scripts/sanitizer-options.sh"
ctest --test-dir "$build" -j"$jobs" --output-on-failure --no-tests=error "${skip[@]}" "$@"
