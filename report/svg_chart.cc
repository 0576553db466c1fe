#include "report/svg_chart.h"

#include <algorithm>
#include <cmath>
#include <set>
#include <sstream>

#include "core/text.h"

namespace foreprint {
namespace {

constexpr int kMinLabelWidth = 300;
constexpr int kPlotWidth = 560;   // the bar panel's axis; the chart is labels + plot + margin
constexpr int kRightMargin = 40;
constexpr int kBarHeight = 18;
constexpr int kBarGap = 6;
constexpr int kTop = 60;
constexpr size_t kMaxBars = 40;  // more bars than this stop being readable
constexpr const char* kOperational = "#d95f02";
constexpr const char* kEmbodied = "#7570b3";
constexpr const char* kWhisker = "#222";
// Advance of one character, generous for sans-serif digits and capitals (≈ 0.6 em), so a label
// measured with it is never clipped: 12 px text and the 16 px bold title.
constexpr double kCharWidth12 = 7.4, kCharWidth16Bold = 10.4;

// Characters (not bytes) of UTF-8 text: "×" is one.
size_t Chars(const std::string& s) {
  size_t n = 0;
  for (unsigned char c : s) n += (c & 0xC0) != 0x80;
  return n;
}

// Where the panels go: label column wide enough for the longest label, chart wide enough for the title.
struct Layout {
  int label_width = kMinLabelWidth;
  int width = kMinLabelWidth + kPlotWidth + kRightMargin;
};

// A "nice" axis maximum and tick step for values up to vmax.
void NiceAxis(double vmax, double* top, double* step) {
  if (vmax <= 0) vmax = 1;
  double raw = vmax / 5;
  double mag = std::pow(10.0, std::floor(std::log10(raw)));
  double norm = raw / mag;
  double nice = norm <= 1 ? 1 : norm <= 2 ? 2 : norm <= 5 ? 5 : 10;
  *step = nice * mag;
  *top = std::ceil(vmax / *step) * *step;
}

std::string Label(const CompareRow& r) {
  return FormatNumber(r.count) + " × " + r.device + " @ " + r.region + (r.feasible ? "" : " (memory!)");
}

std::string BarLabel(const CompareRow& r) {
  return (r.ranked ? std::to_string(r.rank) + ". " : std::string("(not offered) ")) + Label(r) +
         (r.status == "ok" ? "" : " (" + r.status + ")");
}

Layout MakeLayout(const std::string& title, const std::vector<CompareRow>& bars) {
  Layout l;
  size_t longest = 0;
  for (const auto& r : bars) longest = std::max(longest, Chars(BarLabel(r)));
  l.label_width = std::max(kMinLabelWidth, static_cast<int>(std::ceil(longest * kCharWidth12)) + 16);
  l.width = l.label_width + kPlotWidth + kRightMargin;
  l.width = std::max(l.width, static_cast<int>(std::ceil(20 + Chars(title) * kCharWidth16Bold + 20)));
  return l;
}

// A P10–P90 whisker: a line with end caps at the bar's middle.
void Whisker(std::ostringstream& o, double x_lo, double x_hi, double y_mid) {
  o << "<path class=\"whisker\" d=\"M" << x_lo << " " << y_mid << "H" << x_hi << "M" << x_lo << " " << y_mid - 5
    << "V" << y_mid + 5 << "M" << x_hi << " " << y_mid - 5 << "V" << y_mid + 5 << "\" stroke=\"" << kWhisker
    << "\" stroke-width=\"1.5\" fill=\"none\"/>";
}

void BarPanel(std::ostringstream& o, const std::vector<CompareRow>& rows, const Layout& l, int y0, double* height) {
  const int kLabelWidth = l.label_width;
  double vmax = 0;
  for (const auto& r : rows) vmax = std::max({vmax, r.co2_total, r.co2_p90});
  const bool tonnes = vmax >= 1000;
  const double unit = tonnes ? 1000 : 1;
  double top, step;
  NiceAxis(vmax / unit, &top, &step);
  const double plot_w = kPlotWidth;
  const int plot_h = static_cast<int>(rows.size()) * (kBarHeight + kBarGap);
  for (double t = 0; t <= top + 1e-9; t += step) {
    double x = kLabelWidth + plot_w * t / top;
    o << "<line x1=\"" << x << "\" y1=\"" << y0 << "\" x2=\"" << x << "\" y2=\"" << y0 + plot_h
      << "\" stroke=\"#ddd\"/>\n";
    o << "<text x=\"" << x << "\" y=\"" << y0 + plot_h + 16 << "\" text-anchor=\"middle\">" << FormatNumber(t)
      << "</text>\n";
  }
  o << "<text x=\"" << kLabelWidth + plot_w / 2 << "\" y=\"" << y0 + plot_h + 36 << "\" text-anchor=\"middle\">"
    << "CO2e (" << (tonnes ? "t" : "kg") << "): operational + embodied, whiskers P10–P90</text>\n";
  for (size_t i = 0; i < rows.size(); ++i) {
    const auto& r = rows[i];
    double y = y0 + static_cast<double>(i) * (kBarHeight + kBarGap);
    double wo = plot_w * r.co2_operational / unit / top;
    double we = plot_w * r.co2_embodied / unit / top;
    o << "<g class=\"bar\"><title>" << XmlEscape(Label(r)) << ": " << FormatSig(r.co2_total / unit, 3)
      << (tonnes ? " t" : " kg") << " (P10–P90 " << FormatSig(r.co2_p10 / unit, 3) << "–"
      << FormatSig(r.co2_p90 / unit, 3) << (tonnes ? " t" : " kg") << ")</title>";
    o << "<rect x=\"" << kLabelWidth << "\" y=\"" << y << "\" width=\"" << wo << "\" height=\"" << kBarHeight
      << "\" fill=\"" << kOperational << "\"/>";
    o << "<rect x=\"" << kLabelWidth + wo << "\" y=\"" << y << "\" width=\"" << we << "\" height=\"" << kBarHeight
      << "\" fill=\"" << kEmbodied << "\"/>";
    if (r.co2_p90 > r.co2_p10) {
      Whisker(o, kLabelWidth + plot_w * r.co2_p10 / unit / top, kLabelWidth + plot_w * r.co2_p90 / unit / top,
              y + kBarHeight / 2.0);
    }
    o << "</g>\n";
    o << "<text x=\"" << kLabelWidth - 8 << "\" y=\"" << y + kBarHeight - 5 << "\" text-anchor=\"end\">"
      << XmlEscape(BarLabel(r)) << "</text>\n";
  }
  *height = plot_h + 50;
}

// One scatter panel: an x quantity (wall time or cost) against CO2e, with the Pareto front of the two.
struct XAxis {
  const char* title;   // panel heading
  const char* label;   // axis label
  double (*value)(const CompareRow&);
};

double WallHours(const CompareRow& r) { return r.wall_hours; }
double CostUsd(const CompareRow& r) { return r.cost_usd.value_or(0); }

void ScatterPanel(std::ostringstream& o, const std::vector<CompareRow>& rows, const Layout& l, int y0,
                  const XAxis& axis) {
  const int h = 320;
  const double x0 = 80, plot_w = l.width - 120;
  double xmax = 0, cmax = 0;
  for (const auto& r : rows) {
    xmax = std::max(xmax, axis.value(r));
    cmax = std::max(cmax, r.co2_total);
  }
  const bool tonnes = cmax >= 1000;
  const double unit = tonnes ? 1000 : 1;
  double xtop, xstep, ctop, cstep;
  NiceAxis(xmax, &xtop, &xstep);
  NiceAxis(cmax / unit, &ctop, &cstep);
  auto X = [&](double t) { return x0 + plot_w * t / xtop; };
  auto Y = [&](double c) { return y0 + h - h * (c / unit) / ctop; };
  o << "<text x=\"" << x0 << "\" y=\"" << y0 - 10 << "\" font-weight=\"bold\">" << axis.title
    << " (Pareto front in black)</text>\n";
  for (double t = 0; t <= xtop + 1e-9; t += xstep) {
    o << "<line x1=\"" << X(t) << "\" y1=\"" << y0 << "\" x2=\"" << X(t) << "\" y2=\"" << y0 + h << "\" stroke=\"#eee\"/>";
    o << "<text x=\"" << X(t) << "\" y=\"" << y0 + h + 16 << "\" text-anchor=\"middle\">" << FormatNumber(t) << "</text>\n";
  }
  for (double c = 0; c <= ctop + 1e-9; c += cstep) {
    o << "<line x1=\"" << x0 << "\" y1=\"" << Y(c * unit) << "\" x2=\"" << x0 + plot_w << "\" y2=\"" << Y(c * unit)
      << "\" stroke=\"#eee\"/>";
    o << "<text x=\"" << x0 - 6 << "\" y=\"" << Y(c * unit) + 4 << "\" text-anchor=\"end\">" << FormatNumber(c) << "</text>\n";
  }
  o << "<text x=\"" << x0 + plot_w / 2 << "\" y=\"" << y0 + h + 36 << "\" text-anchor=\"middle\">" << axis.label << "</text>\n";
  o << "<text transform=\"translate(20," << y0 + h / 2 << ") rotate(-90)\" text-anchor=\"middle\">CO2e ("
    << (tonnes ? "t" : "kg") << ")</text>\n";
  std::vector<size_t> front = ParetoFrontBy(rows, axis.value);
  std::set<size_t> on_front(front.begin(), front.end());
  for (size_t i = 0; i < rows.size(); ++i) {
    if (on_front.count(i)) continue;
    o << "<circle cx=\"" << X(axis.value(rows[i])) << "\" cy=\"" << Y(rows[i].co2_total)
      << "\" r=\"3\" fill=\"#999\"><title>" << XmlEscape(Label(rows[i])) << "</title></circle>\n";
  }
  std::vector<size_t> sorted = front;
  std::sort(sorted.begin(), sorted.end(), [&](size_t a, size_t b) { return axis.value(rows[a]) < axis.value(rows[b]); });
  if (sorted.size() > 1) {
    o << "<polyline fill=\"none\" stroke=\"#000\" stroke-width=\"1.5\" points=\"";
    for (size_t i : sorted) o << X(axis.value(rows[i])) << "," << Y(rows[i].co2_total) << " ";
    o << "\"/>\n";
  }
  for (size_t i : sorted) {
    o << "<circle class=\"pareto\" cx=\"" << X(axis.value(rows[i])) << "\" cy=\"" << Y(rows[i].co2_total)
      << "\" r=\"5\" fill=\"#000\"><title>" << XmlEscape(Label(rows[i])) << "</title></circle>\n";
    const std::string text = rows[i].device + " @ " + rows[i].region;
    const double x = X(axis.value(rows[i]));
    const bool left = x + 8 + Chars(text) * kCharWidth12 > l.width - 4;  // keep the label inside the chart
    o << "<text x=\"" << (left ? x - 8 : x + 8) << "\" y=\"" << Y(rows[i].co2_total) - 6 << "\""
      << (left ? " text-anchor=\"end\"" : "") << ">" << XmlEscape(text) << "</text>\n";
  }
}

}  // namespace

std::string XmlEscape(const std::string& s) {
  std::string o;
  for (char c : s) {
    switch (c) {
      case '&': o += "&amp;"; break;
      case '<': o += "&lt;"; break;
      case '>': o += "&gt;"; break;
      case '"': o += "&quot;"; break;
      default: o += c;
    }
  }
  return o;
}

std::vector<size_t> ParetoFrontBy(const std::vector<CompareRow>& rows, double (*x)(const CompareRow&)) {
  // Sort by x (then CO2); a row is on the front when it is cleaner than every row with a smaller x.
  std::vector<size_t> order(rows.size());
  for (size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::sort(order.begin(), order.end(), [&](size_t a, size_t b) {
    if (x(rows[a]) != x(rows[b])) return x(rows[a]) < x(rows[b]);
    return rows[a].co2_total < rows[b].co2_total;
  });
  std::vector<size_t> front;
  double best_co2 = INFINITY;
  for (size_t i : order) {
    if (rows[i].co2_total < best_co2) {
      front.push_back(i);
      best_co2 = rows[i].co2_total;
    }
  }
  return front;
}

std::vector<size_t> ParetoFront(const std::vector<CompareRow>& rows) { return ParetoFrontBy(rows, WallHours); }

std::string CompareSvg(const std::string& title, const std::vector<CompareRow>& all_rows) {
  std::vector<CompareRow> rows, priced;
  for (const auto& r : all_rows) {
    if (!r.evaluated) continue;
    rows.push_back(r);
    if (r.cost_usd && r.ranked) priced.push_back(r);
  }
  std::set<std::string> devices, regions;
  for (const auto& r : rows) {
    devices.insert(r.device);
    regions.insert(r.region);
  }
  const bool scatter = devices.size() > 1 || regions.size() > 1;
  std::ostringstream body;
  double bars_h = 0;
  const std::vector<CompareRow> bars(rows.begin(), rows.begin() + static_cast<long>(std::min(rows.size(), kMaxBars)));
  const Layout layout = MakeLayout(title, bars);
  const int kWidth = layout.width;
  BarPanel(body, bars, layout, kTop, &bars_h);
  double height = kTop + bars_h + 20;
  if (scatter) {
    ScatterPanel(body, rows, layout, static_cast<int>(height + 30), {"Wall time vs CO2e", "wall time (h)", WallHours});
    height += 30 + 320 + 60;
  }
  if (priced.size() > 1) {
    ScatterPanel(body, priced, layout, static_cast<int>(height + 30),
                 {"Cost vs CO2e", "cost (USD, on-demand list price)", CostUsd});
    height += 30 + 320 + 60;
  }
  std::ostringstream o;
  o << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    << "<svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.1\" width=\"" << kWidth << "\" height=\""
    << static_cast<int>(height) << "\" viewBox=\"0 0 " << kWidth << " " << static_cast<int>(height)
    << "\" font-family=\"sans-serif\" font-size=\"12\">\n"
    << "<title>" << XmlEscape(title) << "</title>\n"
    << "<rect width=\"100%\" height=\"100%\" fill=\"#fff\"/>\n"
    << "<text x=\"20\" y=\"24\" font-size=\"16\" font-weight=\"bold\">" << XmlEscape(title) << "</text>\n"
    << "<rect x=\"20\" y=\"34\" width=\"12\" height=\"12\" fill=\"" << kOperational << "\"/>"
    << "<text x=\"36\" y=\"44\">operational</text>"
    << "<rect x=\"120\" y=\"34\" width=\"12\" height=\"12\" fill=\"" << kEmbodied << "\"/>"
    << "<text x=\"136\" y=\"44\">embodied</text>"
    << "<path d=\"M210 40H232M210 35V45M232 35V45\" stroke=\"" << kWhisker << "\" stroke-width=\"1.5\" fill=\"none\"/>"
    << "<text x=\"238\" y=\"44\">P10–P90</text>\n"
    << body.str() << "</svg>\n";
  return o.str();
}

}  // namespace foreprint
