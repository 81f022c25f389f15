#!/usr/bin/env bash
# Builds the libFuzzer targets of tests/fuzz with clang, AddressSanitizer and
# UndefinedBehaviorSanitizer (build-fuzz, -DGANFORGE_FUZZ=ON) and runs each
# for a while, seeded from ../shared (tests/fuzz/make_seeds.cpp) and the
# regression corpus tests/fuzz/corpus/<target>.
#   scripts/fuzz.sh [SECONDS_PER_TARGET (default 30)] [TARGET...]
# TARGET: model_json, tfjs_weights, keras_h5 (default: all three, one after
# the other, one process each). The corpus each run grows is kept in
# build-fuzz/fuzz-corpus/<target> for the next run. Exits non-zero when a
# target finds an input that crashes, leaks, trips a sanitizer or one of the
# targets' checks, runs out of memory or times out; the input is in
# build-fuzz/fuzz-artifacts/<target>/ and belongs in
# tests/fuzz/corpus/<target>/ (with the fix) as a regression.
#
# keras_h5 reads through libhdf5, which itself crashes on some corrupt files
# (tests/fuzz/hdf5_crashes). It runs in libFuzzer's fork mode, which goes on
# after a crash; each crash is then replayed, and one whose first frame of
# real code is inside libhdf5 is reported as the library's, not failed on.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
"$root/scripts/install-deps.sh" fuzz
build="$root/build-fuzz"
seconds=${1:-30}
shift || true
targets=("$@")
((${#targets[@]})) || targets=(model_json tfjs_weights keras_h5)

CC=clang-14 CXX=clang++-14 cmake -S "$root" -B "$build" -DCMAKE_BUILD_TYPE=Release \
  -DGANFORGE_SANITIZE=ON -DGANFORGE_FUZZ=ON -DGANFORGE_BENCH_PEERS=OFF >/dev/null
cmake --build "$build" -j"${GANFORGE_JOBS:-$(nproc)}" --target fuzz_make_seeds "${targets[@]/#/fuzz_}"

seeds="$build/fuzz-seeds"
"$build/tests/fuzz/fuzz_make_seeds" "$root/../shared" "$seeds"

source "$root/scripts/sanitizer-options.sh"

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

status=0
for target in "${targets[@]}"; do
  program="$build/tests/fuzz/fuzz_$target"
  corpus="$build/fuzz-corpus/$target"
  artifacts="$build/fuzz-artifacts/$target"
  log="$build/fuzz-$target.log"
  mkdir -p "$corpus" "$artifacts"
  rm -f "$artifacts"/*
  options=(-max_total_time="$seconds" -timeout=20 -rss_limit_mb=3072 -print_final_stats=1
           -artifact_prefix="$artifacts/")
  asan="$ASAN_OPTIONS"
  if [[ $target == keras_h5 ]]; then
    # HDF5 has no frame pointers: the suppressions of its own leaks
    # (lsan.supp) need the slow unwinder to see its functions. It mallocs
    # object sizes read from a corrupt file before checking them (up to
    # SIZE_MAX; seen: 3.8 GB for a 30 KB file) and copes when malloc returns
    # NULL or the read then fails: ASan's malloc may return NULL too
    # (operator new still reports) and one malloc may ask for 8 GiB
    # (untouched, it costs nothing; -rss_limit_mb catches what is used).
    asan="$asan:fast_unwind_on_malloc=0:allocator_may_return_null=1"
    options+=(-malloc_limit_mb=8192 -fork=1 -ignore_crashes=1)
  else
    options+=(-dict="$root/tests/fuzz/keras_json.dict")
  fi
  echo "== fuzz_$target for ${seconds}s"
  if ! ASAN_OPTIONS="$asan" "$program" "${options[@]}" \
        "$corpus" "$root/tests/fuzz/corpus/$target" "$seeds/$target" 2>"$log"; then
    status=1
    tail -n 60 "$log"
  fi
  for input in "$artifacts"/*; do
    [[ -e $input ]] || continue
    if [[ $(basename "$input") == crash-* ]] && ASAN_OPTIONS="$asan" crashes_in_hdf5 "$program" "$input"; then
      echo "fuzz_$target: $input crashes inside libhdf5 (a library bug, see tests/fuzz/hdf5_crashes)"
    else
      echo "fuzz_$target found a failing input: $input" >&2
      status=1
    fi
  done
  # The last status line (fork mode prints no stat:: lines).
  grep -E '^#[0-9]+' "$log" | tail -n 1 || true
done
exit $status
