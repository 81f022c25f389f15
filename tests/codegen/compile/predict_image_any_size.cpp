// predict_image on a fully convolutional model's network compiles.
#include <vector>

#include <gen_pix2pix256.hpp>

void call(const generated::Pix2Pix256Net& net) {
    std::vector<float> in(512 * 256 * 3), out(512 * 256 * 3);
    net.predict_image(in, 512, 256, out);
    (void)net.image_output_shape(512, 256);
}
