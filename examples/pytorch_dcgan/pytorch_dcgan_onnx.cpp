#include "pytorch_dcgan_onnx.hpp"

#include <cstring>
#include <random>
#include <string>
#include <vector>

namespace examples {
namespace {

void add_dim(onnx::TensorShapeProto& shape, long long value) {
    auto* d = shape.add_dim();
    if (value < 0) d->set_dim_param("batch");
    else d->set_dim_value(value);
}

void signature(onnx::ValueInfoProto& v, const std::string& name, std::vector<long long> dims) {
    v.set_name(name);
    auto* t = v.mutable_type()->mutable_tensor_type();
    t->set_elem_type(onnx::TensorProto::FLOAT);
    for (const long long d : dims) add_dim(*t->mutable_shape(), d);
}

template <typename F>
void initializer(onnx::GraphProto& g, const std::string& name, std::vector<long long> dims, F value) {
    auto* t = g.add_initializer();
    t->set_name(name);
    t->set_data_type(onnx::TensorProto::FLOAT);
    std::size_t n = 1;
    for (const long long d : dims) {
        t->add_dims(d);
        n *= std::size_t(d);
    }
    std::string raw(n * sizeof(float), '\0');
    for (std::size_t i = 0; i < n; ++i) {
        const float v = value();
        std::memcpy(raw.data() + i * sizeof(float), &v, sizeof v);
    }
    t->set_raw_data(std::move(raw));
}

void ints(onnx::NodeProto& n, const std::string& name, std::vector<long long> values) {
    auto* a = n.add_attribute();
    a->set_name(name);
    a->set_type(onnx::AttributeProto::INTS);
    for (const long long v : values) a->add_ints(v);
}

void one(onnx::NodeProto& n, const std::string& name, long long i) {
    auto* a = n.add_attribute();
    a->set_name(name);
    a->set_type(onnx::AttributeProto::INT);
    a->set_i(i);
}

void number(onnx::NodeProto& n, const std::string& name, float f) {
    auto* a = n.add_attribute();
    a->set_name(name);
    a->set_type(onnx::AttributeProto::FLOAT);
    a->set_f(f);
}

}  // namespace

onnx::ModelProto pytorch_dcgan_onnx(int nz, int ngf, int nc, std::uint64_t seed) {
    onnx::ModelProto m;
    m.set_ir_version(7);
    m.set_producer_name("pytorch");
    m.set_producer_version("1.13.0");
    m.add_opset_import()->set_version(13);  // the default domain, left unset as the export leaves it
    onnx::GraphProto& g = *m.mutable_graph();
    g.set_name("torch_jit");
    // No check reads the values (the tests compare structure, the benchmark
    // times its own weights), so the standard library's distributions do.
    std::mt19937_64 random(seed);
    auto normal = [&](double mean, double sd) { return float(std::normal_distribution<double>(mean, sd)(random)); };
    // Module main.<k>: the Sequential's index, as the export names it.
    const int channels[] = {nz, ngf * 8, ngf * 4, ngf * 2, ngf, nc};
    std::string x = "z";
    for (int layer = 0; layer < 5; ++layer) {
        const std::string conv = "main." + std::to_string(3 * layer);
        initializer(g, conv + ".weight", {channels[layer], channels[layer + 1], 4, 4},
                    [&] { return normal(0.0, 0.02); });
        auto* c = g.add_node();
        c->set_op_type("ConvTranspose");
        c->set_name("/main/" + conv + "/ConvTranspose");
        c->add_input(x);
        c->add_input(conv + ".weight");
        x = "/main/" + conv + "/ConvTranspose_output_0";
        c->add_output(x);
        ints(*c, "dilations", {1, 1});
        one(*c, "group", 1);
        ints(*c, "kernel_shape", {4, 4});
        const long long p = layer == 0 ? 0 : 1, s = layer == 0 ? 1 : 2;
        ints(*c, "pads", {p, p, p, p});
        ints(*c, "strides", {s, s});
        const std::string next = "/main/main." + std::to_string(3 * layer + 1);
        if (layer == 4) {
            auto* t = g.add_node();
            t->set_op_type("Tanh");
            t->set_name(next + "/Tanh");
            t->add_input(x);
            t->add_output("output");
            break;
        }
        const std::string bn = "main." + std::to_string(3 * layer + 1);
        const long long f = channels[layer + 1];
        initializer(g, bn + ".weight", {f}, [&] { return normal(1.0, 0.02); });
        initializer(g, bn + ".bias", {f}, [] { return 0.0f; });
        initializer(g, bn + ".running_mean", {f}, [&] { return normal(0.0, 0.1); });
        initializer(g, bn + ".running_var", {f}, [&] { return float(std::uniform_real_distribution<double>(0.5, 1.5)(random)); });
        auto* b = g.add_node();
        b->set_op_type("BatchNormalization");
        b->set_name(next + "/BatchNormalization");
        b->add_input(x);
        for (const char* p : {".weight", ".bias", ".running_mean", ".running_var"}) b->add_input(bn + p);
        x = next + "/BatchNormalization_output_0";
        b->add_output(x);
        number(*b, "epsilon", 1e-5f);
        number(*b, "momentum", 0.9f);
        const std::string relu = "/main/main." + std::to_string(3 * layer + 2);
        auto* r = g.add_node();
        r->set_op_type("Relu");
        r->set_name(relu + "/Relu");
        r->add_input(x);
        x = relu + "/Relu_output_0";
        r->add_output(x);
    }
    signature(*g.add_input(), "z", {-1, nz, 1, 1});
    signature(*g.add_output(), "output", {-1, nc, 64, 64});
    return m;
}

}  // namespace examples
