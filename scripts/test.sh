#!/usr/bin/env bash
# The test command (.ci/run calls it): builds everything, runs the whole
# suite, the main job in its short form, then the reliability passes:
#   suite  the whole suite (CTest) in build/;
#   main   the main command as a smoke run (scripts/main.sh --smoke):
#          its packages, every peer, every benchmark once, the report, which
#          must have a row for every engine on every model and batch; in
#          build/ too, so it reuses the suite's build;
#   asan   AddressSanitizer + UndefinedBehaviorSanitizer (scripts/sanitize.sh);
#   tsan   ThreadSanitizer on the many-thread tests (scripts/tsan.sh);
#   fuzz   the fuzzers' deterministic gate (scripts/fuzz.sh --gate): the
#          regression corpus and seeds, and fixed-seed runs. Long fuzzing
#          campaigns (scripts/fuzz.sh SECONDS) are not part of the gate.
# Every stage runs even when one fails; the exit status says whether all
# passed. GANFORGE_TEST_STAGES picks some, e.g. "suite fuzz".
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
stages=(${GANFORGE_TEST_STAGES:-suite main asan tsan fuzz})
started=$SECONDS

suite() {
  "$root/scripts/install-deps.sh" test
  local build="$root/build"
  # UpscalerJS's trained models, from npm as examples/upscale's lockfile pins them.
  "$root/scripts/install-npm-packages.sh" "$root/examples/upscale" "$build/upscalerjs"
  # The peers (oneDNN, libtorch, XNNPACK) belong to the benchmark report, not
  # to the suite: leaving them out keeps a test build the same on every machine.
  cmake -S "$root" -B "$build" -DCMAKE_BUILD_TYPE=Release -DGANFORGE_BENCH_PEERS=OFF \
    -DGANFORGE_UPSCALERJS_DIR="$build/upscalerjs/node_modules/@upscalerjs" >/dev/null
  cmake --build "$build" -j"$(nproc)"
  ctest --test-dir "$build" -j"$(nproc)" --output-on-failure --no-tests=error
}
main() { bash "$root/scripts/main.sh" --smoke; }
asan() { bash "$root/scripts/sanitize.sh" --ci; }
tsan() { bash "$root/scripts/tsan.sh"; }
fuzz() { bash "$root/scripts/fuzz.sh" --gate; }

failed=()
for stage in "${stages[@]}"; do
  case $stage in
    suite|main|asan|tsan|fuzz) ;;
    *) echo "GANFORGE_TEST_STAGES: unknown stage '$stage' (suite, main, asan, tsan, fuzz)" >&2; exit 2 ;;
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
