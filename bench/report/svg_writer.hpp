// A small SVG writer: shapes and text appended in drawing order, fills
// defined once, every attribute value and text escaped, coordinates printed
// with one decimal.
#pragma once

#include <string>
#include <string_view>

namespace ganforge::report {

struct TextStyle {
    double size = 12.0;
    std::string_view anchor = "start";  // start, middle, end
    bool bold = false;
    double rotate = 0.0;  // degrees, about the anchor point
    std::string_view fill = "#222";
};

class SvgWriter {
public:
    SvgWriter(double width, double height);

    // `title` shows as a tooltip.
    void rect(double x, double y, double w, double h, std::string_view fill, std::string_view title = {});
    void line(double x1, double y1, double x2, double y2, std::string_view stroke, double width = 1.0,
              std::string_view dash = {});
    void text(double x, double y, std::string_view s, const TextStyle& style = {});
    // Defines a fill of diagonal `stroke` lines on nothing: a rect filled
    // "url(#<id>)" over another hatches it.
    void hatching(std::string_view id, std::string_view stroke);

    // The whole document.
    std::string str() const;

private:
    double width_, height_;
    std::string defs_, body_;
};

// `s` with &, <, >, " and ' as XML entities.
std::string xml_escape(std::string_view s);

}  // namespace ganforge::report
