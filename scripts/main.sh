#!/usr/bin/env bash
# The main job: builds the benchmark (the generated code of the example
# models, the interpreter and the peers oneDNN, libtorch and XNNPACK), runs
# it, times ONNX Runtime in Node on the same models (installed from npm as
# bench/onnxruntime/package-lock.json pins it) and writes the report.
#
#   bash scripts/main.sh [--smoke] [REPORT_DIR]
#
# REPORT_DIR (or $GANFORGE_REPORT_DIR; default: report/ at the repository
# root) receives results.json (Google Benchmark's JSON), report.md and
# chart.svg. $GANFORGE_BUILD_DIR picks the build directory (default: build/).
# $GANFORGE_BENCH_FLAGS adds Google Benchmark flags (e.g. a filter).
#
# A peer that is missing or whose package fails to load is left out and
# named, in this output and in the report. The exit status is non-zero when
# the benchmark fails, an engine disagrees with the interpreter, ONNX Runtime
# could not be installed or run, or a peer whose files belong to an installed
# Debian package (what step 1 installs) did not build; a peer found elsewhere
# (CMAKE_PREFIX_PATH) that fails is only reported.
#
# --smoke (a stage of scripts/test.sh, so CI runs this job): the same steps,
# each benchmark run once (a minimum time of 1 ms, one repetition), the
# report written to build/smoke-report unless REPORT_DIR says otherwise, and
# checked to have a timed row for every engine (the interpreter, the generated
# code, every peer) on every model and batch.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
smoke=false
if [[ ${1:-} == --smoke ]]; then
  smoke=true
  shift
fi
build=${GANFORGE_BUILD_DIR:-$root/build}
if $smoke; then
  out=${1:-${GANFORGE_REPORT_DIR:-$build/smoke-report}}
  min_time=0.001
  repetitions=1
else
  out=${1:-${GANFORGE_REPORT_DIR:-$root/report}}
  min_time=0.2
  repetitions=3
fi
started=$SECONDS
step() { printf '\n== [%s] %s (%ds)\n' "$1" "$2" $((SECONDS - started)); }

step 1/5 "Installing missing packages"
"$root/scripts/install-deps.sh" main

step 2/5 "Building the benchmark and the report tool in $build"
cmake -S "$root" -B "$build" -DCMAKE_BUILD_TYPE=Release -DGANFORGE_BENCH_PEERS=ON >/dev/null
# The peers CMake left out (bench/peers/CMakeLists.txt writes peers.tsv:
# name, built or not built, where the package was found, why).
broken_installed=()
while IFS=$'\t' read -r peer state location reason; do
  [[ $state == "not built" ]] || continue
  if [[ -z $location ]] || dpkg-query -S "$location" >/dev/null 2>&1; then
    echo "Peer $peer is not run: its Debian package is installed but does not build: $reason" >&2
    broken_installed+=("$peer")
  else
    echo "Peer $peer is not run: the package found at $location does not build: $reason" >&2
  fi
done <"$build/bench/peers/peers.tsv"
# Only what the report needs: the bench pulls in the runtime, the code
# generator and the generated code of the example models.
cmake --build "$build" -j"$(nproc)" --target ganforge_bench ganforge_onnxruntime_cases ganforge_report ganforge_examples

# The tutorial's worked examples first: their arrays and summaries.
for example in "$build"/examples/example_*; do
  [[ -x "$example" ]] || continue
  echo "-- $(basename "$example")"
  "$example"
done

if $smoke; then
  step 3/5 "Running each benchmark once, one core (smoke run: the figures are not measurements)"
else
  step 3/5 "Running the benchmarks, one core (about 3 minutes on an idle machine; each line is the median of $repetitions runs)"
fi
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

step 4/5 "Timing ONNX Runtime in Node on the same models, weights and inputs"
ort=$build/onnxruntime
ort_tool=$build/bench/onnxruntime/ganforge_onnxruntime_cases
ort_failed=""
rm -rf "$ort/cases"
if ! "$root/scripts/install-onnxruntime.sh" "$ort"; then
  ort_failed="onnxruntime-node could not be installed from npm (see above)"
elif ! "$ort_tool" write "$ort/cases"; then
  ort_failed="the cases could not be written"
elif ! node "$ort/harness.mjs" "$ort/cases" --min-time "$min_time" --repetitions "$repetitions"; then
  ort_failed="the Node harness failed (Node $(node --version 2>&1))"
else
  "$ort_tool" merge "$ort/cases" "$out/results.json" || status=$?
fi
if [[ -n $ort_failed ]]; then
  echo "ONNX Runtime is not run: $ort_failed" >&2
  "$ort_tool" not-run "$out/results.json" "$ort_failed"
  status=1
fi

step 5/5 "Writing the report"
check=()
$smoke && check=(--check-complete)
"$build/bench/report/ganforge_report" "${check[@]}" "$out/results.json" "$out" || status=$?
echo "Done in $((SECONDS - started)) s."
if ((status != 0)); then
  echo "Some engines were not timed (they failed, disagreed with the interpreter or were not built): see $out/report.md" >&2
fi
if ((${#broken_installed[@]})); then
  echo "Installed peers that did not build: ${broken_installed[*]} (see above)" >&2
  ((status != 0)) || status=1
fi
exit $status
