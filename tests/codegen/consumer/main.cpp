// The generated network agrees with the interpreter on every path this CPU has.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <vector>

#include <tiny_gen.hpp>  // the generated network, from ganforge_add_model

#include "tiny_model.hpp"

int main() {
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
        double worst = 0;
        for (std::size_t i = 0; i < want.size(); ++i) worst = std::max(worst, double(std::fabs(want[i] - got[i])));
        const bool ok = worst <= 1e-5;
        std::printf("%s: largest difference %g %s\n", net.isa(), worst, ok ? "ok" : "FAILED");
        failures += !ok;
    }
    return failures == 0 ? 0 : 1;
}
