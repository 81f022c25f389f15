#include "bench/report/engine_styles.hpp"

namespace ganforge::report {
namespace {

const EngineStyle* find(std::string_view engine) {
    for (const EngineStyle& s : engine_styles)
        if (s.name == engine) return &s;
    return nullptr;
}

}  // namespace

std::string engine_title(std::string_view engine) {
    const EngineStyle* s = find(engine);
    return std::string(s ? s->title : engine);
}

std::string engine_colour(std::string_view engine) {
    const EngineStyle* s = find(engine);
    return std::string(s ? s->colour : "#bbbbbb");
}

}  // namespace ganforge::report
