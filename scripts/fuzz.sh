#!/usr/bin/env bash
# Builds the libFuzzer targets of tests/fuzz with clang, AddressSanitizer and
# UndefinedBehaviorSanitizer (build-fuzz, -DGANFORGE_FUZZ=ON) and runs them on
# the seeds made from the shared reference cases (tests/fuzz/make_seeds.cpp) and the
# regression corpus tests/fuzz/corpus/<target>. Two ways:
#
#   scripts/fuzz.sh --gate [TARGET...]
#     The test command's stage: the same result on every run of the same
#     commit. Each target replays the regression corpus and the seeds, then
#     mutates them for a fixed number of runs ($GANFORGE_FUZZ_RUNS, default
#     4000) from a fixed seed, the inputs given in a fixed order, one process
#     without address-space randomisation, no time limits that a slower
#     machine could hit first. keras_h5 only replays: libhdf5 keeps state
#     from one input to the next, and its mutations took other paths from run
#     to run.
#   scripts/fuzz.sh [SECONDS_PER_TARGET (default 600)] [TARGET...]
#     A campaign, outside the gate: each target for that long, growing the
#     corpus in build-fuzz/fuzz-corpus/<target> from one campaign to the next.
#
# TARGET: model_json, tfjs_weights, keras_h5, keras_archive, onnx (default: all
# four, one after the other). Exits non-zero when a target finds an input that crashes, leaks,
# trips a sanitizer or one of the targets' checks, runs out of memory or
# times out; the input is in build-fuzz/fuzz-artifacts/<target>/ and belongs
# in tests/fuzz/corpus/<target>/ (with the fix) as a regression.
#
# Memory: one allocation may be at most 2 GiB (the largest tensor the import
# limits allow is 1 GiB) and the process may use at most 3 GiB. libhdf5 mallocs
# sizes read from a corrupt file before checking them against the file's end
# (seen: 16 GiB for an object header of a 14 KB file, never touched); under
# the fuzzers such a malloc returns NULL, as it does on a machine without that
# much memory, and HDF5 reports an error (allocator_may_return_null; our own
# operator new still aborts on it).
#
# keras_h5 reads through libhdf5, which itself crashes on some corrupt files
# (tests/fuzz/hdf5_crashes). A crash whose first frame of real code is inside
# libhdf5 is reported as the library's, not failed on; a campaign runs
# keras_h5 in libFuzzer's fork mode, which goes on after such a crash.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
gate=false
if [[ ${1:-} == --gate ]]; then
  gate=true
  shift
fi
seconds=600
if ! $gate && [[ ${1:-} =~ ^[0-9]+$ ]]; then
  seconds=$1
  shift
