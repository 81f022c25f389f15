# The readers of Keras, TensorFlow.js and ONNX files and load_weights,
# part of ganforge_runtime. Included from runtime/CMakeLists.txt.
find_package(nlohmann_json 3 REQUIRED GLOBAL)
find_package(HDF5 REQUIRED COMPONENTS CXX GLOBAL)
find_package(libzip REQUIRED GLOBAL)
# ONNX's CMake package names protobuf's target without finding it.
find_package(Protobuf REQUIRED GLOBAL)
find_package(ONNX REQUIRED GLOBAL)

target_sources(ganforge_runtime PRIVATE
  ${CMAKE_CURRENT_LIST_DIR}/file_bytes.cpp
  ${CMAKE_CURRENT_LIST_DIR}/hdf5_file.cpp
  ${CMAKE_CURRENT_LIST_DIR}/keras_config_fields.cpp
  ${CMAKE_CURRENT_LIST_DIR}/keras3_weights.cpp
  ${CMAKE_CURRENT_LIST_DIR}/keras_archive.cpp
  ${CMAKE_CURRENT_LIST_DIR}/keras_h5.cpp
  ${CMAKE_CURRENT_LIST_DIR}/keras_layer_config.cpp
  ${CMAKE_CURRENT_LIST_DIR}/keras_model_config.cpp
  ${CMAKE_CURRENT_LIST_DIR}/load_weights.cpp
  ${CMAKE_CURRENT_LIST_DIR}/model_file.cpp
  ${CMAKE_CURRENT_LIST_DIR}/model_file_kind.cpp
  ${CMAKE_CURRENT_LIST_DIR}/model_header.cpp
  ${CMAKE_CURRENT_LIST_DIR}/onnx_attributes.cpp
  ${CMAKE_CURRENT_LIST_DIR}/onnx_constant.cpp
  ${CMAKE_CURRENT_LIST_DIR}/onnx_convolution.cpp
  ${CMAKE_CURRENT_LIST_DIR}/onnx_model.cpp
  ${CMAKE_CURRENT_LIST_DIR}/tensor_layout.cpp
  ${CMAKE_CURRENT_LIST_DIR}/tfjs_model.cpp
  ${CMAKE_CURRENT_LIST_DIR}/weight_file.cpp
  ${CMAKE_CURRENT_LIST_DIR}/weight_matching.cpp
  ${CMAKE_CURRENT_LIST_DIR}/zip_archive.cpp)
# nlohmann's forward declarations appear in the readers' headers.
target_link_libraries(ganforge_runtime PUBLIC nlohmann_json::nlohmann_json PRIVATE HDF5::HDF5 libzip::zip onnx_proto)
