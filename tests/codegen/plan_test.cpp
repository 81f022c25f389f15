// The planner alone, no generated code compiled: phases and taps against the
// layers' definitions, fusion and folding decisions, the buffer plan, tiles,
// packed layout, and the generator's determinism.
#include <algorithm>
#include <map>
#include <numeric>

#include <gtest/gtest.h>

#include "codegen/emitter.hpp"
#include "codegen/generator.hpp"
#include "codegen/phases.hpp"
#include "codegen/planner.hpp"
#include <ganforge/codegen/version.hpp>
#include "examples/models.hpp"

#include "edge_models.hpp"

namespace {

namespace gf = ganforge;
namespace cg = ganforge::codegen;

// One axis of a convolution-like step run through its phases: output index
// out_start + i * out_step gets the sum, over the taps of i's group, of
// x[i * in_step + offset] * (sum of w over the tap's sources).
std::vector<double> run_phases(const std::vector<cg::AxisPhase>& phases, const std::vector<double>& x,
                               const std::vector<double>& w, int out) {
    std::vector<double> y(std::size_t(out), 0.0);
    std::vector<int> written(std::size_t(out), 0);
    for (const cg::AxisPhase& p : phases) {
        int covered = 0;
        for (const cg::AxisGroup& g : p.groups) {
            EXPECT_EQ(g.begin, covered);  // groups tile the phase in order
            covered = g.end;
            for (int i = g.begin; i < g.end; ++i) {
                const int o = p.out_start + i * p.out_step;
                ++written[std::size_t(o)];
                for (int t : g.taps) {
                    const cg::AxisTap& tap = p.taps[std::size_t(t)];
                    const int at = i * p.in_step + tap.offset;
                    EXPECT_TRUE(at >= 0 && at < int(x.size()));
                    double k = 0;
                    for (int s : tap.sources) k += w[std::size_t(s)];
                    y[std::size_t(o)] += x[std::size_t(at)] * k;
                }
            }
        }
        EXPECT_EQ(covered, p.count);
    }
    for (int n : written) EXPECT_EQ(n, 1);  // every output in exactly one phase
    return y;
}

std::vector<double> ramp(int n, double base) {
    std::vector<double> v(static_cast<std::size_t>(n));
    for (int i = 0; i < n; ++i) v[std::size_t(i)] = base + i * 1.5 + (i % 3) * 0.25;
    return v;
}

// Conv2DTranspose along one axis by its definition (Keras' rule):
// y[i * s + k - floor(P / 2)] += x[i] * w[k], P = max(k - s, 0) for 'same'.
TEST(Phases, ConvTransposeMatchesItsDefinition) {
    for (int in = 1; in <= 5; ++in)
        for (int k = 1; k <= 5; ++k)
            for (int s = 1; s <= 3; ++s)
                for (gf::Padding p : {gf::Padding::valid, gf::Padding::same}) {
                    const int out = int(gf::shape_rules::conv_transpose_output(in, k, s, p));
                    const int crop = p == gf::Padding::same ? std::max(k - s, 0) / 2 : 0;
                    const auto x = ramp(in, 1.0), w = ramp(k, -2.0);
                    std::vector<double> want(std::size_t(out), 0.0);
                    for (int i = 0; i < in; ++i)
                        for (int t = 0; t < k; ++t) {
                            const int o = i * s + t - crop;
                            if (o >= 0 && o < out) want[std::size_t(o)] += x[std::size_t(i)] * w[std::size_t(t)];
                        }
                    const auto phases = cg::conv_transpose_axis(in, k, s, p, out);
                    EXPECT_EQ(run_phases(phases, x, w, out), want) << "in " << in << " k " << k << " s " << s;
                    EXPECT_LE(phases.size(), std::size_t(s));
                }
}

TEST(Phases, ConvTransposeExamplesOfTheReadme) {
    // Input [1, 10, 100], w = [1, 2, 3], s = 2, same -> [1, 2, 13, 20, 130, 200].
    const auto phases = cg::conv_transpose_axis(3, 3, 2, gf::Padding::same, 6);
    EXPECT_EQ(run_phases(phases, {1, 10, 100}, {1, 2, 3}, 6), (std::vector<double>{1, 2, 13, 20, 130, 200}));
    // k = 1 < s = 2: every other output no tap reaches.
    const auto sparse = cg::conv_transpose_axis(2, 1, 2, gf::Padding::valid, 4);
    ASSERT_EQ(sparse.size(), 2u);
    EXPECT_TRUE(sparse[1].taps.empty());
}

// Conv2D after a nearest upsampling by u, along one axis, by its definition:
// upsample, pad, correlate.
TEST(Phases, UpsampledConvMatchesItsDefinition) {
    for (int in = 1; in <= 5; ++in)
        for (int u = 1; u <= 3; ++u)
            for (int k = 1; k <= 5; ++k)
                for (int s = 1; s <= 3; ++s)
                    for (gf::Padding p : {gf::Padding::valid, gf::Padding::same}) {
                        const int up = in * u;
                        if (p == gf::Padding::valid && k > up) continue;
                        const int out = int(gf::shape_rules::conv_output(up, k, s, p));
                        const int pad = p == gf::Padding::same ? std::max((out - 1) * s + k - up, 0) / 2 : 0;
                        const auto x = ramp(in, 0.5), w = ramp(k, -1.0);
                        std::vector<double> want(std::size_t(out), 0.0);
                        for (int o = 0; o < out; ++o)
                            for (int t = 0; t < k; ++t) {
                                const int at = o * s + t - pad;
                                if (at >= 0 && at < up) want[std::size_t(o)] += x[std::size_t(at / u)] * w[std::size_t(t)];
                            }
                        const auto phases = cg::conv_axis(in, u, k, s, p, out);
                        EXPECT_EQ(run_phases(phases, x, w, out), want)
                            << "in " << in << " u " << u << " k " << k << " s " << s;
                        std::size_t taps = 0;
                        for (const auto& ph : phases) taps += ph.taps.size();
                        // Pre-summed: per phase, one tap per distinct input offset, u + k - 1 in all.
                        if (s == 1 && phases.size() == std::size_t(u)) EXPECT_EQ(taps, std::size_t(u + k - 1));
                    }
}

std::size_t count_kind(const cg::Plan& plan, auto pred) {
    return std::size_t(std::count_if(plan.steps.begin(), plan.steps.end(), pred));
}

TEST(Lowering, FusesEveryActivationIntoItsProducer) {
    const cg::Plan plan = cg::make_plan(examples::MnistGen::spec());
    ASSERT_EQ(plan.steps.size(), 4u);
    EXPECT_TRUE(std::holds_alternative<cg::DenseGemm>(plan.steps[0].op));
    for (std::size_t i = 1; i < 3; ++i) {
        const auto& c = std::get<cg::TapConvolution>(plan.steps[i].op);
        EXPECT_EQ(c.row_phases.size() * c.col_phases.size(), 4u);
        ASSERT_EQ(plan.steps[i].epilogue.size(), 1u);
        EXPECT_EQ(plan.steps[i].epilogue[0].kind, cg::PointwiseOp::Kind::leaky_relu);
    }
    EXPECT_EQ(plan.steps[3].epilogue[0].activation, gf::Activation::sigmoid);
}

TEST(Lowering, FoldsBatchNormalizationIntoTheLinearLayerBefore) {
    const cg::Plan plan = cg::make_plan(examples::Dcgan64::spec());
    ASSERT_EQ(plan.steps.size(), 6u);
    for (std::size_t i : {0u, 2u, 3u, 4u}) {  // step 1 copies the first convolution's input, spread
        const cg::Step& s = plan.steps[i];
        const cg::LinearSource& src = i == 0 ? std::get<cg::DenseGemm>(s.op).source
                                             : std::get<cg::TapConvolution>(s.op).source;
        EXPECT_EQ(src.folded.size(), 1u) << s.name;
        EXPECT_TRUE(src.has_bias);  // the fold's shift, although the layer has no bias
        ASSERT_EQ(s.epilogue.size(), 1u);
        EXPECT_EQ(s.epilogue[0].activation, gf::Activation::relu);
    }
}

// Anime64's BatchNormalization follows a ReLU: a scale+shift epilogue.
using Anime64Like = gf::Sequential<
    gf::Input{{128}}, gf::Dense{.units = 2048}, gf::Reshape{{4, 4, 128}},
    gf::Conv2DTranspose{.filters = 64, .kernel_size = {4, 4}, .strides = {2, 2}, .padding = gf::Padding::same,
                        .activation = gf::Activation::relu},
    gf::BatchNormalization{},
    gf::Conv2DTranspose{.filters = 3, .kernel_size = {4, 4}, .padding = gf::Padding::same,
                        .activation = gf::Activation::sigmoid}>;

TEST(Lowering, BatchNormalizationAfterANonlinearityIsAnEpilogue) {
    const cg::Plan plan = cg::make_plan(Anime64Like::spec());
    ASSERT_EQ(plan.steps.size(), 3u);
    const auto& ops = plan.steps[1].epilogue;
    ASSERT_EQ(ops.size(), 2u);
    EXPECT_EQ(ops[0].activation, gf::Activation::relu);
    EXPECT_EQ(ops[1].kind, cg::PointwiseOp::Kind::scale_shift);
    EXPECT_EQ(ops[1].layer, 3u);
}

TEST(Lowering, FusesNearestUpsamplingIntoTheConvolution) {
    cg::PlanOptions o;
    o.collapse_affine_chains = false;
    const cg::Plan plan = cg::make_plan(examples::SeedUpsample::spec(), o);
    ASSERT_EQ(plan.steps.size(), 2u);
    const auto& c = std::get<cg::TapConvolution>(plan.steps[1].op);
    EXPECT_EQ(c.upsample_rows, 2);
    EXPECT_EQ(plan.steps[1].in_shape, (gf::Shape{5, 5, 128}));  // no upsampled buffer
    // 2 pre-summed taps per axis instead of 3, 1 at one border of each phase:
    // 18 taps over the 10 outputs of an axis, 18 x 18 over the image.
    EXPECT_EQ(plan.steps[1].macs, std::size_t(18 * 18 * 128));
    // The weights it streams: 2 x 2 pre-summed taps in each of the 2 x 2
    // phases, where the kernel has 3 x 3; the Dense's are its matrix.
    EXPECT_EQ(cg::step_weight_floats(plan.steps[1]), std::size_t(16 * 128));
    EXPECT_EQ(cg::step_weight_floats(plan.steps[0]), std::size_t(100 * 3200));
}

TEST(Lowering, CollapsesAnAffineChainWhenItIsCheaper) {
    const cg::Plan plan = cg::make_plan(examples::SeedTconv::spec());
    ASSERT_EQ(plan.steps.size(), 1u);
    const auto& d = std::get<cg::DenseGemm>(plan.steps[0].op);
    EXPECT_EQ(d.source.kind, cg::LinearSource::Kind::affine_chain);
    EXPECT_EQ(d.k, 100u);
    EXPECT_EQ(d.n, 100u);
    // Not when a nonlinearity separates the layers.
    EXPECT_EQ(cg::make_plan(examples::MnistGen::spec()).steps.size(), 4u);
}

// A transposed convolution on one input pixel is a matrix product (each
// output pixel one tap): one matrix, its activation the epilogue, unless the
// matrix would outgrow 4 M floats.
using OnePixelLatent = gf::Sequential<
    gf::Input{{1, 1, 8}},
    gf::Conv2DTranspose{.filters = 4, .kernel_size = {3, 3}, .strides = {2, 2}, .activation = gf::Activation::relu},
    gf::Conv2DTranspose{.filters = 2, .kernel_size = {2, 2}, .strides = {2, 2}, .padding = gf::Padding::same}>;
using WideOnePixel = gf::Sequential<gf::Input{{1, 1, 1024}},
                                    gf::Conv2DTranspose{.filters = 512, .kernel_size = {4, 4}}>;
TEST(Lowering, ATransposedConvolutionOnOnePixelIsOneMatrix) {
    const cg::Plan plan = cg::make_plan(OnePixelLatent::spec());
    ASSERT_EQ(plan.steps.size(), 2u);
    const auto& d = std::get<cg::DenseGemm>(plan.steps[0].op);
    EXPECT_EQ(d.source.kind, cg::LinearSource::Kind::affine_chain);
    EXPECT_EQ(d.source.first, 0u);
    EXPECT_EQ(d.source.last, 0u);
    EXPECT_EQ(d.k, 8u);
    EXPECT_EQ(d.n, std::size_t(3 * 3 * 4));
    ASSERT_EQ(plan.steps[0].epilogue.size(), 1u);
    EXPECT_EQ(plan.steps[0].epilogue[0].activation, gf::Activation::relu);
    EXPECT_TRUE(std::holds_alternative<cg::TapConvolution>(plan.steps[1].op));  // its input is 3x3
    EXPECT_TRUE(std::holds_alternative<cg::TapConvolution>(cg::make_plan(WideOnePixel::spec()).steps[0].op));
}

TEST(Lowering, NothingToComputeIsACopy) {
    const cg::Plan plan = cg::make_plan(gf::make_model_spec(gf::Shape{3, 4, 5}, {}));
    ASSERT_EQ(plan.steps.size(), 1u);
    EXPECT_TRUE(std::holds_alternative<cg::Pointwise>(plan.steps[0].op));
    EXPECT_TRUE(plan.steps[0].epilogue.empty());
    EXPECT_EQ(plan.arena_floats, 0u);
}

TEST(BufferPlan, NeighboursNeverOverlapAndThePeakIsTheLargestPair) {
    for (const gf::ModelSpec& m : {examples::MnistGen::spec(), examples::CifarGen::spec(), examples::Dcgan64::spec()}) {
        const cg::Plan plan = cg::make_plan(m);
        std::size_t peak = 0;
        for (std::size_t i = 0; i + 1 < plan.steps.size(); ++i) {
            const cg::Step& s = plan.steps[i];
            ASSERT_EQ(s.out.where, cg::BufferRef::Where::arena);
            EXPECT_EQ(s.out.offset % 16, 0u);
            EXPECT_LE(s.out.offset + plan.chunk * s.out_shape.size(), plan.arena_floats);
            if (i > 0) {
                const cg::Step& p = plan.steps[i - 1];
                const bool apart = s.out.offset >= p.out.offset + plan.chunk * p.out_shape.size() ||
                                   p.out.offset >= s.out.offset + plan.chunk * s.out_shape.size();
                EXPECT_TRUE(apart) << s.name;
            }
            peak = std::max(peak, s.out_shape.size() + (i ? plan.steps[i - 1].out_shape.size() : 0));
        }
        EXPECT_LE(plan.arena_floats, plan.chunk * peak + 32);
        EXPECT_EQ(plan.steps.front().in.where, cg::BufferRef::Where::input);
        EXPECT_EQ(plan.steps.back().out.where, cg::BufferRef::Where::output);
    }
}

// The step named `prefix...`.
const cg::Step& step_named(const cg::Plan& plan, std::string_view prefix) {
    for (const cg::Step& s : plan.steps)
        if (s.name.starts_with(prefix)) return s;
    ADD_FAILURE() << "no step " << prefix;
    return plan.steps.front();
}

// The index of that step, for its schedule in an IsaPlan.
std::size_t step_index(const cg::Plan& plan, std::string_view prefix) {
    return std::size_t(&step_named(plan, prefix) - plan.steps.data());
}

bool copies(const cg::Plan& plan) {
    return std::any_of(plan.steps.begin(), plan.steps.end(),
                       [](const cg::Step& s) { return s.name.find("cop") != std::string::npos; });
}

TEST(GraphBufferPlan, StoragesAliveTogetherNeverOverlap) {
    for (const gf::ModelSpec& m : {edge::GraphUnet::spec(), edge::GraphJoins::spec(), edge::GraphInputs::spec(),
                                   edge::GraphResidual::spec(), edge::GraphLabels::spec(), edge::GraphPadCrop::spec(),
                                   edge::GraphBranchSums::spec(), edge::PaddedInPlace::spec(), edge::CropReaders::spec()}) {
        const cg::Plan plan = cg::make_plan(m);
        // Arena storages (first float, floats) and the steps touching each.
        std::map<std::pair<std::size_t, std::size_t>, std::pair<std::size_t, std::size_t>> lives;
        for (std::size_t i = 0; i < plan.steps.size(); ++i) {
            const cg::Step& s = plan.steps[i];
            for (const cg::BufferRef* b : {&s.in, &s.out}) {
                if (b->where != cg::BufferRef::Where::arena || b->image == 0) continue;
                const std::pair key{b->offset - b->within, plan.chunk * b->image};
                EXPECT_EQ(key.first % 16, 0u) << s.name;
                EXPECT_LE(key.first + key.second, plan.arena_floats) << s.name;
                auto [it, fresh] = lives.try_emplace(key, i, i);
                it->second.second = i;
            }
        }
        for (const auto& [a, la] : lives)
            for (const auto& [b, lb] : lives) {
                if (a == b || la.second < lb.first || lb.second < la.first) continue;
                EXPECT_TRUE(a.first + a.second <= b.first || b.first + b.second <= a.first)
                    << "arena [" << a.first << ", +" << a.second << ") and [" << b.first << ", +" << b.second
                    << ") live together";
            }
        EXPECT_EQ(plan.steps.back().out.where, cg::BufferRef::Where::output);
    }
}

TEST(GraphLowering, ConcatenateOperandsAreWrittenInTheirSlices) {
    const cg::Plan plan = cg::make_plan(edge::GraphUnet::spec());
    EXPECT_FALSE(copies(plan));
    const cg::Step& e1 = step_named(plan, "e1:");
    const cg::Step& d1 = step_named(plan, "d1:");
    EXPECT_EQ(e1.out.pixel, 16u);  // the joined tensor's channels
    EXPECT_EQ(e1.out.within, 8u);  // after d1's 8
    EXPECT_EQ(d1.out.pixel, 16u);
    EXPECT_EQ(d1.out.within, 0u);
    EXPECT_EQ(e1.out.offset - e1.out.within, d1.out.offset);
    EXPECT_EQ(step_named(plan, "e2:").in, e1.out);  // the next convolution reads it through strides
}

TEST(GraphLowering, MergesWriteIntoAnOperandNothingElseReads) {
    const cg::Plan plan = cg::make_plan(edge::GraphResidual::spec());
    EXPECT_FALSE(copies(plan));
    // add1 = map + c2: c1 reads the block's input too, so c2's buffer becomes the sum.
    const cg::Step& merge1 = step_named(plan, "add1: Add input 0");
    EXPECT_TRUE(std::holds_alternative<cg::Merge>(merge1.op));
    EXPECT_EQ(merge1.in.offset, step_named(plan, "dense:").out.offset);  // the Reshape's view of it
    EXPECT_EQ(merge1.out, step_named(plan, "c2:").out);
    // add2 = c3 + up: up is read by c3 too, so c3 writes the sum; up merges in.
    const cg::Step& merge2 = step_named(plan, "add2: Add input 1");
    EXPECT_EQ(merge2.out, step_named(plan, "c3:").out);
    EXPECT_EQ(merge2.in, step_named(plan, "up:").out);
    // The ReLU after add1 is the merge's epilogue.
    ASSERT_EQ(merge1.epilogue.size(), 1u);
    EXPECT_EQ(merge1.epilogue[0].activation, gf::Activation::relu);
}

TEST(GraphLowering, AnAddOfBranchesStartsTheLaterLinearStepsFromTheSum) {
    const cg::Plan plan = cg::make_plan(edge::GraphBranchSums::spec());
    EXPECT_FALSE(copies(plan));
    for (std::string_view later : {"b:", "c_dense:"}) {
        const cg::Step& s = step_named(plan, later);
        EXPECT_TRUE(cg::linear_source(s).adds_to_output) << s.name;
        EXPECT_EQ(s.out, step_named(plan, "a:").out) << s.name;
    }
    EXPECT_TRUE(cg::linear_source(step_named(plan, "n2:")).adds_to_output);
    EXPECT_FALSE(cg::linear_source(step_named(plan, "a:")).adds_to_output);
    for (const cg::Step& s : plan.steps) EXPECT_FALSE(std::holds_alternative<cg::Merge>(s.op)) << s.name;
    // The ReLU after the sum is the epilogue of the sum's last writer.
    const cg::Step& last = step_named(plan, "c_dense:");
    ASSERT_EQ(last.epilogue.size(), 1u);
    EXPECT_EQ(last.epilogue[0].activation, gf::Activation::relu);
}

TEST(GraphLowering, EmbeddingIsAGatherWithItsEpilogue) {
    const cg::Plan plan = cg::make_plan(edge::GraphLabels::spec());
    const cg::Step& g = step_named(plan, "embed:");
    ASSERT_TRUE(std::holds_alternative<cg::Gather>(g.op));
    EXPECT_EQ(std::get<cg::Gather>(g.op).labels, 3u);
    EXPECT_EQ(g.in.where, cg::BufferRef::Where::input);
    EXPECT_EQ(g.in.input, 1u);
    ASSERT_EQ(g.epilogue.size(), 1u);
    EXPECT_EQ(g.epilogue[0].kind, cg::PointwiseOp::Kind::leaky_relu);
}

TEST(GraphLowering, PaddingBeforeAConvolutionIsFoldedIntoIt) {
    const cg::Plan plan = cg::make_plan(edge::PaddedConvs::spec());
    ASSERT_EQ(plan.steps.size(), 3u);  // three convolutions, no padded tensor
    for (const cg::Step& s : plan.steps) EXPECT_TRUE(std::holds_alternative<cg::TapConvolution>(s.op)) << s.name;
    EXPECT_EQ(plan.steps[0].in_shape, (gf::Shape{7, 6, 3}));
    // The 4-wide padding around a 2x2 kernel: the outer rows see only zeros.
    const auto& rows = std::get<cg::TapConvolution>(plan.steps[1].op).row_phases;
    ASSERT_EQ(rows.size(), 1u);
    EXPECT_TRUE(rows[0].groups.front().taps.empty());
    EXPECT_TRUE(rows[0].groups.back().taps.empty());
}

// Pixels 512 floats apart (or a multiple) share L1 sets: a convolution reads
// them 16 floats further apart, one cache line.
TEST(Lowering, ConvolutionsReadPixelsThatShareCacheSetsALineApart) {
    const cg::Plan dcgan = cg::make_plan(examples::Dcgan64::spec());
    // The Dense's output is a Reshape's view, its layout fixed: copied.
    const cg::Step& copy = step_named(dcgan, "conv2d_transpose_1: its input 4x4x1024 copied");
    EXPECT_TRUE(std::holds_alternative<cg::Pointwise>(copy.op));
    const cg::Step& t1 = step_named(dcgan, "conv2d_transpose_1: Conv2DTranspose");
    EXPECT_EQ(t1.in, copy.out);
    EXPECT_EQ(t1.in.pixel, 1040u);
    EXPECT_EQ(t1.in.row, 4u * 1040u);
    // A convolution's 512 channels, read by the next one alone: written spread.
    const cg::Step& t2 = step_named(dcgan, "conv2d_transpose_2:");
    EXPECT_EQ(t2.in, t1.out);
    EXPECT_EQ(t2.in.pixel, 528u);
    EXPECT_EQ(t2.in.image, 8u * 8u * 528u);
    EXPECT_EQ(step_named(dcgan, "conv2d_transpose_3:").in.pixel, 256u);  // 1 KiB apart: four sets, left alone
    EXPECT_EQ(dcgan.steps.size(), 6u);

    const cg::Plan graph = cg::make_plan(edge::AliasingPixels::spec());
    const cg::Step& a = step_named(graph, "a: Conv2D");
    EXPECT_EQ(a.in.where, cg::BufferRef::Where::arena);  // the model input, copied once for a and c
    EXPECT_EQ(a.in.pixel, 528u);
    EXPECT_EQ(step_named(graph, "c: Conv2D").in, a.in);
    EXPECT_EQ(step_named(graph, "b: Conv2D").in, a.out);  // read by b alone
    EXPECT_EQ(a.out.pixel, 528u);
    const cg::Step& m = step_named(graph, "m: Conv2D");
    const cg::Step& n = step_named(graph, "n: Conv2D");
    EXPECT_EQ(m.out.pixel, 512u + 4u + 16u);  // written into its slice of the join
    EXPECT_EQ(n.in.pixel, 528u);              // a copy
    EXPECT_EQ(step_named(graph, "n: its input 3x2x512 copied").in, m.out);
}

TEST(GraphLowering, PaddingReadByOtherLayersIsABorderAroundItsInput) {
    const cg::Plan plan = cg::make_plan(edge::GraphPadCrop::spec());
    EXPECT_NO_FATAL_FAILURE(step_named(plan, "padded + valid: ZeroPadding2D + Conv2D"));
    // The input's padding is cropped, not convolved: a border, and the input copied inside (an input is never
    // written); the crop is read in place.
    const cg::Step& border = step_named(plan, "input_padded: ZeroPadding2D border");
    ASSERT_TRUE(std::holds_alternative<cg::ZeroBorder>(border.op));
    const cg::Step& copy = step_named(plan, "input_padded: ZeroPadding2D interior");
    EXPECT_EQ(copy.out.row, 8u * 3u);             // the padded tensor's rows
    EXPECT_EQ(copy.out.within, (8u + 1u) * 3u);  // one row and one column of padding before
    EXPECT_EQ(copy.out.offset - copy.out.within, border.out.offset);
    // A convolution's output padded and cropped: written into the interior in place.
    const cg::Plan in_place = cg::make_plan(edge::PaddedInPlace::spec());
    for (const cg::Step& s : in_place.steps) EXPECT_EQ(s.name.find("interior"), std::string::npos) << s.name;
    const cg::Step& conv = step_named(in_place, "conv:");
    EXPECT_EQ(conv.out.row, 8u * 4u);
    EXPECT_EQ(conv.out.within, 8u * 4u);
    EXPECT_EQ(conv.out.offset - conv.out.within, step_named(in_place, "padded:").out.offset);
}

cg::Plan channels_first_plan(const gf::ModelSpec& m) {
    cg::PlanOptions o;
    o.layout = gf::TensorLayout::nchw;
    return cg::make_plan(m, o);
}

// Channels first, the convolutions at the edges read the input and write the
// output in place: the same steps as channels last, only strides differ.
TEST(ChannelsFirst, TheConvolutionsAtTheEdgesReadAndWriteInPlace) {
    for (const gf::ModelSpec& m : {examples::Dcgan64::spec(), edge::PaddedConvs::spec(), edge::NarrowOutputs::spec()}) {
        const cg::Plan last = cg::make_plan(m), first = channels_first_plan(m);
        ASSERT_EQ(first.steps.size(), last.steps.size());
        for (std::size_t i = 0; i < first.steps.size(); ++i) EXPECT_EQ(first.steps[i].name, last.steps[i].name);
        for (std::size_t i = 1; i + 1 < first.steps.size(); ++i) {
            EXPECT_EQ(first.steps[i].in, last.steps[i].in) << first.steps[i].name;
            EXPECT_EQ(first.steps[i].out, last.steps[i].out) << first.steps[i].name;
        }
    }
    const cg::Plan dcgan = channels_first_plan(examples::Dcgan64::spec());
    const cg::Step& out = dcgan.steps.back();
    EXPECT_EQ(out.out.where, cg::BufferRef::Where::output);
    EXPECT_EQ(out.out.channel, 64u * 64u);
    EXPECT_EQ(out.out.pixel, 1u);
    EXPECT_EQ(out.out.row, 64u);
    EXPECT_EQ(out.out.image, 64u * 64u * 3u);
    EXPECT_FALSE(out.out.dense_for(out.out_shape));
    const cg::Plan padded = channels_first_plan(edge::PaddedConvs::spec());
    const cg::Step& in = padded.steps.front();  // a 7x6x3 input
    EXPECT_EQ(in.in.where, cg::BufferRef::Where::input);
    EXPECT_EQ(in.in.channel, 7u * 6u);
    EXPECT_EQ(in.in.pixel, 1u);
    EXPECT_EQ(in.in.row, 6u);
    // A latent, a one-channel image: both orders are the same floats.
    const cg::Plan mnist = channels_first_plan(examples::MnistGen::spec());
    EXPECT_EQ(mnist.steps.front().in.channel, 1u);
    EXPECT_EQ(mnist.steps.back().out.channel, 1u);
}

// Other steps read channels adjacent: an input held channels first is copied
// channels last before them, and an output they write is copied channels
// first after them (one step each, the only ones added).
TEST(ChannelsFirst, OtherStepsAtTheEdgesGetATransposingCopy) {
    const cg::Plan up = channels_first_plan(edge::BilinearConv::spec());  // starts with a bilinear UpSampling2D
    ASSERT_EQ(up.steps.size(), cg::make_plan(edge::BilinearConv::spec()).steps.size() + 1);
    EXPECT_TRUE(std::holds_alternative<cg::Pointwise>(up.steps.front().op));
    EXPECT_NE(up.steps.front().name.find("copied channels last"), std::string::npos) << up.steps.front().name;
    EXPECT_EQ(up.steps.front().in.channel, 4u * 5u);
    EXPECT_EQ(up.steps.front().out.channel, 1u);
    const cg::Plan sizes = channels_first_plan(edge::UpsampleSizes::spec());  // ends with a bilinear UpSampling2D
    ASSERT_EQ(sizes.steps.size(), cg::make_plan(edge::UpsampleSizes::spec()).steps.size() + 2);
    const cg::Step& copy = sizes.steps.back();
    EXPECT_TRUE(std::holds_alternative<cg::Pointwise>(copy.op));
    EXPECT_EQ(copy.in.channel, 1u);
    EXPECT_EQ(copy.out.channel, 18u * 24u);  // 3x2 upsampled to 18x24
    EXPECT_EQ(copy.out.where, cg::BufferRef::Where::output);
}

// A channel-strided input is read a value at a time (wide tiles), a
// channel-strided output written once per value (not accumulated tap by tap).
using StreamedWeightsLast = gf::Sequential<gf::Input{{4, 4, 1024}},
                                           gf::Conv2DTranspose{.filters = 512, .kernel_size = {5, 5},
                                                               .strides = {2, 2}, .padding = gf::Padding::same}>;
TEST(ChannelsFirst, ScheduleReadsAndWritesChannelStridedTensorsOnce) {
    for (gf::Isa isa : gf::all_isas) {
        EXPECT_FALSE(cg::schedule(cg::make_plan(edge::NarrowOutputs::spec()), isa).steps.front().linear.wide);
        const cg::IsaPlan in = cg::schedule(channels_first_plan(edge::NarrowOutputs::spec()), isa);
        EXPECT_TRUE(in.steps.front().linear.wide) << gf::isa_name(isa);
        EXPECT_TRUE(cg::schedule(cg::make_plan(StreamedWeightsLast::spec()), isa).steps.back().linear.tap_major)
            << gf::isa_name(isa);
        const cg::IsaPlan out = cg::schedule(channels_first_plan(StreamedWeightsLast::spec()), isa);
        EXPECT_FALSE(out.steps.back().linear.tap_major) << gf::isa_name(isa);
    }
}

TEST(Schedule, TilesCoverEveryRegionOnceAndWeightsAreAligned) {
    for (gf::Isa isa : gf::all_isas) {
        const cg::Plan plan = cg::make_plan(examples::Dcgan64::spec());
        const cg::IsaPlan ip = cg::schedule(plan, isa);
        for (std::size_t i = 0; i < plan.steps.size(); ++i) {
            const auto* conv = std::get_if<cg::TapConvolution>(&plan.steps[i].op);
            if (!conv) continue;
            for (const cg::PhaseSchedule& p : ip.steps[i].linear.phases) {
                const cg::AxisPhase& rp = conv->row_phases[std::size_t(p.row_phase)];
                const cg::AxisPhase& cp = conv->col_phases[std::size_t(p.col_phase)];
                auto count = [&](const std::vector<cg::TileBlock>& tiles, std::vector<int>& hits) {
                    for (const cg::TileBlock& b : tiles)
                        for (int a = 0; a < b.row_count * b.shape.rows; ++a)
                            for (int c = 0; c < b.col_count * b.shape.cols; ++c)
                                ++hits[std::size_t((b.row0 + a) * cp.count + b.col0 + c)];
                };
                std::vector<int> hits(std::size_t(rp.count * cp.count), 0);
                for (const cg::Region& r : p.regions) count(r.tiles, hits);
                if (ip.steps[i].linear.tap_major) {
                    // Each tap covers its outputs once; every output is reached.
                    EXPECT_EQ(p.taps.size(), std::size_t(p.packed_taps));
                    std::vector<int> reached(hits.size(), 0);
                    for (const cg::TapTiles& t : p.taps) {
                        std::vector<int> once(hits.size(), 0);
                        count(t.tiles, once);
                        EXPECT_TRUE(std::all_of(once.begin(), once.end(), [](int h) { return h <= 1; }));
                        for (std::size_t k = 0; k < once.size(); ++k) reached[k] += once[k];
                    }
                    EXPECT_TRUE(std::all_of(reached.begin(), reached.end(), [](int h) { return h >= 1; }));
                } else {
                    EXPECT_TRUE(std::all_of(hits.begin(), hits.end(), [](int h) { return h == 1; }));
                }
                EXPECT_EQ(p.weights % 16, 0u);
                EXPECT_LT(p.weights, ip.packed_floats);
            }
        }
    }
}

TEST(Schedule, WeightsThatLeaveTheCacheAreReadTapByTap) {
    // Dcgan64's first transposed convolution: 52 MB of weights on a 4x4 input.
    const cg::IsaPlan ip = cg::schedule(cg::make_plan(examples::Dcgan64::spec()), gf::Isa::avx512);
    EXPECT_TRUE(ip.steps[2].linear.tap_major);
    const cg::IsaPlan mnist = cg::schedule(cg::make_plan(examples::MnistGen::spec()), gf::Isa::avx512);
    EXPECT_FALSE(mnist.steps[2].linear.tap_major);  // 256 KB of weights per phase: they stay in L2
}

TEST(Schedule, WeightsFromL2CostTheBytesOfTheIsasVectors) {
    // Pix2pix256's d5 cycles through 512 KB of weights per block and phase,
    // from L2 whatever the block's width. With one vector of 8 filters a tile
    // loads a broadcast per FMA; two vectors of 8 (32 bytes each, half of
    // AVX-512's) keep both FMA pipes busy on fewer loads and as many bytes
    // from L2 per cycle.
    const cg::Plan unet = cg::make_plan(examples::Pix2Pix256::spec());
    EXPECT_GE(cg::schedule(unet, gf::Isa::avx2).steps[step_index(unet, "d5:")].linear.vectors, 2);
}

TEST(Schedule, WideStepsPrefetchTheirWeightsWhenTheModelsWeightsOutgrowL2) {
    // dcgan64's 75 MB of weights come from memory on every call: every wide
    // linear step prefetches them.
    const cg::Plan dcgan = cg::make_plan(examples::Dcgan64::spec());
    // seed_upsample's 100x100 matrix stays in cache from call to call.
    const cg::Plan seed = cg::make_plan(examples::SeedUpsample::spec());
    for (gf::Isa isa : gf::all_isas) {
        const cg::IsaPlan big = cg::schedule(dcgan, isa);
        for (std::size_t i = 0; i < dcgan.steps.size(); ++i) {
            const cg::LinearSchedule& ls = big.steps[i].linear;
            const bool linear = std::holds_alternative<cg::DenseGemm>(dcgan.steps[i].op) ||
                                std::holds_alternative<cg::TapConvolution>(dcgan.steps[i].op);
            EXPECT_EQ(ls.weight_prefetch > 0, linear && ls.wide) << gf::isa_name(isa) << " " << dcgan.steps[i].name;
        }
        for (const cg::StepSchedule& ss : cg::schedule(seed, isa).steps)
            EXPECT_EQ(ss.linear.weight_prefetch, 0u) << gf::isa_name(isa);
    }
}

TEST(Schedule, TapMajorOnlyWhileAChunksImagesStayInL2OrTheWeightsOutweighThem) {
    // dcgan64 on AVX-512, a chunk of 16 images: the first transposed
    // convolution reads 52 MB of weights against 1 MB of the chunk's inputs,
    // each tap once per chunk; the third reads 3.3 MB of weights against 4 MB
    // of inputs and 2 MB of a block's outputs, which a tap-major pass would
    // read again from L3 for every tap.
    const cg::Plan dcgan = cg::make_plan(examples::Dcgan64::spec());
    ASSERT_GE(dcgan.chunk, 8u);
    const cg::IsaPlan ip = cg::schedule(dcgan, gf::Isa::avx512);
    EXPECT_TRUE(ip.steps[step_index(dcgan, "conv2d_transpose_1: Conv2DTranspose")].linear.tap_major);
    EXPECT_FALSE(ip.steps[step_index(dcgan, "conv2d_transpose_3:")].linear.tap_major);
}

TEST(Schedule, ImagesGoOneByOneThroughTheBlocksWhenThatReadsLessFromBeyondL2) {
    for (gf::Isa isa : {gf::Isa::avx512, gf::Isa::avx2}) {
        // Region-major, 8 blocks x 4 phases reading 128 KB of input per
        // image, 1 MB of weights: a chunk's inputs and a block's share of its
        // outputs (3 MB) leave L2 between the passes; one image's stay.
        const cg::Plan cifar = cg::make_plan(examples::CifarGen::spec());
        EXPECT_TRUE(cg::schedule(cifar, isa).steps[step_index(cifar, "conv2d_transpose_3:")].linear.images_outer)
            << gf::isa_name(isa);
        // Region-major, 98 KB of input and 392 KB of output per image, 1 MB of weights.
        const cg::Plan mnist = cg::make_plan(examples::MnistGen::spec());
        EXPECT_TRUE(cg::schedule(mnist, isa).steps[step_index(mnist, "conv2d_transpose_2:")].linear.images_outer)
            << gf::isa_name(isa);
        // 2 MB of weights, 16 KB of input per image: the chunk reads the weights once.
        EXPECT_FALSE(cg::schedule(cifar, isa).steps[step_index(cifar, "conv2d_transpose_1:")].linear.images_outer)
            << gf::isa_name(isa);
    }
    // Tap-major on AVX-512: 8 MB of weights, 167 KB read again for every tap
    // per image, 2.7 MB for the chunk's: image by image. 32 MB of weights,
    // 1.2 MB read again per tap for the chunk: block by block.
    const cg::Plan dcgan = cg::make_plan(examples::Dcgan64::spec());
    const cg::IsaPlan ip = cg::schedule(dcgan, gf::Isa::avx512);
    const cg::LinearSchedule& first = ip.steps[step_index(dcgan, "conv2d_transpose_1: Conv2DTranspose")].linear;
    const cg::LinearSchedule& second = ip.steps[step_index(dcgan, "conv2d_transpose_2:")].linear;
    ASSERT_TRUE(first.tap_major && second.tap_major);
    EXPECT_FALSE(first.images_outer);
    EXPECT_TRUE(second.images_outer);
}

TEST(Schedule, FewOutputChannelsVectoriseOverInputChannels) {
    const cg::Plan plan = cg::make_plan(examples::MnistGen::spec());  // last Conv2D: 128 -> 1
    for (gf::Isa isa : gf::all_isas) {
        const cg::IsaPlan ip = cg::schedule(plan, isa);
        EXPECT_FALSE(ip.steps[3].linear.wide) << gf::isa_name(isa);
        EXPECT_TRUE(ip.steps[2].linear.wide) << gf::isa_name(isa);
    }
}

// A narrow convolution goes band by band of rows through its phases; a
// band's input fits half the 512 KiB L2 budget, and there are at least 8
// parts for threads to share.
TEST(Schedule, NarrowConvolutionsCutLargeInputsIntoBandsThatStayInL2) {
    const cg::Plan plan = cg::make_plan(edge::NarrowBands::spec());
    for (gf::Isa isa : gf::all_isas) {
        const cg::IsaPlan ip = cg::schedule(plan, isa);
        const cg::StepSchedule &tconv = ip.steps.front(), &conv = ip.steps.back();
        ASSERT_FALSE(tconv.linear.wide || conv.linear.wide) << gf::isa_name(isa);
        EXPECT_EQ(tconv.linear.phases.size(), 4u);
        EXPECT_EQ(tconv.parts, 4u * 3) << gf::isa_name(isa);  // 67x45x64 floats: 771840 bytes
        EXPECT_EQ(conv.parts, 9u) << gf::isa_name(isa);       // 134x90x48 floats: 2315520 bytes
    }
    const cg::IsaPlan mnist = cg::schedule(cg::make_plan(examples::MnistGen::spec()), gf::Isa::avx512);
    EXPECT_EQ(mnist.steps.back().parts, 8u);  // 392 KB, one phase: 8 parts for threads
}

// The longest line of a phase's tiles.
int longest_line(const cg::LinearSchedule& ls) {
    int most = 0;
    for (const cg::PhaseSchedule& p : ls.phases)
        for (const cg::Region& r : p.regions)
            for (const cg::TileBlock& b : r.tiles) most = std::max(most, b.shape.pixels());
    return most;
}

TEST(Schedule, NarrowLinesReadTheirWeightsFromL1WhenThatMakesThemLonger) {
    // cifar_gen's last Conv2D (3x3, 3 outputs): AVX2's 16 registers hold
    // three taps' weights for three outputs (9) beside one pixel's
    // accumulators; read from L1 instead, four pixels fit. AVX-512 holds them
    // beside seven pixels and keeps them.
    const cg::Plan cifar = cg::make_plan(examples::CifarGen::spec());
    for (gf::Isa isa : {gf::Isa::avx2, gf::Isa::portable}) {
        const cg::IsaPlan ip = cg::schedule(cifar, isa);
        const cg::LinearSchedule& last = ip.steps.back().linear;
        ASSERT_FALSE(last.wide) << gf::isa_name(isa);
        EXPECT_FALSE(last.narrow_weights_held) << gf::isa_name(isa);
        EXPECT_EQ(longest_line(last), 4) << gf::isa_name(isa);
    }
    const cg::IsaPlan avx512 = cg::schedule(cifar, gf::Isa::avx512);
    const cg::LinearSchedule& wide_registers = avx512.steps.back().linear;
    EXPECT_TRUE(wide_registers.narrow_weights_held);
    EXPECT_GT(longest_line(wide_registers), 4);
}

TEST(Schedule, TheCodeBudgetDecidesWhatIsUnrolled) {
    const cg::Plan plan = cg::make_plan(examples::MnistGen::spec());
    const cg::IsaPlan none = cg::schedule(plan, gf::Isa::avx512, {.code_budget = 0});
    const cg::IsaPlan all = cg::schedule(plan, gf::Isa::avx512, {.code_budget = 1'000'000});
    for (std::size_t i = 1; i < 4; ++i) {
        EXPECT_FALSE(none.steps[i].unrolled);
        EXPECT_TRUE(all.steps[i].unrolled);
    }
}

TEST(Generator, SameModelSameBytesAndNoPath) {
    cg::GeneratorOptions o;
    o.header_name = "models.hpp";
    o.model_type = "examples::CifarGen";
    o.target = "gen_cifar_gen";
    o.class_name = "CifarGenNet";
    const auto a = cg::generate_files(examples::CifarGen::spec(), o);
    const auto b = cg::generate_files(examples::CifarGen::spec(), o);
    ASSERT_EQ(a.size(), 5u);
    for (std::size_t i = 0; i < a.size(); ++i) {
        EXPECT_EQ(a[i].content, b[i].content) << a[i].name;
        EXPECT_EQ(a[i].content.rfind("// Generated by ganforge " GANFORGE_VERSION_STRING
                                     " from models.hpp: examples::CifarGen. Do not edit.\n", 0), 0u);
        EXPECT_EQ(a[i].content.find("/work"), std::string::npos);
    }
    EXPECT_NE(a[0].content.find("static_assert(GANFORGE_VERSION_MAJOR =="), std::string::npos);
}

TEST(Generator, RunsFromItsCommandLine) {
    const std::string dir = ::testing::TempDir() + "/ganforge_generator_cli";
    std::vector<std::string> args{"gen", "--output-dir", dir, "--target", "t", "--class", "T", "--code-budget", "8"};
    std::vector<char*> argv;
    for (std::string& a : args) argv.push_back(a.data());
    EXPECT_EQ(cg::generator_main(examples::SeedTconv::spec(), int(argv.size()), argv.data(), "m.hpp", "M"), 0);
    for (const char* f : {"t.hpp", "t.cpp", "t_avx512.cpp", "t_avx2.cpp", "t_portable.cpp"})
        EXPECT_TRUE(std::filesystem::exists(dir + "/" + f)) << f;
    args[8] = "eight";
    argv.clear();
    for (std::string& a : args) argv.push_back(a.data());
    EXPECT_EQ(cg::generator_main(examples::SeedTconv::spec(), int(argv.size()), argv.data(), "m.hpp", "M"), 1);
    std::filesystem::remove_all(dir);
}

}  // namespace

