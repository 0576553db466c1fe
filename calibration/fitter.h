// fitter.h — fits the calibrated throughput and power models to observed runs (Ceres Solver).
//
// Two independent least-squares problems share nothing but the data:
//  • time:  TimeResidual per usable run with FLOPs, device, count and device-hours; soft-L1 loss
//           (scale 0.1 in ln units: a median regression) because public rows have gross errors;
//           per-family logits partially pooled toward a common logit; weak priors on every slope.
//  • power: EnergyResidual per usable run with device-hours and a measured energy; Huber loss. The
//           MFU the power curve sees is the run's own (FLOPs / hours) or, without FLOPs, the u the
//           time fit just made predicts from the run's family, size, count, modality and year.
// Covariance of the parameters comes from ceres::Covariance (block diagonal across the two).
#pragma once

#include <map>
#include <string>
#include <vector>

#include "calibration/run_record.h"
#include "core/error.h"
#include "estimator/model_params.h"
#include "hardware_db/device_db.h"

namespace foreprint {

// A run turned into the inputs the residuals need (device looked up, MFU derived).
struct PreparedRun {
  const RunRecord* run = nullptr;
  const Device* device = nullptr;
  std::string family;
  std::string modality;
  std::string workload;     // workload kind (transformer, cnn, ...); "other" when unknown
  std::string dtype;        // precision whose peak `peak_flops` is (the run's, else the training peak)
  Setting setting = Setting::kProduction;
  double count = 0;
  double peak_flops = 0;
  double size_params = 0;   // N used by the size term (imputed when unknown)
  double year = 2022;
  double achieved_mfu = 0;  // FLOPs / (device-hours · peak), when both are known
  bool mfu_measured = false;  // achieved_mfu came from FLOPs and hours (else the time model's a priori u)
  bool time_ok = false;     // usable for the time fit
  bool energy_ok = false;   // usable for the power fit
};

// Looks devices up and decides which runs enter which fit. Rows with flags never enter.
std::vector<PreparedRun> PrepareRuns(const std::vector<RunRecord>& runs, const DeviceDb& devices);

struct FitOptions {
  bool covariance = true;
  int max_iterations = 200;
  // Ceres' function and parameter tolerances. Cross-validation refits start at the full fit and use
  // 1e-7 (kRefitTolerance): their predictions change by < 1e-4 relative against 1e-10, at a third of the cost.
  double tolerance = 1e-10;
  // Start values (e.g. the full fit, when refitting leave-one-out); null = priors.
  const ModelParams* start = nullptr;
  // Multiplies every prior's standard deviation (tests use a large value to see the data alone).
  double prior_sd_scale = 1.0;
  // Replaces the standard deviation of named priors (keys of Priors(), e.g. from `calibrate --prior`).
  std::map<std::string, double> prior_sd;
};

inline constexpr double kRefitTolerance = 1e-7;

struct FitResult {
  ModelParams params;                       // ready to write as fitted.yaml
  std::map<std::string, double> std_error;  // parameter → standard error
  int time_runs = 0, energy_runs = 0;
  double time_cost = 0, energy_cost = 0;
  bool converged = false;
};

// Fits on runs[i] for which include[i] is true (all when `include` is empty).
Result<FitResult> Fit(const std::vector<PreparedRun>& runs, const std::vector<bool>& include, const FitOptions& options);

// Predicted device-hours and energy of one run under `params` (a priori: its hours are not used
// for the time prediction; the energy prediction uses its actual hours, i.e. "energy given time").
double PredictDeviceHours(const ModelParams& params, const PreparedRun& run);
double PredictEnergyKwh(const ModelParams& params, const PreparedRun& run);

// The priors (mean, sd) used for each parameter, with their sources; also the 'prior' fitted.yaml.
// "family_spread" is the sd of each family logit around the common logit (its mean is unused).
struct Prior {
  double mean, sd;
};
const std::map<std::string, Prior>& Priors();

// The sd a fit with `options` uses for prior `name`: the override if any, times prior_sd_scale.
double PriorSd(const std::string& name, const FitOptions& options);

}  // namespace foreprint
