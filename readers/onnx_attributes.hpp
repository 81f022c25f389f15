// One ONNX node's attributes, read by name with ONNX's defaults; every
// attribute the node carries must be read by its operator's translation, so
// an attribute ganforge does not know is an error naming it, never ignored.
#pragma once

#include <set>
#include <string>
#include <vector>

namespace onnx {
class NodeProto;
class TensorProto;
}

namespace ganforge {

class OnnxAttributes {
public:
    // `context` ("model.onnx: node 'conv1' (Conv)") starts every error.
    OnnxAttributes(const onnx::NodeProto& node, std::string context);

    bool has(const std::string& name) const;
    long long integer(const std::string& name, long long fallback);
    float number(const std::string& name, float fallback);
    std::string text(const std::string& name, const std::string& fallback);
    std::vector<long long> integers(const std::string& name, std::vector<long long> fallback);
    std::vector<float> numbers(const std::string& name);
    const onnx::TensorProto* tensor(const std::string& name);
    // Marks an attribute read without using its value (it cannot change
    // inference, as momentum).
    void ignore(const std::string& name);

    // Throws for the first attribute no translation read.
    void check_all_read() const;
    [[noreturn]] void fail(const std::string& problem) const;
    const std::string& context() const { return context_; }

private:
    const void* find(const std::string& name, int type);

    const onnx::NodeProto& node_;
    std::string context_;
    std::set<std::string> read_;
};

}  // namespace ganforge
