#!/usr/bin/env bash
# Builds the concurrency tests with ThreadSanitizer (build-tsan; TSan cannot
# be combined with ASan, so this is a build of its own) and runs them:
# generated networks' and the interpreter's predict from 8 threads at once.
# Extra arguments go to ctest.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
"$root/scripts/install-deps.sh" test
build="$root/build-tsan"
# -O1, as for the ASan build (CMakeLists.txt): a quicker build, and what the
# sanitizers' authors advise.
cmake -S "$root" -B "$build" -DCMAKE_BUILD_TYPE=Release -DGANFORGE_BENCH_PEERS=OFF \
      -DCMAKE_CXX_FLAGS="-fsanitize=thread -fno-omit-frame-pointer" -DCMAKE_CXX_FLAGS_RELEASE="-O1 -DNDEBUG" \
      -DCMAKE_EXE_LINKER_FLAGS="-fsanitize=thread" >/dev/null
cmake --build "$build" -j"${GANFORGE_JOBS:-$(nproc)}" --target reliability_concurrency_tests
export TSAN_OPTIONS="halt_on_error=1:second_deadlock_stack=1"
# --no-tests=error: a label that matches nothing must not pass as green.
ctest --test-dir "$build" --output-on-failure --no-tests=error -L concurrency "$@"
