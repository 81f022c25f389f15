#!/usr/bin/env bash
# The main job: builds the benchmark (the generated code of the example
# models, the interpreter and the peers oneDNN, libtorch and XNNPACK), runs
# it on one core and writes the report.
#
#   bash scripts/main.sh [REPORT_DIR]
#
# REPORT_DIR (or $GANFORGE_REPORT_DIR; default: report/ at the repository
# root) receives results.json (Google Benchmark's JSON), report.md and
# chart.svg. $GANFORGE_BUILD_DIR picks the build directory (default: build/).
# $GANFORGE_BENCH_FLAGS adds Google Benchmark flags (e.g. a filter).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
out=${1:-${GANFORGE_REPORT_DIR:-$root/report}}
build=${GANFORGE_BUILD_DIR:-$root/build}
min_time=0.2
repetitions=3
started=$SECONDS
step() { printf '\n== [%s] %s (%ds)\n' "$1" "$2" $((SECONDS - started)); }

step 1/4 "Installing missing packages"
"$root/scripts/install-deps.sh" main

step 2/4 "Building the benchmark and the report tool in $build"
cmake -S "$root" -B "$build" -DCMAKE_BUILD_TYPE=Release >/dev/null
# Only what the report needs: the bench pulls in the runtime, the code
# generator and the generated code of the example models.
cmake --build "$build" -j"$(nproc)" --target ganforge_bench ganforge_report ganforge_examples

# The tutorial's worked examples first: their arrays and summaries.
for example in "$build"/examples/example_*; do
  [[ -x "$example" ]] || continue
  echo "-- $(basename "$example")"
  "$example"
done

step 3/4 "Running the benchmarks, one core (about 3 minutes on an idle machine; each line is the median of $repetitions runs)"
mkdir -p "$out"
# Recorded in the JSON's context (one flag of key=value pairs split at commas).
packages=$(dpkg-query -W -f='${Package} ${Version}; ' libdnnl2 libtorch1.13 libxnnpack0 libopenblas0-pthread \
             libbenchmark1debian 2>/dev/null | sed 's/; $//')
# One thread everywhere: OpenMP (oneDNN, libtorch) and OpenBLAS (libtorch's
# GEMMs). libtorch links libblas.so.3, whatever the alternatives system
# points it to: the path makes it OpenBLAS (pthread build). The
# OPENBLAS_CORETYPE/OPENBLAS_L2_SIZE overrides some machines set for older
# OpenBLAS builds are dropped for this run only, so that OpenBLAS picks its
# kernel for this CPU (the report records which).
status=0
env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE \
  OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 \
  LD_LIBRARY_PATH="/usr/lib/x86_64-linux-gnu/openblas-pthread${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}" \
  "$build/bench/ganforge_bench" \
    --benchmark_min_time=$min_time --benchmark_repetitions=$repetitions \
    --benchmark_display_aggregates_only=true \
    --benchmark_out="$out/results.json" --benchmark_out_format=json \
    --benchmark_context="min_time=$min_time,packages=$packages" \
    ${GANFORGE_BENCH_FLAGS:-} || status=$?
if [[ ! -s "$out/results.json" ]]; then
  echo "ganforge_bench wrote no results (exit status $status)" >&2
  exit 1
fi

step 4/4 "Writing the report"
"$build/bench/report/ganforge_report" "$out/results.json" "$out"
echo "Done in $((SECONDS - started)) s."
if ((status != 0)); then
  echo "Some engines were not timed (they failed or disagreed with the interpreter): see 'Not timed' in $out/report.md" >&2
fi
exit $status
