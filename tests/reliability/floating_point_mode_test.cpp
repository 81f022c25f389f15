// What predict does to the caller's floating-point mode (core/flush_denormals.hpp):
// inside the call denormals are zeros (flush-to-zero, denormals-are-zero) on
// every engine, whatever the caller's mode; after it, the caller's mode is
// what it was, also when the call throws.
#include <cmath>
#include <vector>

#include <gtest/gtest.h>

#if defined(__SSE__)
#include <xmmintrin.h>
#endif

#include "model_engines.hpp"
#include "probe_models.hpp"

namespace {

#if defined(__SSE__)
constexpr unsigned flush_bits = _MM_FLUSH_ZERO_ON | 0x0040u;  // FTZ and DAZ

// Sets FTZ and DAZ as asked, for the test's thread.
void set_flush(bool on) { _mm_setcsr((_mm_getcsr() & ~flush_bits) | (on ? flush_bits : 0u)); }
unsigned flush_state() { return _mm_getcsr() & flush_bits; }

// Every kernel weight 1 and every bias 0, so that an output is a plain sum
// of inputs: of denormal inputs, a denormal (or small normal) sum in IEEE
// arithmetic, exactly zero with denormals read as zeros.
ganforge::WeightStore summing_weights(const ganforge::ModelSpec& model) {
    ganforge::WeightStore w = reliability::probe_weights(model, 1);
    for (const ganforge::WeightEntry& e : w.entries())
        for (float& v : w.tensor(e)) v = e.tensor.role == ganforge::WeightRole::kernel ? 1.0f : 0.0f;
    return w;
}

template <class M>
void expect_denormals_are_zeros(bool caller_flushes) {
    const ganforge::ModelSpec model = M::spec();
    const std::vector<float> tiny(model.input_shape().size(), 1e-39f);  // FLT_MIN is 1.18e-38
    for (const reliability::Engine& e : reliability::engines<M>(summing_weights(model))) {
        set_flush(caller_flushes);
        const std::vector<float> out = e.run(tiny, 1, model.output_shape().size());
        EXPECT_EQ(flush_state(), caller_flushes ? flush_bits : 0u) << e.name << ": the caller's mode changed";
        for (std::size_t i = 0; i < out.size(); ++i)
            ASSERT_EQ(std::fpclassify(out[i]), FP_ZERO) << e.name << ", output " << i << " is " << out[i];
    }
    set_flush(false);
}

// The same sum in the test's own IEEE arithmetic is not zero: the zeros above
// come from the mode predict sets.
TEST(FloatingPointMode, IeeeArithmeticKeepsDenormals) {
    set_flush(false);
    volatile float a = 1e-39f, b = 1e-39f;
    EXPECT_NE(a + b, 0.0f);
}

TEST(FloatingPointMode, PredictComputesDenormalsAsZerosAndRestoresTheCallersMode) {
    for (const bool caller_flushes : {false, true}) {
        expect_denormals_are_zeros<probes::Dense>(caller_flushes);
        expect_denormals_are_zeros<probes::ConvSame>(caller_flushes);
        expect_denormals_are_zeros<probes::TconvSameStride2>(caller_flushes);
        expect_denormals_are_zeros<probes::LinearChain>(caller_flushes);
    }
}

TEST(FloatingPointMode, APredictThatThrowsRestoresTheCallersMode) {
    const ganforge::ModelSpec model = probes::ConvSame::spec();
    for (const reliability::Engine& e : reliability::engines<probes::ConvSame>(summing_weights(model))) {
        set_flush(false);
        std::vector<float> in(model.input_shape().size()), out(model.output_shape().size() - 1);
        EXPECT_THROW(e.predict(in, out, 1), ganforge::Error) << e.name;
        EXPECT_EQ(flush_state(), 0u) << e.name;
    }
}
#endif

}  // namespace
