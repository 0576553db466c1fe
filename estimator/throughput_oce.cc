#include "estimator/throughput_oce.h"

#include <cmath>
#include <mutex>

#include "core/csv.h"
#include "core/data_files.h"
#include "core/quantity_parser.h"
#include "core/text.h"

namespace foreprint {
namespace {

constexpr double kLn10 = 2.302585092994046;

// ln G(s) with G(s) = e^s (s − 1) + 1 = Σ_{k≥2} s^k (k−1)/k!, accurate for all s > 0.
double LnG(double s) {
  if (s < 1e-2) {
    double term = s * s, sum = 0, fact = 2;  // s^k / k!
    for (int k = 2; k <= 9; ++k) {
      if (k > 2) {
        term *= s;
        fact *= k;
      }
      sum += term * (k - 1) / fact;
    }
    return std::log(sum);
  }
  if (s > 30) return s + std::log(s - 1) + std::log1p(std::exp(-s) / (s - 1));
  return std::log(std::exp(s) * (s - 1) + 1);
}

// d ln G / d ln s = s · G'(s) / G(s), with G'(s) = s e^s.
double DLnGDLnS(double s) {
  if (s < 1e-2) return 2.0 + s / 3.0;  // from the series: ln G ≈ 2 ln s − ln 2 + 2s/3
  return s * s * std::exp(s - LnG(s));
}

// ln(e^s − 1)
double LnExpm1(double s) {
  if (s > 30) return s + std::log1p(-std::exp(-s));
  return std::log(std::expm1(s));
}

}  // namespace

double OceLnDeviceSeconds(double ln_alpha, Flop flops) {
  const double target = ln_alpha + std::log(flops.value() / 1e12);  // ln(α C')
  // Initial guess from the two asymptotes: G ≈ s²/2 (small), G ≈ s e^s (large).
  double u = target < 0 ? 0.5 * (target + std::log(2.0)) : std::log(std::max(1.0, target - std::log(std::max(target, 1.0))));
  double lo = -1e300, hi = 1e300;  // bracket in u
  for (int it = 0; it < 200; ++it) {
    double s = std::exp(u);
    double h = LnG(s) - target;
    if (h > 0) hi = std::min(hi, u);
    else lo = std::max(lo, u);
    if (std::fabs(h) < 1e-13 * std::max(1.0, std::fabs(target))) break;
    double step = h / DLnGDLnS(s);
    double next = u - step;
    if (!(next > lo && next < hi) || !std::isfinite(next)) {
      // Keep inside the bracket: bisect when both ends are known, else take a bounded step.
      if (lo > -1e299 && hi < 1e299) next = 0.5 * (lo + hi);
      else next = h > 0 ? u - 1.0 : u + 1.0;
    }
    if (std::fabs(next - u) < 1e-15 * std::max(1.0, std::fabs(u))) {
      u = next;
      break;
    }
    u = next;
  }
  return LnExpm1(std::exp(u)) - ln_alpha;
}

OceResult OceDeviceHours(const OceDevice& d, Flop flops) {
  OceResult r;
  r.device_hours_lo = std::exp(OceLnDeviceSeconds(d.lg_alpha_lo * kLn10, flops)) / kSecondsPerHour;
  r.device_hours_hi = std::exp(OceLnDeviceSeconds(d.lg_alpha_hi * kLn10, flops)) / kSecondsPerHour;
  r.device_hours_mean = 0.5 * (r.device_hours_lo + r.device_hours_hi);
  return r;
}

Result<OceTable> OceTable::Parse(const std::string& text, const std::string& file) {
  auto csv = CsvTable::Parse(text, file);
  if (!csv) return csv.error();
  for (const char* col : {"hardware", "lg_alpha_lo", "lg_alpha_hi", "tdp_w", "source"}) {
    if (!csv->Column(col)) {
      Error e = MakeError(std::string("missing column '") + col + "'");
      return e.At(file, 1);
    }
  }
  OceTable t;
  for (size_t r = 0; r < csv->rows(); ++r) {
    OceDevice d;
    d.hardware = csv->Get(r, "hardware");
    d.source = csv->Get(r, "source");
    double* dst[] = {&d.lg_alpha_lo, &d.lg_alpha_hi};
    const char* cols[] = {"lg_alpha_lo", "lg_alpha_hi"};
    for (int k = 0; k < 2; ++k) {
      auto v = ParsePlainNumber(csv->Get(r, cols[k]));
      if (!v) return csv->ErrorAt(r, cols[k], v.error().message);
      *dst[k] = *v;
    }
    auto tdp = ParsePlainNumber(csv->Get(r, "tdp_w"));
    if (!tdp || *tdp <= 0) return csv->ErrorAt(r, "tdp_w", "expected a positive wattage");
    d.tdp = Watts(*tdp);
    if (d.source.empty()) return csv->ErrorAt(r, "source", "every row needs a source");
    t.devices_.push_back(d);
  }
  return t;
}

Result<const OceTable*> OceTable::Builtin() {
  static std::once_flag once;
  static Result<OceTable> table = MakeError("not loaded");
  std::call_once(once, [] {
    auto f = ReadDataFile("calibration/data/oce_devices.csv");
    table = f ? Parse(f->text, f->display_name) : Result<OceTable>(f.error());
  });
  if (!table) return table.error();
  return &table.value();
}

const OceDevice* OceTable::Find(const std::string& hardware) const {
  const std::string key = NormalizeKey(hardware);
  for (const auto& d : devices_) if (NormalizeKey(d.hardware) == key) return &d;
  return nullptr;
}

}  // namespace foreprint
