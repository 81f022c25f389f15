// Every reference case (its own weights and recorded output, and random
// weights) and every edge model (random weights), generated and run on every
// SIMD path this CPU has, against the interpreter at batch 1 and 7.
#include "bundle.hpp"
#include "network_check.hpp"
#include "test_models.hpp"

namespace {

#define GANFORGE_REFCASE_TEST(name, T, folder)                                               \
    TEST(GeneratedRefcase, name) {                                                           \
        codegen_test::expect_matches_reference<T, codegen_test::name>(                       \
            std::filesystem::path(GANFORGE_SHARED_DIR) / folder);                            \
        codegen_test::expect_matches_interpreter<T, codegen_test::name>();                   \
    }
GANFORGE_REFCASE_MODELS(GANFORGE_REFCASE_TEST)

#define GANFORGE_EDGE_TEST(name, T) \
    TEST(GeneratedEdge, name) { codegen_test::expect_matches_interpreter<T, codegen_test::name>(); }
GANFORGE_EDGE_MODELS(GANFORGE_EDGE_TEST)

}  // namespace
