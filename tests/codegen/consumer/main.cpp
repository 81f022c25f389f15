// The generated networks agree with the interpreter on every path this CPU
// has: the project's own model, and models imported from Keras and ONNX files
// (their recorded Keras and PyTorch outputs too), which give the same bits
// from eight threads at once as from one.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <iterator>
#include <span>
#include <string>
#include <thread>
#include <vector>

#include <cgan_mnist_generator_gen.hpp>  // generated networks, from ganforge_add_model
#include <dcgan_nz16_ngf8_64x64_gen.hpp>
#include <tiny_gen.hpp>
#include <unet_tiny_gen.hpp>
#include <unet_tiny_keras_gen.hpp>
#include <upsample_generator_bn_kept_gen.hpp>

#include <ganforge/runtime/tensor_layout.hpp>

#include "imported/cgan_mnist_generator.hpp"   // written by `ganforge import`
#include "imported/dcgan_nz16_ngf8_64x64.hpp"  // PyTorch's DCGAN layout, from its .onnx
#include "imported/unet_tiny.hpp"
#include "imported/unet_tiny_keras.hpp"             // the same U-Net, from its .keras
#include "imported/upsample_generator_bn_kept.hpp"  // Linear -> view -> Upsample + Conv, from its .onnx
#include "tiny_model.hpp"

