#include "readers/onnx_attributes.hpp"

#include <fmt/format.h>
#include <onnx/onnx_pb.h>

#include <ganforge/core/error.hpp>

namespace ganforge {

OnnxAttributes::OnnxAttributes(const onnx::NodeProto& node, std::string context)
    : node_(node), context_(std::move(context)) {}

void OnnxAttributes::fail(const std::string& problem) const { throw Error(fmt::format("{}: {}", context_, problem)); }

bool OnnxAttributes::has(const std::string& name) const {
    for (const onnx::AttributeProto& a : node_.attribute())
        if (a.name() == name) return true;
    return false;
}

const void* OnnxAttributes::find(const std::string& name, int type) {
    for (const onnx::AttributeProto& a : node_.attribute()) {
        if (a.name() != name) continue;
        read_.insert(name);
        if (a.type() != type)
            fail(fmt::format("attribute '{}' is a {} where ONNX has a {}", name,
                             onnx::AttributeProto::AttributeType_Name(a.type()),
                             onnx::AttributeProto::AttributeType_Name(onnx::AttributeProto::AttributeType(type))));
        return &a;
    }
    return nullptr;
}

long long OnnxAttributes::integer(const std::string& name, long long fallback) {
    const auto* a = static_cast<const onnx::AttributeProto*>(find(name, onnx::AttributeProto::INT));
    return a ? a->i() : fallback;
}

float OnnxAttributes::number(const std::string& name, float fallback) {
    const auto* a = static_cast<const onnx::AttributeProto*>(find(name, onnx::AttributeProto::FLOAT));
    return a ? a->f() : fallback;
}

std::string OnnxAttributes::text(const std::string& name, const std::string& fallback) {
    const auto* a = static_cast<const onnx::AttributeProto*>(find(name, onnx::AttributeProto::STRING));
    return a ? a->s() : fallback;
}

std::vector<long long> OnnxAttributes::integers(const std::string& name, std::vector<long long> fallback) {
    const auto* a = static_cast<const onnx::AttributeProto*>(find(name, onnx::AttributeProto::INTS));
    return a ? std::vector<long long>(a->ints().begin(), a->ints().end()) : fallback;
}

std::vector<float> OnnxAttributes::numbers(const std::string& name) {
    const auto* a = static_cast<const onnx::AttributeProto*>(find(name, onnx::AttributeProto::FLOATS));
    return a ? std::vector<float>(a->floats().begin(), a->floats().end()) : std::vector<float>{};
}

const onnx::TensorProto* OnnxAttributes::tensor(const std::string& name) {
    const auto* a = static_cast<const onnx::AttributeProto*>(find(name, onnx::AttributeProto::TENSOR));
    return a ? &a->t() : nullptr;
}

void OnnxAttributes::ignore(const std::string& name) { read_.insert(name); }

void OnnxAttributes::check_all_read() const {
    for (const onnx::AttributeProto& a : node_.attribute())
        if (!read_.contains(a.name())) fail(fmt::format("attribute '{}' is not supported", a.name()));
}

}  // namespace ganforge
