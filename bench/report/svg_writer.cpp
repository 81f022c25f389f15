#include "bench/report/svg_writer.hpp"

#include <fmt/format.h>

namespace ganforge::report {

std::string xml_escape(std::string_view s) {
    std::string out;
    for (char c : s) switch (c) {
            case '&': out += "&amp;"; break;
            case '<': out += "&lt;"; break;
            case '>': out += "&gt;"; break;
            case '"': out += "&quot;"; break;
            case '\'': out += "&apos;"; break;
            default: out += c;
        }
    return out;
}

SvgWriter::SvgWriter(double width, double height) : width_(width), height_(height) {}

void SvgWriter::rect(double x, double y, double w, double h, std::string_view fill, std::string_view title) {
    body_ += fmt::format(R"(  <rect x="{:.1f}" y="{:.1f}" width="{:.1f}" height="{:.1f}" fill="{}")", x, y, w, h,
                         xml_escape(fill));
    body_ += title.empty() ? "/>\n" : fmt::format("><title>{}</title></rect>\n", xml_escape(title));
}

void SvgWriter::line(double x1, double y1, double x2, double y2, std::string_view stroke, double width,
                     std::string_view dash) {
    body_ += fmt::format(R"(  <line x1="{:.1f}" y1="{:.1f}" x2="{:.1f}" y2="{:.1f}" stroke="{}" stroke-width="{:.1f}")",
                         x1, y1, x2, y2, xml_escape(stroke), width);
    if (!dash.empty()) body_ += fmt::format(R"( stroke-dasharray="{}")", xml_escape(dash));
    body_ += "/>\n";
}

void SvgWriter::text(double x, double y, std::string_view s, const TextStyle& st) {
    body_ += fmt::format(R"(  <text x="{:.1f}" y="{:.1f}" font-size="{:.1f}" text-anchor="{}" fill="{}")", x, y,
                         st.size, xml_escape(st.anchor), xml_escape(st.fill));
    if (st.bold) body_ += R"( font-weight="bold")";
    if (st.rotate != 0.0) body_ += fmt::format(R"svg( transform="rotate({:.1f} {:.1f} {:.1f})")svg", st.rotate, x, y);
    body_ += fmt::format(">{}</text>\n", xml_escape(s));
}

void SvgWriter::hatching(std::string_view id, std::string_view stroke) {
    defs_ += fmt::format(R"svg(    <pattern id="{}" width="5" height="5" patternUnits="userSpaceOnUse" )svg"
                         R"svg(patternTransform="rotate(45)"><line x1="0" y1="0" x2="0" y2="5" stroke="{}" )svg"
                         R"svg(stroke-width="2"/></pattern>)svg"
                         "\n",
                         xml_escape(id), xml_escape(stroke));
}

std::string SvgWriter::str() const {
    return fmt::format(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{0:.0f}\" height=\"{1:.0f}\" "
        "viewBox=\"0 0 {0:.0f} {1:.0f}\" font-family=\"DejaVu Sans, Arial, sans-serif\">\n{2}"
        "  <rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n{3}</svg>\n",
        width_, height_, defs_.empty() ? "" : fmt::format("  <defs>\n{}  </defs>\n", defs_), body_);
}

}  // namespace ganforge::report