namespace {

std::vector<float> read_floats(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::vector<char> bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    std::vector<float> v(bytes.size() / sizeof(float));
    std::copy(bytes.begin(), bytes.begin() + std::ptrdiff_t(v.size() * sizeof(float)),
              reinterpret_cast<char*>(v.data()));
    return v;
}

double largest_difference(const std::vector<float>& want, const std::vector<float>& got) {
    if (want.size() != got.size()) return INFINITY;
    double worst = 0, scale = 1;
    for (float v : want) scale = std::max(scale, double(std::fabs(v)));
    for (std::size_t i = 0; i < want.size(); ++i) {
        const double d = std::fabs(double(want[i]) - double(got[i]));
        worst = std::isnan(d) ? INFINITY : std::max(worst, d);
    }
    return worst / scale;
}

int check(const char* what, const char* isa, double difference, double tolerance) {
    const bool ok = difference <= tolerance;
    std::printf("%s, %s: largest difference %g %s\n", what, isa, difference, ok ? "ok" : "FAILED");
    return ok ? 0 : 1;
}

int check_tiny() {
    const auto weights = ganforge::glorot_uniform<consumer::TinyGen>(3);
    constexpr std::size_t batch = 5;
    std::vector<float> input(batch * 16);
    for (std::size_t i = 0; i < input.size(); ++i) input[i] = std::sin(float(i));
    std::vector<float> want(batch * consumer::TinyGen::output_shape.size()), got(want.size());
    ganforge::Interpreter<consumer::TinyGen>(weights).predict(input, want, batch);
    int failures = 0;
    for (ganforge::Isa isa : ganforge::all_isas) {
        if (!ganforge::cpu_supports(isa)) continue;
        const consumer_generated::TinyGenNet net(weights, isa);
        net.predict(input, got, batch);
        failures += check("tiny_gen", net.isa(), largest_difference(want, got), 1e-5);
    }
    return failures;
}

// A reference case in `folder`: the weights from `weights_file`, its inputs
// and the framework's output from `expected`, in the network's layout (the
// ONNX cases' inputs here are latents, the same floats in both layouts).
template <ganforge::Model M, typename Net>
int check_case(const std::string& label, const std::string& folder, const std::string& weights_file,
               const std::string& expected) {
    const ganforge::Weights<M> weights = ganforge::load_weights<M>(weights_file);
    std::vector<std::vector<float>> inputs;
    for (std::size_t k = 0; k < M::input_count; ++k)
        inputs.push_back(read_floats(folder + (M::input_count == 1 ? std::string("input.bin")
                                                                  : "input_" + std::to_string(k) + ".bin")));
    const std::vector<std::span<const float>> spans(inputs.begin(), inputs.end());
    const std::vector<float> keras = read_floats(folder + expected);
    const std::size_t batch = keras.size() / M::output_shape.size();
    std::vector<float> interpreted(keras.size());
    ganforge::Interpreter<M>(weights).predict(spans, interpreted, batch);
    if constexpr (Net::layout == ganforge::TensorLayout::nchw) {
        std::vector<float> nhwc = interpreted;
        ganforge::to_channels_first(nhwc, interpreted, M::output_shape, batch);
    }
    int failures = check((label + " interpreter against Keras").c_str(), "-", largest_difference(keras, interpreted), 1e-4);
    for (ganforge::Isa isa : ganforge::all_isas) {
        if (!ganforge::cpu_supports(isa)) continue;
        const Net net(weights, isa);
        std::vector<float> once(keras.size());
        net.predict(spans, once, batch);
        failures += check((label + " against Keras").c_str(), net.isa(), largest_difference(keras, once), 1e-4);
        failures += check((label + " against the interpreter").c_str(), net.isa(),
                          largest_difference(interpreted, once), 1e-5);
        std::vector<std::vector<float>> outputs(8, std::vector<float>(keras.size()));
        std::vector<std::thread> threads;
        for (std::vector<float>& out : outputs)
            threads.emplace_back([&net, &spans, &out, batch] {
                for (int round = 0; round < 20; ++round) net.predict(spans, out, batch);
            });
        for (std::thread& t : threads) t.join();
        bool identical = true;
        for (const std::vector<float>& out : outputs) identical = identical && std::equal(out.begin(), out.end(), once.begin(),
                                                                                   [](float a, float b) { return std::memcmp(&a, &b, sizeof a) == 0; });
        std::printf("%s, %s: 8 threads %s\n", label.c_str(), net.isa(), identical ? "bit-identical" : "DIFFER");
        failures += identical ? 0 : 1;
    }
    return failures;
}

// A graph case from its model.json, or from `weights_file`.
template <ganforge::Model M, typename Net>
int check_graph(const std::string& name, const std::string& weights_file = {}) {
    const std::string folder = std::string(GRAPH_CASES_DIR) + "/" + name + "/";
    if (weights_file.empty()) return check_case<M, Net>(name, folder, folder + "model.json", "output.bin");
    return check_case<M, Net>(name + " (" + weights_file.substr(weights_file.rfind('/') + 1) + ")", folder,
                              weights_file, "output.bin");
}

// A PyTorch export, declared by `ganforge import` from its model.onnx and
// its weights loaded from it: PyTorch's NCHW output.bin for a network
// generated with LAYOUT nchw, else the same transposed.
template <ganforge::Model M, typename Net>
int check_onnx(const std::string& name) {
    const std::string folder = std::string(ONNX_CASES_DIR) + "/" + name + "/";
    const bool nchw = Net::layout == ganforge::TensorLayout::nchw;
    return check_case<M, Net>(name + " (model.onnx, " + std::string(ganforge::layout_name(Net::layout)) + ")",
                              folder, folder + "model.onnx", nchw ? "output.bin" : "output_nhwc.bin");
}

}  // namespace

int main() {
    int failures = check_tiny();
    failures += check_graph<imported::cgan_mnist_generator::Model, consumer_generated::cgan_mnist_generator_net>(
        "cgan_mnist_generator");
    failures += check_graph<imported::unet_tiny::Model, consumer_generated::unet_tiny_net>("unet_tiny");
    failures += check_graph<imported::unet_tiny_keras::Model, consumer_generated::unet_tiny_keras_net>(
        "unet_tiny", UNET_TINY_KERAS);
    failures += check_onnx<imported::dcgan_nz16_ngf8_64x64::Model, consumer_generated::dcgan_nz16_ngf8_64x64_net>(
        "dcgan_nz16_ngf8_64x64");
    failures += check_onnx<imported::upsample_generator_bn_kept::Model,
                           consumer_generated::upsample_generator_bn_kept_net>("upsample_generator_bn_kept");
    return failures == 0 ? 0 : 1;
}
