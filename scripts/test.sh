#!/usr/bin/env bash
# The test command (.ci/run calls it): builds everything, runs the whole
# suite, then the reliability passes, each in its own build folder:
#   suite  the whole suite (CTest) in build/;
#   asan   AddressSanitizer + UndefinedBehaviorSanitizer (scripts/sanitize.sh);
#   tsan   ThreadSanitizer on the many-thread tests (scripts/tsan.sh);
#   fuzz   each libFuzzer target for 30 s (scripts/fuzz.sh 30).
# Every stage runs even when one fails; the exit status says whether all
# passed. GANFORGE_TEST_STAGES picks some, e.g. "suite fuzz".
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
stages=(${GANFORGE_TEST_STAGES:-suite asan tsan fuzz})
started=$SECONDS

suite() {
  "$root/scripts/install-deps.sh" test
  local build="$root/build"
  # The peers (oneDNN, libtorch, XNNPACK) belong to the benchmark report, not
  # to the suite: leaving them out keeps a test build the same on every machine.
  cmake -S "$root" -B "$build" -DCMAKE_BUILD_TYPE=Release -DGANFORGE_BENCH_PEERS=OFF >/dev/null
  cmake --build "$build" -j"$(nproc)"
  ctest --test-dir "$build" -j"$(nproc)" --output-on-failure --no-tests=error
}
asan() { bash "$root/scripts/sanitize.sh" --ci; }
tsan() { bash "$root/scripts/tsan.sh"; }
fuzz() { bash "$root/scripts/fuzz.sh" 30; }

failed=()
for stage in "${stages[@]}"; do
  case $stage in
    suite|asan|tsan|fuzz) ;;
    *) echo "GANFORGE_TEST_STAGES: unknown stage '$stage' (suite, asan, tsan, fuzz)" >&2; exit 2 ;;
  esac
  printf '\n== %s (at %d s)\n' "$stage" $((SECONDS - started))
  stage_start=$SECONDS
  # A subshell outside any condition, so that set -e stops the stage at its
  # first failing command.
  set +e
  ( set -e; "$stage" )
  status=$?
  set -e
  if ((status == 0)); then
    printf '== %s passed in %d s\n' "$stage" $((SECONDS - stage_start))
  else
    printf '== %s FAILED after %d s\n' "$stage" $((SECONDS - stage_start))
    failed+=("$stage")
  fi
done
if ((${#failed[@]})); then
  echo "Failed: ${failed[*]} ($((SECONDS - started)) s)" >&2
  exit 1
fi
echo "All passed: ${stages[*]} ($((SECONDS - started)) s)"
