# XNNPACK (Debian: libxnnpack-dev), which ships no CMake package. xnnpack.h
# includes pthreadpool.h (libpthreadpool-dev), which it does not depend on.
set(peer_location_variable XNNPACK_INCLUDE_DIR)
find_path(XNNPACK_INCLUDE_DIR xnnpack.h REQUIRED)
find_library(XNNPACK_LIBRARY XNNPACK REQUIRED)
find_library(PTHREADPOOL_LIBRARY pthreadpool REQUIRED)  # the engine makes its own pool
set(peer_libraries ${XNNPACK_LIBRARY} ${PTHREADPOOL_LIBRARY})
set(peer_include_dirs ${XNNPACK_INCLUDE_DIR})
set(peer_compile_options)
set(peer_header xnnpack.h)
