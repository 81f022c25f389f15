# A peer whose CMake package fails to load is left out and reported; the
# build configures with the rest. Configures this project in BUILD with
# fixtures/broken-prefix first on CMAKE_PREFIX_PATH (a dnnl-config.cmake that
# requires a package that does not exist) and checks what
# bench/peers/CMakeLists.txt recorded. Variables: SOURCE (the project), BUILD,
# FIXTURE (the broken prefix), GENERATOR, CXX.
file(REMOVE_RECURSE ${BUILD})
execute_process(
  COMMAND ${CMAKE_COMMAND} -S ${SOURCE} -B ${BUILD} -G ${GENERATOR} -DCMAKE_CXX_COMPILER=${CXX}
          -DCMAKE_BUILD_TYPE=Release -DBUILD_TESTING=OFF -DGANFORGE_BENCH_PEERS=ON
          -DCMAKE_PREFIX_PATH=${FIXTURE}
  RESULT_VARIABLE result OUTPUT_VARIABLE out ERROR_VARIABLE out)
if(NOT result EQUAL 0)
  message(FATAL_ERROR "the configure failed with a broken peer on the prefix path:\n${out}")
endif()
string(REGEX REPLACE "[ \n]+" " " flat "${out}")  # CMake wraps its warnings
if(NOT flat MATCHES "peer onednn left out: [^\n]*GanforgeAbsentOpenCL")
  message(FATAL_ERROR "the configure did not warn that oneDNN was left out, and why:\n${out}")
endif()

file(READ ${BUILD}/bench/peers/peers.tsv table)
if(NOT table MATCHES "(^|\n)onednn\tnot built\t${FIXTURE}/lib/cmake/dnnl\t[^\n]*GanforgeAbsentOpenCL")
  message(FATAL_ERROR "peers.tsv does not name the broken oneDNN, where it was found and why:\n${table}")
endif()
foreach(peer libtorch xnnpack)
  if(NOT table MATCHES "(^|\n)${peer}\t(built|not built)\t")
    message(FATAL_ERROR "peers.tsv has no row for ${peer}:\n${table}")
  endif()
endforeach()

file(READ ${BUILD}/bench/peers/peers_not_built.cpp source)
if(NOT source MATCHES "{\"onednn\", R\"why\\([^\n]*GanforgeAbsentOpenCL")
  message(FATAL_ERROR "the bench is not told that oneDNN was left out, and why:\n${source}")
endif()
file(REMOVE_RECURSE ${BUILD})
