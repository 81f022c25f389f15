# ganforge_add_model(<target> MODEL <type> HEADER <header>
#                    [NAMESPACE <ns>] [CLASS <class>] [CODE_BUDGET <n>]
#                    [LAYOUT nhwc|nchw] [FIXED_SIZE])
#
# Generates C++ specialised to the model type <type> declared in <header> and
# compiles it into the static library <target>, with <target>.hpp on its
# include path: class <ns>::<class> (default: generated::<target>).
#
# How: a small generator program that includes <header> is built and run at
# build time; it writes <target>.hpp, <target>.cpp and one kernel source per
# SIMD path (<target>_avx512.cpp, _avx2.cpp, _portable.cpp, each compiled with
# its own flags). It reruns when <header> or ganforge changes and rewrites
# only files whose content changed. <target>_sources generates without compiling.
#
# <header> may be written at build time, e.g. by `ganforge import` in an
# add_custom_command(OUTPUT <header> ...) of the same folder.
#
# CODE_BUDGET: the most register-tile calls one step's kernel spells out
# (default 256). A step whose tiles fit is unrolled completely, every offset
# a literal; a larger one keeps constant-trip-count loops around its tiles.
#
# LAYOUT nchw: predict takes and returns images channels first (PyTorch's
# NCHW, as an imported ONNX file holds them; default nhwc, Keras'). The
# convolutions at the model's edges read and write that order in place.
#
# A fully convolutional model also gets kernels for images of any size
# (predict_image); FIXED_SIZE leaves them out (less code to compile; the
# network then runs its declared size alone).
include_guard(GLOBAL)
include(CheckCXXCompilerFlag)

# GANFORGE_ISAS (the SIMD paths generated code carries, widest first) and
# GANFORGE_ISA_FLAGS_<isa>, written from the ISA table <ganforge/codegen/isas.inc>.
include(${CMAKE_CURRENT_LIST_DIR}/GanforgeIsas.cmake)

function(ganforge_add_model target)
  cmake_parse_arguments(PARSE_ARGV 1 arg "FIXED_SIZE" "MODEL;HEADER;NAMESPACE;CLASS;CODE_BUDGET;LAYOUT" "")
  if(arg_UNPARSED_ARGUMENTS)
    message(FATAL_ERROR "ganforge_add_model(${target}): unknown arguments ${arg_UNPARSED_ARGUMENTS}")
  endif()
  if(NOT arg_MODEL OR NOT arg_HEADER)
    message(FATAL_ERROR "ganforge_add_model(${target}): MODEL <type> and HEADER <file> are required")
  endif()
  if(NOT arg_NAMESPACE)
    set(arg_NAMESPACE generated)
  endif()
  if(NOT arg_CLASS)
    set(arg_CLASS ${target})
  endif()
  if(NOT arg_LAYOUT)
    set(arg_LAYOUT nhwc)
  elseif(NOT arg_LAYOUT MATCHES "^(nhwc|nchw)$")
    message(FATAL_ERROR "ganforge_add_model(${target}): LAYOUT ${arg_LAYOUT}: not nhwc or nchw")
  endif()
  get_filename_component(header "${arg_HEADER}" ABSOLUTE BASE_DIR "${CMAKE_CURRENT_SOURCE_DIR}")
  # A header written at build time (`ganforge import` in an add_custom_command
  # of the same folder) need not exist yet.
  get_source_file_property(header_generated "${header}" GENERATED)
  if(NOT EXISTS "${header}" AND NOT header_generated)
    message(FATAL_ERROR "ganforge_add_model(${target}): HEADER ${header} does not exist")
  endif()
  get_filename_component(header_name "${header}" NAME)
  # A generated network needs ganforge::network and ganforge::planner alone
  # (the planner plans predict_image's sizes); it also brings
  # ganforge::ganforge (the interpreter, the readers) where that exists, as
  # it always has, and the generator program reads a header that includes
  # <ganforge/ganforge.hpp> with it.
  set(everything)
  if(TARGET ganforge::ganforge)
    set(everything ganforge::ganforge)
  endif()
  set(dir "${CMAKE_CURRENT_BINARY_DIR}/${target}")

  # The generator program: the user's header and one call into ganforge::codegen.
  set(driver "${CMAKE_CURRENT_BINARY_DIR}/${target}_generator.cpp")
  file(CONFIGURE OUTPUT "${driver}" CONTENT
"// Written by ganforge_add_model: the program that generates ${target}.
#include \"${header}\"

#include <ganforge/codegen/generate.hpp>

int main(int argc, char** argv) {
    return ganforge::codegen::generate<${arg_MODEL}>(argc, argv, \"${header_name}\", \"${arg_MODEL}\");
}
")
  add_executable(${target}_generator "${driver}" "${header}")
  target_link_libraries(${target}_generator PRIVATE ganforge::codegen ${everything})

  set(outputs "${dir}/${target}.hpp" "${dir}/${target}.cpp")
  foreach(isa IN LISTS GANFORGE_ISAS)
    list(APPEND outputs "${dir}/${target}_${isa}.cpp")
  endforeach()
  set(generator_options)
  if(arg_CODE_BUDGET)
    list(APPEND generator_options --code-budget ${arg_CODE_BUDGET})
  endif()
  if(arg_FIXED_SIZE)
    list(APPEND generator_options --fixed-size)
  endif()
  # The sources are rewritten only when their content changes, so the stamp
  # (not them) tells make that the generator has run.
  set(stamp "${dir}/${target}.stamp")
  add_custom_command(OUTPUT "${stamp}" BYPRODUCTS ${outputs}
    COMMAND ${target}_generator --output-dir "${dir}" --target ${target}
            --namespace ${arg_NAMESPACE} --class ${arg_CLASS} --layout ${arg_LAYOUT} ${generator_options}
    COMMAND ${CMAKE_COMMAND} -E touch "${stamp}"
    DEPENDS ${target}_generator "${header}"
    COMMENT "ganforge: generating ${target} (${arg_NAMESPACE}::${arg_CLASS}) from ${header_name}: ${arg_MODEL}"
    VERBATIM)
  add_custom_target(${target}_sources DEPENDS "${stamp}")

  add_library(${target} STATIC "${dir}/${target}.hpp" "${dir}/${target}.cpp" "${dir}/${target}_portable.cpp")
  add_dependencies(${target} ${target}_sources)
  target_include_directories(${target} PUBLIC "$<BUILD_INTERFACE:${dir}>")
  target_link_libraries(${target} PUBLIC ganforge::planner ${everything})

  # Each SIMD path is compiled with its own flags, and only if the compiler
  # has them (the portable path, which needs none, always).
  foreach(isa IN LISTS GANFORGE_ISAS)
    if(NOT GANFORGE_ISA_FLAGS_${isa})
      continue()
    endif()
    string(TOUPPER ${isa} ISA)
    list(JOIN GANFORGE_ISA_FLAGS_${isa} " " flags)
    check_cxx_compiler_flag("${flags}" GANFORGE_COMPILER_HAS_${ISA})
    if(GANFORGE_COMPILER_HAS_${ISA})
      target_sources(${target} PRIVATE "${dir}/${target}_${isa}.cpp")
      set_source_files_properties("${dir}/${target}_${isa}.cpp" PROPERTIES COMPILE_OPTIONS "${GANFORGE_ISA_FLAGS_${isa}}")
      target_compile_definitions(${target} PRIVATE GANFORGE_KERNELS_${ISA}=1)
    else()
      target_compile_definitions(${target} PRIVATE GANFORGE_KERNELS_${ISA}=0)
    endif()
  endforeach()
endfunction()