fi
targets=("$@")
((${#targets[@]})) || targets=(model_json tfjs_weights keras_h5 keras_archive onnx png)
runs=${GANFORGE_FUZZ_RUNS:-4000}

"$root/scripts/install-deps.sh" fuzz
build="$root/build-fuzz"
CC=clang-14 CXX=clang++-14 cmake -S "$root" -B "$build" -DCMAKE_BUILD_TYPE=Release \
  -DGANFORGE_SANITIZE=ON -DGANFORGE_FUZZ=ON -DGANFORGE_BENCH_PEERS=OFF >/dev/null
cmake --build "$build" -j"${GANFORGE_JOBS:-$(nproc)}" --target fuzz_make_seeds "${targets[@]/#/fuzz_}"

seeds="$build/fuzz-seeds"
# The gate's inputs are exactly today's seeds.
$gate && rm -rf "$seeds"
"$build/tests/fuzz/fuzz_make_seeds" "$root/../shared" "$seeds"

source "$root/scripts/sanitizer-options.sh"
# clang's sanitizer runtime names frames through llvm-symbolizer; Debian's
# llvm-14 installs it under a versioned name only.
export ASAN_SYMBOLIZER_PATH=/usr/lib/llvm-14/bin/llvm-symbolizer

# True if replaying crash input $2 with fuzz program $1 dies inside libhdf5:
# the first stack frame that is not the sanitizers', libc's, the C++
# runtime's or libFuzzer's is in libhdf5.
# Every step reads its whole input (no early exit, so no SIGPIPE), and the
# replay's own crash status is ignored: under pipefail either would decide
# the result. Interceptors (memcpy, strdup) are the sanitizers' and count as
# libc.
crashes_in_hdf5() {
  local report first
  report=$("$1" "$2" 2>&1 || true)
  first=$(grep -E '^ +#[0-9]+ ' <<<"$report" |
    grep -vE 'libc\.so|sysdeps|nptl/|stdlib/|__interceptor_|__asan|__sanitizer|fuzzer::|libstdc\+\+|__cxa_|std::terminate| in (malloc|calloc|realloc|free|operator new|str[a-z]*|mem[a-z]*) ' |
    sed -n 1p || true)
  [[ $first == *libhdf5* ]]
}

# The regression corpus and the seeds as one comma-separated list in a fixed
# order (libFuzzer would otherwise take a folder's files in the order the file
# system lists them).
seed_inputs() {
  find "$root/tests/fuzz/corpus/$1" "$seeds/$1" -type f | LC_ALL=C sort | paste -sd, -
}

# The gate runs without address-space randomisation: some coverage depends
# on where allocations land, so with it the same inputs take other paths.
norandom=(setarch "$(uname -m)" -R)
if $gate && ! "${norandom[@]}" true 2>/dev/null; then
  echo "fuzz.sh: setarch -R is refused here; the gate's runs may differ from run to run" >&2
  norandom=()
fi
$gate || norandom=()

status=0
for target in "${targets[@]}"; do
  program="$build/tests/fuzz/fuzz_$target"
  artifacts="$build/fuzz-artifacts/$target"
  log="$build/fuzz-$target.log"
  mkdir -p "$artifacts"
  rm -f "$artifacts"/*
  options=(-rss_limit_mb=3072 -print_final_stats=1 -artifact_prefix="$artifacts/")
  asan="$ASAN_OPTIONS:allocator_may_return_null=1:max_allocation_size_mb=2048"
  if [[ $target == keras_h5 || $target == keras_archive ]]; then
    # HDF5 (the archive's weights are HDF5 too) has no frame pointers: the
    # suppressions of its own leaks (lsan.supp) need the slow unwinder to see
    # its functions.
    asan="$asan:fast_unwind_on_malloc=0"
  elif [[ $target != onnx ]]; then
    options+=(-dict="$root/tests/fuzz/keras_json.dict")
  fi
  if $gate; then
    # A fresh corpus folder each time: what an earlier run added would change
    # this one.
    corpus="$build/fuzz-gate-corpus/$target"
    rm -rf "$corpus"
    mkdir -p "$corpus"
    target_runs=$runs
    [[ $target == keras_h5 ]] && target_runs=0
    options+=(-seed=1 -runs="$target_runs" -reload=0 -timeout=120 -seed_inputs="$(seed_inputs "$target")")
    echo "== fuzz_$target: the corpus, the seeds and $target_runs runs more from seed 1"
    inputs=("$corpus")
  else
    corpus="$build/fuzz-corpus/$target"
    mkdir -p "$corpus"
    options+=(-max_total_time="$seconds" -timeout=20)
    [[ $target == keras_h5 || $target == keras_archive ]] && options+=(-fork=1 -ignore_crashes=1)
    echo "== fuzz_$target for ${seconds}s"
    inputs=("$corpus" "$root/tests/fuzz/corpus/$target" "$seeds/$target")
  fi
  run_failed=false
  ASAN_OPTIONS="$asan" "${norandom[@]}" "$program" "${options[@]}" "${inputs[@]}" 2>"$log" || run_failed=true
  library_crash=false
  found=false
  for input in "$artifacts"/*; do
    [[ -e $input ]] || continue
    if [[ $(basename "$input") == crash-* ]] && ASAN_OPTIONS="$asan" crashes_in_hdf5 "$program" "$input"; then
      echo "fuzz_$target: $input crashes inside libhdf5 (a library bug, see tests/fuzz/hdf5_crashes)"
      library_crash=true
    else
      echo "fuzz_$target found a failing input: $input" >&2
      found=true
    fi
  done
  # A run that stopped at a crash inside libhdf5 stops there on every run.
  if $found || { $run_failed && ! $library_crash; }; then
    status=1
    tail -n 60 "$log"
  fi
  # The last status line (fork mode prints no stat:: lines).
  grep -E '^#[0-9]+' "$log" | tail -n 1 || true
done
exit $status