namespace {

// The any-size plan of a model at another size has the steps of its plan at
// the declared size (what predict_image checks before running the kernels):
// the U-Net's innermost tensor is 1x1 at its declared size and 2x2 at twice
// it; the image-to-image edge model's stride-2 'same' convolution pads by
// the size's parity.
template <gf::Model M>
void expect_same_structure(std::vector<gf::ImageExtent> extents) {
    const gf::ModelSpec model = M::spec();
    const std::uint64_t declared = cg::plan_structure_hash(cg::make_plan(model, cg::any_size_plan_options()));
    const gf::ModelSpec resized = gf::resized_model(model, extents);
    const cg::Plan other = cg::make_plan(resized, cg::any_size_plan_options());
    EXPECT_EQ(cg::plan_structure_hash(other), declared)
        << extents[0].height << "x" << extents[0].width << ":\n" << cg::plan_structure(other);
}

TEST(AnySizePlan, HasTheStepsOfTheDeclaredSizeAtOtherSizes) {
    expect_same_structure<examples::Pix2Pix256>({{512, 512}});
    expect_same_structure<examples::Pix2Pix256>({{256, 768}});
    expect_same_structure<edge::ImageToImageAnySize>({{7, 9}});
    expect_same_structure<edge::ImageToImageAnySize>({{31, 64}});
    expect_same_structure<edge::PixelShuffleSum>({{64, 3}});
}

// A DepthToSpace that a Conv2D alone reads is no step of its own: the
// convolution reads through it, each tap its own block's channels.
TEST(Lowering, ConvolutionsReadThroughADepthToSpace) {
    const cg::Plan plan = cg::make_plan(edge::ShuffleConv::spec());
    for (const cg::Step& s : plan.steps) EXPECT_FALSE(std::holds_alternative<cg::Remap>(s.op)) << s.name;
    ASSERT_EQ(plan.steps.size(), 4u);
    const auto& conv = std::get<cg::TapConvolution>(plan.steps[1].op);
    EXPECT_EQ(conv.shuffle, 2);
    EXPECT_EQ(plan.steps[1].in_shape, (gf::Shape{5, 6, 4}));  // the pre-shuffle rows and columns, a block's channels
    ASSERT_EQ(conv.row_phases.size(), 2u);                     // output rows by parity
    for (const cg::AxisPhase& p : conv.row_phases) EXPECT_EQ(p.taps.size(), 3u);  // none summed
}

TEST(AnySizePlan, OnlyForModelsThatTakeOtherSizes) {
    cg::GeneratorOptions o;
    EXPECT_TRUE(cg::any_size_path(examples::Pix2Pix256::spec(), o));
    EXPECT_FALSE(cg::any_size_path(examples::Dcgan64::spec(), o));        // noise in
    EXPECT_FALSE(cg::any_size_path(edge::DenseOnImage::spec(), o));       // a Dense after Flatten
    EXPECT_FALSE(cg::any_size_path(edge::ImageToImage::spec(), o));       // a PReLU slope per pixel
    o.fixed_size = true;
    EXPECT_FALSE(cg::any_size_path(examples::Pix2Pix256::spec(), o));
}

}  // namespace
