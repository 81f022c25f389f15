# oneDNN (Debian: libdnnl-dev). Its CMake package also loads OpenCL
# (ocl-icd-opencl-dev), which Debian only recommends.
set(peer_location_variable dnnl_DIR)
find_package(dnnl CONFIG REQUIRED)
set(peer_libraries DNNL::dnnl)
set(peer_include_dirs)
set(peer_compile_options)
set(peer_header oneapi/dnnl/dnnl.hpp)
