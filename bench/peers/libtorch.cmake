# libtorch (Debian: libtorch-dev), run on OpenBLAS (scripts/main.sh).
set(peer_location_variable Torch_DIR)
find_package(Torch CONFIG REQUIRED)
set(peer_libraries ${TORCH_LIBRARIES})
set(peer_include_dirs)
set(peer_compile_options ${TORCH_CXX_FLAGS})
set(peer_header ATen/ATen.h)
