// ONNX graphs built in a test with onnx's protobuf classes, read as
// ganforge reads a file, and run through the interpreter: what the ONNX
// reader's tests share.
#pragma once

#include <optional>
#include <span>
#include <string>
#include <vector>

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <onnx/onnx_pb.h>

#include <ganforge/core/error.hpp>
#include <ganforge/readers/read_options.hpp>
#include <ganforge/runtime/interpreter.hpp>
#include <ganforge/runtime/tensor_layout.hpp>
#include "readers/onnx_model.hpp"

namespace onnx_test {

namespace gf = ganforge;

// A graph built in the test: inputs, initializers, nodes; read as
// "test.onnx" with `options`.
struct Graph {
    onnx::ModelProto model;
    gf::ReadOptions options;
    onnx::GraphProto& graph() { return *model.mutable_graph(); }

    explicit Graph(long long opset = 13) {
        model.set_ir_version(7);
        auto* o = model.add_opset_import();
        o->set_domain("");
        o->set_version(opset);
        graph().set_name("test");
        graph().add_output()->set_name("y");
    }
    // A dim < 0 is symbolic: "batch" first, "d<i>" after.
    void input(const std::string& name, std::vector<long long> dims, int type = onnx::TensorProto::FLOAT) {
        auto* in = graph().add_input();
        in->set_name(name);
        auto* t = in->mutable_type()->mutable_tensor_type();
        t->set_elem_type(type);
        for (std::size_t i = 0; i < dims.size(); ++i) {
            auto* dim = t->mutable_shape()->add_dim();
            if (dims[i] >= 0) dim->set_dim_value(dims[i]);
            else dim->set_dim_param(i == 0 ? "batch" : "d" + std::to_string(i));
        }
    }
    // Values 0.01 * (i % 17) - 0.08: small, varied, reproducible.
    void weight(const std::string& name, std::vector<long long> dims) {
        auto* t = graph().add_initializer();
        t->set_name(name);
        t->set_data_type(onnx::TensorProto::FLOAT);
        std::size_t n = 1;
        for (const long long d : dims) {
            t->add_dims(d);
            n *= std::size_t(d);
        }
        for (std::size_t i = 0; i < n; ++i) t->add_float_data(0.01f * float(i % 17) - 0.08f);
    }
    void ints(const std::string& name, std::vector<long long> values) {
        onnx::TensorProto* t = graph().add_initializer();
        *t = int_tensor(values);
        t->set_name(name);
    }
    // A Constant node, as torch.onnx.export writes one, named and giving
    // `out`: int64 (or float) values of `dims`, 1-D when not given.
    void int_constant(const std::string& out, std::vector<long long> values,
                      std::optional<std::vector<long long>> dims = std::nullopt) {
        *tensor_attribute(node("Constant", {}, {out}, out), "value") = int_tensor(values, dims);
    }
    void float_constant(const std::string& out, std::vector<float> values,
                        std::optional<std::vector<long long>> dims = std::nullopt) {
        onnx::TensorProto& t = *tensor_attribute(node("Constant", {}, {out}, out), "value");
        t.set_data_type(onnx::TensorProto::FLOAT);
        for (const long long d : dims.value_or(std::vector<long long>{(long long)values.size()})) t.add_dims(d);
        for (const float v : values) t.add_float_data(v);
    }
    onnx::NodeProto& node(const std::string& op, std::vector<std::string> in, std::vector<std::string> out,
                          const std::string& name = "") {
        auto* n = graph().add_node();
        n->set_op_type(op);
        n->set_name(name.empty() ? op : name);
        for (const auto& i : in) n->add_input(i);
        for (const auto& o : out) n->add_output(o);
        return *n;
    }
    static onnx::TensorProto int_tensor(const std::vector<long long>& values,
                                        std::optional<std::vector<long long>> dims = std::nullopt) {
        onnx::TensorProto t;
        t.set_data_type(onnx::TensorProto::INT64);
        for (const long long d : dims.value_or(std::vector<long long>{(long long)values.size()})) t.add_dims(d);
        for (const long long v : values) t.add_int64_data(v);
        return t;
    }
    static onnx::TensorProto* tensor_attribute(onnx::NodeProto& n, const std::string& name) {
        auto* a = n.add_attribute();
        a->set_name(name);
        a->set_type(onnx::AttributeProto::TENSOR);
        return a->mutable_t();
    }
    static void ints_attribute(onnx::NodeProto& n, const std::string& name, std::vector<long long> v) {
        auto* a = n.add_attribute();
        a->set_name(name);
        a->set_type(onnx::AttributeProto::INTS);
        for (const long long x : v) a->add_ints(x);
    }
    static void int_attribute(onnx::NodeProto& n, const std::string& name, long long v) {
        auto* a = n.add_attribute();
        a->set_name(name);
        a->set_type(onnx::AttributeProto::INT);
        a->set_i(v);
    }
    static void float_attribute(onnx::NodeProto& n, const std::string& name, float v) {
        auto* a = n.add_attribute();
        a->set_name(name);
        a->set_type(onnx::AttributeProto::FLOAT);
        a->set_f(v);
    }
    static void text_attribute(onnx::NodeProto& n, const std::string& name, const std::string& v) {
        auto* a = n.add_attribute();
        a->set_name(name);
        a->set_type(onnx::AttributeProto::STRING);
        a->set_s(v);
    }
    gf::ModelWithWeights read() const { return gf::read_onnx_model(model.SerializeAsString(), "test.onnx", options); }
};

// The interpreter on one NCHW (or flat) input per model input: its output,
// NCHW.
inline std::vector<float> run(const gf::ModelWithWeights& m, const std::vector<std::vector<float>>& nchw,
                              std::size_t batch) {
    const gf::ModelSpec& spec = m.weights.model();
    std::vector<std::vector<float>> in;
    for (std::size_t k = 0; k < nchw.size(); ++k) {
        in.emplace_back(nchw[k].size());
        gf::to_channels_last(nchw[k], in.back(), spec.input_shapes[k], batch);
    }
    std::vector<float> out(batch * spec.output_shape().size()), nchw_out(out.size());
    gf::InterpreterCore(m.weights).predict(std::vector<std::span<const float>>(in.begin(), in.end()), out, batch);
    gf::to_channels_first(out, nchw_out, spec.output_shape(), batch);
    return nchw_out;
}

inline std::vector<float> ramp(std::size_t n) {
    std::vector<float> v(n);
    for (std::size_t i = 0; i < n; ++i) v[i] = 0.1f * float(i % 7) - 0.3f;
    return v;
}

// Reading g is one ganforge::Error that names test.onnx and holds each part.
inline void expect_error(const Graph& g, const std::vector<std::string>& parts) {
    try {
        g.read();
        ADD_FAILURE() << "no error";
    } catch (const gf::Error& e) {
        const std::string what = e.what();
        EXPECT_THAT(what, ::testing::StartsWith("test.onnx: "));
        for (const auto& p : parts) EXPECT_THAT(what, ::testing::HasSubstr(p));
    }
}

}  // namespace onnx_test
