#!/usr/bin/env bash
# Builds everything with AddressSanitizer + UndefinedBehaviorSanitizer
# (-DGANFORGE_SANITIZE=ON; any UB is fatal) in build-asan and runs the test
# suite under them. Extra arguments go to ctest, e.g. `-L reliability` or
# `-R refcase` for a subset.
#
# Left out: the package tests (package.*): they build a consumer project
# against the installed library, and a consumer built without
# -fsanitize=address cannot link an instrumented libganforge.a; what they check
# (the install layout) does not depend on sanitizers and the plain suite runs
# them. The compile-fail and header tests (foundation.compile.*) only run the
# compiler: no code of ours executes, so a sanitizer adds nothing there.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
"$root/scripts/install-deps.sh" test
build="$root/build-asan"
jobs=${GANFORGE_JOBS:-$(nproc)}

cmake -S "$root" -B "$build" -DCMAKE_BUILD_TYPE=Release -DGANFORGE_SANITIZE=ON \
      -DGANFORGE_BENCH_PEERS=OFF >/dev/null
cmake --build "$build" -j"$jobs"

# Leaks are errors too; the suppressions name only HDF5's own allocations.
export ASAN_OPTIONS="detect_leaks=1:halt_on_error=1:check_initialization_order=1:strict_init_order=1:detect_stack_use_after_return=1"
export LSAN_OPTIONS="suppressions=$root/tests/fuzz/lsan.supp:print_suppressions=0"
export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1"
ctest --test-dir "$build" -j"$jobs" --output-on-failure -E '^(package\.|foundation\.compile\.)' "$@"
