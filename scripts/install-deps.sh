#!/usr/bin/env bash
# Installs the Debian packages ganforge needs, only those missing; quiet when
# everything is there. Usage: install-deps.sh test|main|fuzz
#
# Packages are installed without their recommendations, so every package a
# build step needs is listed here, also where a listed package only
# recommends it (libdnnl-dev's CMake package loads OpenCL, which it only
# recommends; xnnpack.h includes pthreadpool.h, which libxnnpack-dev does not
# depend on; libzip-dev's CMake package checks that libzip's command-line
# tools, zipcmp, zipmerge and ziptool, are installed; libonnx-dev's CMake
# package links protobuf, whose headers it does not depend on).
set -euo pipefail

packages=(cmake g++ make libfmt-dev libboost-dev libgtest-dev libgmock-dev libbenchmark-dev
          nlohmann-json3-dev libhdf5-dev libzip-dev zipcmp zipmerge ziptool libonnx-dev libprotobuf-dev
          libcli11-dev libpng-dev)
if [[ "${1:-test}" == main ]]; then
  # The peers the benchmark report compares against; libtorch runs on OpenBLAS.
  packages+=(libdnnl-dev ocl-icd-opencl-dev libtorch-dev libxnnpack-dev libpthreadpool-dev libopenblas0-pthread)
fi
if [[ "${1:-test}" == main || "${1:-test}" == test ]]; then
  # npm brings ONNX Runtime (onnxruntime-node, run in Node) and UpscalerJS's
  # trained models. A Node.js and npm already on the machine (from Debian or
  # elsewhere) do; else Debian's.
  if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
    packages+=(nodejs npm)
  fi
fi
if [[ "${1:-test}" == fuzz ]]; then
  # scripts/fuzz.sh: clang with libFuzzer and the sanitizer runtimes, and
  # llvm-symbolizer (llvm-14), which clang's sanitizers need to name the
  # frames of a report (fuzz.sh tells libhdf5's crashes apart by them).
  packages+=(clang-14 libclang-rt-14-dev llvm-14)
fi

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if ((${#missing[@]})); then
  echo "Installing: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
