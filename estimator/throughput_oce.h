// throughput_oce.h — OpenCarbonEval's dynamic throughput model (arXiv 2405.12843), exactly.
//
// Per-device throughput f(t) = ln(1 + α t) TFLOP/s with t in cumulative device-seconds, so the
// device-seconds T for C FLOPs solve  ((1 + αT)·ln(1 + αT) − αT) / α = C / 1e12.
// α spans 1e-7 … 1e300, so everything is carried in logs: with s = ln(1 + αT),
//   G(s) = e^s (s − 1) + 1 = α C / 1e12,   T = (e^s − 1) / α,
// solved by Newton in u = ln s (a series for small s, the asymptote for large s).
// The leaderboard averages the emissions at the released lower and upper α of a device; energy
// is T × TDP with no PUE.
#pragma once

#include <string>
#include <vector>

#include "core/error.h"
#include "core/units.h"

namespace foreprint {

// ln of the device-seconds that `flops` take under OpenCarbonEval with ln α = `ln_alpha`.
// Finite for any finite ln_alpha and flops > 0.
double OceLnDeviceSeconds(double ln_alpha, Flop flops);

// One row of OpenCarbonEval's device table (calibration/data/oce_devices.csv).
struct OceDevice {
  std::string hardware;   // OpenCarbonEval's hardware string, e.g. "NVIDIA A100 SXM4 80 GB"
  double lg_alpha_lo = 0;  // log10 α bounds as released
  double lg_alpha_hi = 0;
  Watts tdp;               // OpenCarbonEval's TDP (some differ from datasheets)
  std::string source;
};

class OceTable {
 public:
  static Result<OceTable> Parse(const std::string& text, const std::string& file);
  static Result<const OceTable*> Builtin();
  const std::vector<OceDevice>& devices() const { return devices_; }
  // By hardware string (case/punctuation-insensitive); nullptr when absent.
  const OceDevice* Find(const std::string& hardware) const;

 private:
  std::vector<OceDevice> devices_;
};

struct OceResult {
  double device_hours_lo = 0, device_hours_hi = 0;  // at α_lo (slower) and α_hi (faster)
  double device_hours_mean = 0;                     // mean of the two (energy is linear in hours)
};

OceResult OceDeviceHours(const OceDevice& d, Flop flops);

}  // namespace foreprint
