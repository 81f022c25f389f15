# ganforge_library(<name> [INTERFACE] EXPORT <set> [SOURCES <source>...] HEADERS <header>...)
#
# One of ganforge's libraries: the target ganforge_<name> (file
# libganforge_<name>), used as ganforge::<name> inside the build and from the
# package. HEADERS are its installed headers, named under the include/ganforge/
# folder beside the calling CMakeLists.txt and included as <ganforge/...>;
# nothing else of the folder is installed. It goes into the export set <set>
# (ganforgeConfig.cmake loads each set where its dependencies are found).
# INTERFACE: a header-only library, without SOURCES.
function(ganforge_library name)
  cmake_parse_arguments(PARSE_ARGV 1 arg "INTERFACE" "EXPORT" "SOURCES;HEADERS")
  if(arg_UNPARSED_ARGUMENTS OR NOT arg_EXPORT OR NOT arg_HEADERS)
    message(FATAL_ERROR "ganforge_library(${name}): EXPORT and HEADERS are required; unknown: ${arg_UNPARSED_ARGUMENTS}")
  endif()
  set(target ganforge_${name})
  if(arg_INTERFACE)
    add_library(${target} INTERFACE)
    set(scope INTERFACE)
  else()
    add_library(${target} ${arg_SOURCES})
    set(scope PUBLIC)
    set_target_properties(${target} PROPERTIES POSITION_INDEPENDENT_CODE ON)
    target_compile_features(${target} PUBLIC cxx_std_20)
    target_compile_options(${target} PRIVATE ${GANFORGE_WARNINGS})
  endif()
  add_library(ganforge::${name} ALIAS ${target})
  set_target_properties(${target} PROPERTIES EXPORT_NAME ${name})
  list(TRANSFORM arg_HEADERS PREPEND ${CMAKE_CURRENT_SOURCE_DIR}/include/ganforge/)
  target_sources(${target} ${scope} FILE_SET HEADERS BASE_DIRS ${CMAKE_CURRENT_SOURCE_DIR}/include
    FILES ${arg_HEADERS})
  install(TARGETS ${target} EXPORT ${arg_EXPORT} FILE_SET HEADERS
    ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR} LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR})
endfunction()
