// model_params.h — parameters of the calibrated throughput and power models
// (calibration/fitted.yaml; written by `foreprint calibrate`, read by `estimate`).
//
// Steady-state MFU  u = σ(θ_family + θ_N·ln(N/1e9) + θ_n·ln(n/1e3) + θ_modality + θ_workload
//                         + θ_precision + θ_year·(year − 2022))
//                   measured against the peak of the run's precision (an fp8 run against the fp8 peak):
//                   θ_precision is the share of that higher peak a low-precision run reaches (bf16 and
//                   fp16 are the reference, 0); θ_workload by workload kind (transformer is 0).
// Warm-up, goodput  x(τ) = peak · u · (1 − e^{−τ/τ_w}) · g
//                   production (published runs): τ_w = warmup_hours, g = 1 / (1 + λ·n/1000)
//                   benchmark (MLPerf: short, tuned, no failures or restarts, initialisation
//                   excluded from the clock): τ_w = benchmark_warmup_hours, g = 1, and
//                   η += θ_bench + θ_bench,n·ln(n/1e3) (a tuned run's level; strong scaling of a
//                   fixed problem), so MLPerf pins the hardware and published runs the overhead;
//                   production runs add δ_family (the family's production deviation, shrunk to 0)
// Device power      P = P_idle + (TDP − P_idle) · clamp(p0 + p1·u + δ_family, 0, p_max)
// Host power        h watts per device (CPU, DRAM, NIC share), before PUE.
// Uncertainty       log-normal: σ_time and σ_power from the leave-one-out scatter, plus the
//                   parameter covariance propagated to ln(device-hours) by the delta method.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "core/error.h"

namespace foreprint {

// Where a run happens: a long production run whose hours include restarts, evaluation and
// checkpointing, or a short tuned benchmark run (MLPerf Training).
enum class Setting { kProduction, kBenchmark };
std::string ToString(Setting s);

struct ThroughputParams {
  std::map<std::string, double> family_logit;  // θ_family by device family (e.g. "Ampere")
  double default_logit = 0;                    // families the data doesn't cover
  double slope_log_params = 0;                 // θ_N
  double slope_log_count = 0;                  // θ_n
  std::map<std::string, double> modality_offset;  // θ_modality ("text" is the reference, 0)
  double slope_year = 0;                       // θ_year per year after 2022
  std::map<std::string, double> precision_offset;  // θ_precision by dtype (absent = 0: bf16, fp16)
  std::map<std::string, double> workload_offset;   // θ_workload by workload kind (absent = 0: transformer)
  double warmup_hours = 0;                     // τ_w, production
  double goodput_lambda = 0;                   // λ per 1000 devices, production
  double benchmark_warmup_hours = 0;           // τ_w, benchmark
  double benchmark_offset = 0;                 // θ_bench: added to η of benchmark runs
  double benchmark_slope_log_count = 0;        // θ_bench,n: benchmark runs' extra scale slope
  std::map<std::string, double> benchmark_class_offset;    // θ_benchmark by MLPerf benchmark (calibration only)
  std::map<std::string, double> production_family_offset;  // δ_family: production level vs the benchmark-pinned one
  int reference_year = 2024;                   // year assumed when a config gives none
};

struct PowerParams {
  double p0 = 0;
  double p1 = 0;
  double p_max = 1.2;          // measured V100 averages exceed TDP (330 W vs 300 W)
  std::map<std::string, double> family_offset;  // δ_family: how far a generation runs from the common curve
  double host_w_per_device = 0;
};

struct UncertaintyParams {
  double sigma_log_time = 0;   // leave-one-out scatter of ln(pred/actual device-hours)
  double sigma_log_power = 0;  // scatter of ln(pred/actual energy) given device-hours
};

struct ModelParams {
  std::string status;          // "prior" (not fitted yet) or "fitted"
  std::string generated;       // date
  std::string dataset_sha256;
  ThroughputParams throughput;
  PowerParams power;
  UncertaintyParams uncertainty;
  std::vector<std::string> covariance_names;           // e.g. "theta_family.Ampere"
  std::vector<std::vector<double>> covariance;         // same order
  std::map<std::string, std::string> sources;          // parameter → where its value comes from
  std::string file;  // where these were read from, as explain steps name it (not written by ToYaml)

  static Result<ModelParams> Parse(const std::string& text, const std::string& file);
  static Result<const ModelParams*> Builtin();
  // The built-in parameters without their covariance (what a serving estimate reads: the prefill MFU,
  // the power curve and the host share), parsed without the covariance block for a faster start-up.
  static Result<const ModelParams*> BuiltinPointValues();
  // YAML text that Parse() reads back identically (used by `calibrate --out`).
  std::string ToYaml() const;
  // Index of a parameter in covariance_names, or -1.
  int CovIndex(const std::string& name) const;
};

}  // namespace foreprint
