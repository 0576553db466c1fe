// cross_validation.h — leave-one-out accuracy of foreprint against the baselines people use.
//
// For each usable time run: refit without it, predict its device-hours a priori (FLOPs, device,
// count, size, modality, year — never its hours) and check whether the actual value falls in the
// P10–P90 band (σ such that 80 % of the other runs' leave-one-out log errors fall within ±1.28σ). Baselines on the same
// runs: OpenCarbonEval with its released α (only devices it covers; those α were fitted on many of
// these very runs, so this baseline is in-sample), OpenCarbonEval with α refitted leave-one-out
// (least squares in ln device-hours per device, else per family, else over all runs — the same
// protocol as foreprint's), a static 30 %-of-peak model,
// and, for energy, TDP × device-hours (ML CO2 Impact). For each run with measured energy: refit the
// power model without it and predict its energy from its actual device-hours, in its own scope.
// Also: each device family held out whole (how the model does on hardware without published runs),
// and a paired bootstrap of the median errors (how sure each comparison is).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "calibration/bootstrap.h"
#include "calibration/fitter.h"
#include "estimator/throughput_oce.h"

namespace foreprint {

// The "static 30 % of peak" baseline every accuracy table compares with.
inline constexpr double kStaticMfu = 0.30;

struct TimeCvRow {
  std::string name, device;
  double count = 0;
  double actual = 0;                 // device-hours
  double foreprint = 0, p10 = 0, p90 = 0;
  std::optional<double> oce;         // released α, when OpenCarbonEval covers the device
  double oce_refit = 0;              // α refitted without this run
  double foreprint_family_out = 0;   // refitted without any run of this device family (fit runs only)
  double static30 = 0;
  bool imputed_count = false;        // count unknown: reference scale assumed (OCE validation rows)
};

struct EnergyCvRow {
  std::string name, device, scope;
  double actual = 0;      // kWh in the run's scope
  double foreprint = 0;   // kWh, power model refit without this run
  double tdp = 0;         // device-hours × TDP (ML CO2 Impact style, no PUE, no host)
};

struct OceValidationRow {
  std::string name;
  double actual_t = 0;      // OpenCarbonEval's ground truth, t CO2e
  double foreprint_t = 0;   // a priori device-hours × TDP × CI (OpenCarbonEval's accounting)
  double oce_t = 0;         // OpenCarbonEval, released α, its own TDP
};

struct Metric {
  int n = 0;
  double median_abs_err = 0;  // median |pred/actual − 1|
  double within_25 = 0;       // share with |pred/actual − 1| ≤ 0.25
  // median |ln(pred/actual)|: symmetric, unlike |pred/actual − 1|, which caps under-prediction at
  // 100 % and so rewards predicting low
  double median_abs_log = 0;
  double coverage = -1;       // share inside P10–P90 (foreprint only)
};

struct CvReport {
  std::vector<TimeCvRow> time;
  std::vector<EnergyCvRow> energy;
  std::vector<OceValidationRow> oce_validation;
  Metric foreprint_all, static30_all;
  Metric foreprint_family_out;  // device family held out: as for hardware without published runs
  Metric foreprint_oce_subset, oce_subset, static30_oce_subset, oce_refit_all;
  Metric energy_foreprint, energy_tdp;
  double oce6_foreprint_mean_abs = 0, oce6_oce_mean_abs = 0;
  // How sure the comparisons are: paired bootstrap of median |pred/actual − 1| (kBootstrapResamples, kBootstrapSeed).
  BootstrapComparison time_vs_static30, time_vs_oce_refit, energy_vs_tdp;
  double sigma_log_time = 0, sigma_log_energy = 0;  // LOO scatter, written to fitted.yaml
};

// The OpenCarbonEval row for a run: its published hardware string(s) first, then any row that
// resolves to the same device.
const OceDevice* OceForRun(const RunRecord& run, const OceTable& oce, const DeviceDb& devices);

// Refits without each run in turn with `options` (the full fit's; covariance off, started at `full`).
Result<CvReport> LeaveOneOut(const std::vector<PreparedRun>& runs, const FitResult& full, const OceTable& oce,
                             const DeviceDb& devices, const FitOptions& options = {});

Metric Summarise(const std::vector<double>& predicted, const std::vector<double>& actual);

// The σ of a centred log-normal whose P10–P90 band holds 80 % of these log errors: the 80th
// percentile of |x − median| / z90 (the interval widths written to fitted.yaml and serving_fitted.yaml).
double IntervalSigma(const std::vector<double>& logs);

// OpenCarbonEval's ln α fitted by least squares in ln device-hours to the runs `fit` selects
// (golden-section search; the objective is unimodal in ln α).
double FitOceLnAlpha(const std::vector<PreparedRun>& runs, const std::vector<size_t>& fit);

}  // namespace foreprint
