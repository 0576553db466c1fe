// throughput_calibrated.h — foreprint's dynamic throughput model (DESIGN §3.3).
//
// Achieved per-device throughput over wall time τ:
//   x(τ) = peak · u · (1 − e^{−τ/τ_w}) · g
// so n devices finish C FLOPs at the wall time T solving
//   n · peak · u · g · (T − τ_w (1 − e^{−T/τ_w})) = C.
// The left side is convex and increasing in T; Newton from T₀ = A + τ_w (A = C / (n·peak·u·g))
// converges monotonically. u (steady-state MFU) and g (goodput) come from ModelParams; the setting
// (production or benchmark) picks τ_w and whether g applies (model_params.h).
#pragma once

#include <string>

#include "estimator/model_params.h"
#include "core/units.h"

namespace foreprint {

// The inputs the MFU regression looks at.
struct ThroughputFeatures {
  std::string family;     // device family, e.g. "Ampere"
  std::string modality;   // "text", "vision", ...
  double params = 0;      // N (> 0)
  double count = 1;       // n devices
  double year = 2024;     // training year
  std::string workload = "transformer";  // workload kind: transformer, moe, vit, cnn, diffusion, ...
  std::string dtype = "bf16";            // the precision whose peak the MFU is measured against
  Setting setting = Setting::kProduction;
  std::string benchmark;                 // MLPerf benchmark id (calibration rows); empty for configs
};

// The linear predictor η (u = σ(η)), term by term, for --explain and for the fitter.
struct MfuTerms {
  double family = 0, size = 0, scale = 0, modality = 0, year = 0, workload = 0, precision = 0, setting = 0;
  double eta() const { return family + size + scale + modality + year + workload + precision + setting; }
};

MfuTerms MfuLinearPredictor(const ThroughputParams& p, const ThroughputFeatures& f);
double Sigmoid(double eta);
double Goodput(const ThroughputParams& p, double count, Setting setting = Setting::kProduction);
double WarmupHours(const ThroughputParams& p, Setting setting);

// Chinchilla's compute-optimal ratio D ≈ 20 N gives C = 6·N·D = 120·N² (Hoffmann et al. 2022,
// arXiv:2203.15556): the size assumed for a workload given only as FLOPs.
double ImputedParams(Flop flops);

struct ThroughputPrediction {
  MfuTerms terms;
  double mfu = 0;      // steady-state u = σ(η)
  double goodput = 1;
  Seconds wall;
};

// The whole calibrated prediction for one run: u from the features, g from the count, then the wall time.
ThroughputPrediction PredictThroughput(const ThroughputParams& p, const ThroughputFeatures& f, Flop flops,
                                       FlopPerSecond peak);

// Wall time for `flops` on `count` devices of `peak` each at steady MFU `mfu`.
// warmup ≥ 0; all inputs > 0. Always finite.
Seconds SolveWallTime(Flop flops, double count, FlopPerSecond peak, double mfu, double goodput, Seconds warmup);

}  // namespace foreprint
