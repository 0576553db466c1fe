// The compare chart: P10–P90 whiskers on the bars, and labels that are never clipped.
#include "report/svg_chart.h"

#include <catch2/catch.hpp>
#include <regex>

using namespace foreprint;

namespace {

CompareRow Row(int rank, const std::string& device, double count, const std::string& region, double co2) {
  CompareRow r;
  r.rank = rank;
  r.device = device;
  r.count = count;
  r.region = region;
  r.wall_hours = 100.0 * rank;
  r.co2_operational = co2 * 0.9;
  r.co2_embodied = co2 * 0.1;
  r.co2_total = co2;
  r.co2_p10 = co2 * 0.5;
  r.co2_p90 = co2 * 2.0;
  return r;
}

double Attr(const std::string& svg, const std::string& name) {
  std::smatch m;
  REQUIRE(std::regex_search(svg, m, std::regex("<svg[^>]* " + name + "=\"([0-9.]+)\"")));
  return std::stod(m[1].str());
}

}  // namespace

TEST_CASE("SVG bars carry P10–P90 whiskers inside the axis", "[report][svg]") {
  std::vector<CompareRow> rows = {Row(1, "A100-SXM4-80GB", 8, "FR", 1000), Row(2, "H100-SXM5-80GB", 8, "US", 3000)};
  const std::string svg = CompareSvg("t", rows);
  size_t whiskers = 0;
  for (size_t p = svg.find("class=\"whisker\""); p != std::string::npos; p = svg.find("class=\"whisker\"", p + 1)) {
    ++whiskers;
  }
  CHECK(whiskers == 2);
  CHECK(svg.find("P10–P90 1.50–6.00 t") != std::string::npos);  // in the bar's tooltip
  // The axis reaches the largest P90 (6 t), so no whisker runs off the plot.
  const double width = Attr(svg, "width");
  std::smatch m;
  std::string rest = svg;
  while (std::regex_search(rest, m, std::regex("class=\"whisker\" d=\"M([0-9.]+) [0-9.]+H([0-9.]+)"))) {
    CHECK(std::stod(m[1].str()) < std::stod(m[2].str()));
    CHECK(std::stod(m[2].str()) <= width - 30);
    rest = m.suffix();
  }
}

TEST_CASE("SVG labels are never clipped: the chart grows to fit them", "[report][svg]") {
  const std::vector<CompareRow> short_rows = {Row(1, "TPUv4", 8, "FR", 100)};
  const std::vector<CompareRow> long_rows = {Row(1, "H100-SXM5-80GB", 1024, "azure:swedencentral", 100),
                                             Row(2, "H100-SXM5-80GB", 1024, "azure:australiasoutheast", 200)};
  const double narrow = Attr(CompareSvg("t", short_rows), "width");
  const std::string svg = CompareSvg("t", long_rows);
  const double wide = Attr(svg, "width");
  CHECK(wide >= narrow);
  // Each label ends at the label column's right edge (text-anchor end) and starts at x ≥ 0 when its
  // width is at most 7.4 px per character (12 px sans-serif is ≈ 6.7 px per character at most).
  std::smatch m;
  std::string rest = svg;
  int labels = 0;
  while (std::regex_search(rest, m, std::regex("<text x=\"([0-9.]+)\" y=\"[0-9.]+\" text-anchor=\"end\">([0-9]+\\. [^<]+)</text>"))) {
    const std::string label = m[2].str();
    size_t chars = 0;
    for (unsigned char c : label) chars += (c & 0xC0) != 0x80;
    CHECK(std::stod(m[1].str()) - chars * 7.4 >= 0);
    ++labels;
    rest = m.suffix();
  }
  CHECK(labels == 2);
  CHECK(svg.find("2. 1024 × H100-SXM5-80GB @ azure:australiasoutheast") != std::string::npos);
  // A long title widens the chart too.
  const std::string title(200, 'x');
  CHECK(Attr(CompareSvg(title, short_rows), "width") >= 200 * 10.4);
}

TEST_CASE("SVG: an option that exceeds the window is labelled so", "[report][svg]") {
  std::vector<CompareRow> rows = {Row(1, "A100-SXM4-80GB", 8, "US-CA", 1000)};
  rows[0].status = "exceeds window";
  CHECK(CompareSvg("t", rows).find("1. 8 × A100-SXM4-80GB @ US-CA (exceeds window)") != std::string::npos);
}
