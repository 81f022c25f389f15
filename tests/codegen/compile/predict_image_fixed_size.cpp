// predict_image on a network of one size (a noise generator) must stop
// compilation with the message of GeneratedNetwork::require_any_size.
#include <vector>

#include <gen_dcgan64.hpp>

void call(const generated::Dcgan64Net& net) {
    std::vector<float> in(100), out(64 * 64 * 3);
    net.predict_image(in, 64, 64, out);
}
