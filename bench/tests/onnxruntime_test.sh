#!/usr/bin/env bash
# ONNX Runtime (in Node, as the report times it) against the interpreter on
# every peer case. Usage: onnxruntime_test.sh ROOT CASES_TOOL WORK_DIR
# Skipped (status 77) when Node.js or npm is not installed.
set -euo pipefail
root=$1 tool=$2 work=$3
for t in node npm; do
  command -v "$t" >/dev/null || { echo "$t is not installed: skipped"; exit 77; }
done
"$root/scripts/install-onnxruntime.sh" "$work/onnxruntime"
rm -rf "$work/cases"
"$tool" write "$work/cases"
node "$work/onnxruntime/harness.mjs" "$work/cases" --min-time 0.0001 --repetitions 1
"$tool" check "$work/cases"
