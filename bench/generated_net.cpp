#include "bench/generated_net.hpp"

#include <vector>

// With GANFORGE_BENCH_GENERATED this program links every example model's
// generated target; bench/CMakeLists.txt writes the header that includes
// their headers.
#ifdef GANFORGE_BENCH_GENERATED
#include <generated_nets.hpp>
#endif

namespace ganforge::bench {
namespace {

template <class Net>
class GeneratedNetOf final : public GeneratedNet {
public:
    GeneratedNetOf(const WeightStore& weights, std::optional<Isa> isa)
        : net_(isa ? Net(weights, *isa) : Net(weights)) {}

    void predict(Inputs inputs, std::span<float> output, std::size_t batch) const override {
        net_.predict(inputs, output, batch);
    }
    void predict(Inputs inputs, std::span<float> output, std::size_t batch,
                 const ParallelFor& parallel) const override {
        net_.predict(inputs, output, batch, parallel);
    }
    const char* isa() const override { return net_.isa(); }
    TensorLayout layout() const override { return Net::layout; }
    std::size_t step_count() const override { return Net::step_count; }
    std::string_view step_name(std::size_t s) const override { return Net::step_names[s]; }
    std::size_t step_input_size(std::size_t s) const override { return Net::step_input_sizes[s]; }
    std::size_t step_output_size(std::size_t s) const override { return Net::step_output_sizes[s]; }
    std::uint64_t step_macs(std::size_t s) const override { return Net::step_macs[s]; }
    std::uint64_t step_weights(std::size_t s) const override { return Net::step_weights[s]; }
    void run_step(std::size_t s, const float* in, float* out, std::size_t batch) const override {
        net_.run_step(s, in, out, batch);
    }

private:
    Net net_;
};

class GeneratedEngine final : public Engine {
public:
    GeneratedEngine(std::unique_ptr<GeneratedNet> net, const ModelSpec& model, Inputs inputs, std::size_t batch,
                    std::size_t threads)
        : net_(std::move(net)), inputs_(copy_inputs(inputs)), output_shape_(model.output_shape()),
          output_(batch * output_shape_.size()), batch_(batch),
          pool_(threads > 1 ? std::make_unique<ThreadPool>(threads) : nullptr),
          parallel_(pool_ ? pool_->parallel_for() : ParallelFor{}) {
        if (net_->layout() == TensorLayout::nchw)
            for (std::size_t k = 0; k < inputs_.size(); ++k)
                to_channels_first(inputs[k], inputs_[k], model.input_shapes[k], batch);
        spans_.assign(inputs_.begin(), inputs_.end());
    }

    void run() override {
        if (pool_)
            net_->predict(spans_, output_, batch_, parallel_);
        else
            net_->predict(spans_, output_, batch_);
    }
    std::vector<float> output_nhwc() const override {
        if (net_->layout() == TensorLayout::nhwc) return output_;
        std::vector<float> nhwc(output_.size());
        to_channels_last(output_, nhwc, output_shape_, batch_);
        return nhwc;
    }
    std::string label() const override { return net_->isa(); }
    std::optional<std::uint64_t> executed_macs() const override {
        std::uint64_t macs = 0;
        for (std::size_t s = 0; s < net_->step_count(); ++s) macs += net_->step_macs(s);
        return macs;
    }

private:
    std::unique_ptr<GeneratedNet> net_;
    std::vector<std::vector<float>> inputs_;
    std::vector<std::span<const float>> spans_;
    Shape output_shape_;
    std::vector<float> output_;
    std::size_t batch_;
    std::unique_ptr<ThreadPool> pool_;  // made once, outside the timed region; none for one thread
    ParallelFor parallel_;
};

using Maker = std::unique_ptr<GeneratedNet> (*)(const WeightStore&, std::optional<Isa>);

template <class Net>
std::unique_ptr<GeneratedNet> make(const WeightStore& w, std::optional<Isa> isa) {
    return std::make_unique<GeneratedNetOf<Net>>(w, isa);
}

struct Entry {
    std::string_view model;
    Maker make;
};

constexpr Entry entries[] = {
#ifdef GANFORGE_BENCH_GENERATED
#define GANFORGE_EXAMPLE_MODEL(name, type, net, is_tutorial, batch, layout) {#name, &make<generated::net>},
#include "examples/example_models.inc"
#undef GANFORGE_EXAMPLE_MODEL
#endif
    {"", nullptr},  // keeps the array non-empty when no model is generated
};

Maker find(std::string_view model) {
    for (const Entry& e : entries)
        if (e.make && e.model == model) return e.make;
    return nullptr;
}

}  // namespace

std::unique_ptr<GeneratedNet> make_generated_net(std::string_view model, const WeightStore& weights,
                                                 std::optional<Isa> isa) {
    const Maker m = find(model);
    return m ? m(weights, isa) : nullptr;
}

bool has_generated_net(std::string_view model) { return find(model) != nullptr; }

std::unique_ptr<Engine> make_generated_engine(std::unique_ptr<GeneratedNet> net, const ModelSpec& model,
                                              Inputs inputs, std::size_t batch, std::size_t threads) {
    return std::make_unique<GeneratedEngine>(std::move(net), model, inputs, batch, threads);
}

}  // namespace ganforge::bench
