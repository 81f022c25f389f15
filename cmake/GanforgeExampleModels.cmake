# Reads examples/example_models.inc: GANFORGE_EXAMPLE_MODELS, the example
# models' names in order, and for each name GANFORGE_EXAMPLE_TYPE_<name> (its
# type in examples/models.hpp), GANFORGE_EXAMPLE_CLASS_<name> (its
# generated class) and GANFORGE_EXAMPLE_LAYOUT_<name> (its images' layout).
set(ganforge_examples_manifest ${PROJECT_SOURCE_DIR}/examples/example_models.inc)
set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS ${ganforge_examples_manifest})
file(STRINGS ${ganforge_examples_manifest} ganforge_examples_rows REGEX "^GANFORGE_EXAMPLE_MODEL\\(")
set(GANFORGE_EXAMPLE_MODELS)
foreach(ganforge_examples_row IN LISTS ganforge_examples_rows)
  if(NOT ganforge_examples_row MATCHES "^GANFORGE_EXAMPLE_MODEL\\(([a-z0-9_]+), ([A-Za-z0-9_]+), ([A-Za-z0-9_]+), (true|false), ([0-9]+), (nhwc|nchw)\\)$")
    message(FATAL_ERROR "${ganforge_examples_manifest}: cannot read '${ganforge_examples_row}'")
  endif()
  list(APPEND GANFORGE_EXAMPLE_MODELS ${CMAKE_MATCH_1})
  set(GANFORGE_EXAMPLE_TYPE_${CMAKE_MATCH_1} ${CMAKE_MATCH_2})
  set(GANFORGE_EXAMPLE_CLASS_${CMAKE_MATCH_1} ${CMAKE_MATCH_3})
  set(GANFORGE_EXAMPLE_LAYOUT_${CMAKE_MATCH_1} ${CMAKE_MATCH_6})
endforeach()
