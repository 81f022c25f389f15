// A trained upscaler as a user generates it: UpscalerJS's esrgan-slim x2
// (from npm), imported at 8x8 and generated, runs refcases-sr's 16x16 block
// of the package's fixture through predict_image: TensorFlow.js's output
// within the reference tolerance, the interpreter's within 1e-5, on every
// path, and over threads bit for bit.
#include <filesystem>

#include <gtest/gtest.h>

#include "network_check.hpp"
#include <esrgan_slim_x2.hpp>
#include <gen_esrgan_slim_x2.hpp>

namespace {

TEST(GeneratedUpscaler, RunsATrainedModelAtAnotherSizeAsTensorFlowJs) {
    const std::filesystem::path dir =
        std::filesystem::path(GANFORGE_SHARED_DIR) / "refcases-sr" / "esrgan_slim_x2_fixture_16x16_at56";
    const std::vector<float> input = codegen_test::read_floats(dir / "input.bin");
    const std::vector<float> expected = codegen_test::read_floats(dir / "output.bin");
    using Net = generated::gen_esrgan_slim_x2;
    static_assert(Net::any_size);
    const auto weights = ganforge::load_weights<upscaler::EsrganSlimX2>(
        UPSCALER_MODEL, {.input_shapes = {ganforge::Shape{8, 8, 3}}});
    ASSERT_EQ(expected.size(), std::size_t(32 * 32 * 3));
    std::vector<float> interpreted(expected.size());
    ganforge::Interpreter<upscaler::EsrganSlimX2>(weights).predict_image(input, 16, 16, interpreted);
    ganforge::ThreadPool pool(2);
    for (ganforge::Isa isa : codegen_test::isas_here()) {
        const Net net(weights, isa);
        std::vector<float> got(expected.size()), threaded(expected.size());
        net.predict_image(input, 16, 16, got);
        net.predict_image(input, 16, 16, threaded, 1, pool);
        EXPECT_TRUE(codegen_test::close(expected, got, 1e-4)) << ganforge::isa_name(isa) << " against TensorFlow.js";
        EXPECT_TRUE(codegen_test::close(interpreted, got, 1e-5)) << ganforge::isa_name(isa) << " against the interpreter";
        EXPECT_TRUE(codegen_test::bitwise_equal(got, threaded)) << ganforge::isa_name(isa) << ", 2 threads";
    }
}

}  // namespace
