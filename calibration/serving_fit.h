// serving_fit.h — fits the serving curves (estimator/serving_model.h) to measured serving runs with
// Ceres, and measures them leave-one-model-out against EcoLogits' published formula.
//
// Fit: one least-squares problem over the usable rows of calibration/data/serving_runs.csv, two
// residuals per row (ServingResidual, cost_functors.h): ln J per output token and ln output
// tokens/s of the replica, each with the physical prefill cost of the row's I input tokens spread
// over its O output tokens. Regressors at the row's batch cap (what a user gives; the achieved batch
// is lower where the KV cache binds). Unknown prompt lengths (v3, v2 code) take the mean of the rows
// that publish one. Both curves are free (least squares); κ has a prior ln κ ~ N(0, 0.5²): κ = 1
// means prefill runs at the training model's MFU and power. The two residuals are scaled by their
// RMS from a first pass, so the parameter covariance (ceres::Covariance) is the usual
// σ²·(JᵀJ)⁻¹ of each curve.
// Leave-one-model-out: every row of a model (ServingModelGroup: one model across datasets,
// precisions and point releases) predicted a priori (its device, GPU count, batch cap, sizes,
// precision, dataset, tokens) by a fit without it. EcoLogits beside it on the same rows: as deployed
// (B = 64, its own GPU count) and with the row's batch cap and GPU count.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "calibration/cross_validation.h"
#include "calibration/serving_runs.h"
#include "core/error.h"
#include "estimator/model_params.h"
#include "estimator/serving_model.h"
#include "estimator/serving_params.h"
#include "hardware_db/device_db.h"

namespace foreprint {

struct PreparedServingRun {
  const ServingRun* run = nullptr;
  const Device* device = nullptr;
  double input_tokens = 0;     // published, else the mean of the rows that publish one
  double prefill_j = 0;        // s_J: (I/O)·J_pf at κ = 1
  double prefill_s = 0;        // s_T: (I/O)·t_pf at κ = 1
  std::vector<ServingTerm> terms;
  bool ok = false;             // usable and its device known
  std::string subset;          // "mlenergy-v3 H100-SXM5-80GB", …
};

// Looks devices up, fills the prompt lengths and the prefill shares (with the training model's MFU
// and power from `training`).
std::vector<PreparedServingRun> PrepareServingRuns(const std::vector<ServingRun>& runs, const DeviceDb& devices,
                                                   const ModelParams& training);

struct ServingFitOptions {
  bool covariance = true;
  int max_iterations = 100;
  const ServingParams* start = nullptr;  // start values (the full fit, for the leave-one-out refits)
  double prefill_prior_sd = 0.5;         // sd of ln κ around 0
};

struct ServingFitResult {
  ServingParams params;                     // ready to write as serving_fitted.yaml (uncertainty: filled by the CV)
  std::map<std::string, double> std_error;  // covariance name → standard error
  int rows = 0;
  double rms_log_j = 0, rms_log_t = 0;      // in-sample
  bool converged = false;
};

// Fits on runs[i] with include[i] (all usable rows when `include` is empty).
Result<ServingFitResult> FitServing(const std::vector<PreparedServingRun>& runs, const std::vector<bool>& include,
                                    const ServingFitOptions& options = {});

struct ServingPrediction {
  double j = 0, t = 0;  // J per output token (prefill included) and output tokens/s, at the row's cap
};
// A row predicted by `params` through the estimator's replica model, with the row's own dataset term.
Result<ServingPrediction> PredictServingRun(const ServingParams& params, const ModelParams& training,
                                            const DeviceDb& devices, const PreparedServingRun& run);

struct ServingCvRow {
  std::string model, group, dataset, task, device;
  double gpus = 0, max_batch = 0;
  double actual_j = 0, foreprint_j = 0, ecologits_j = 0, ecologits_row_j = 0;
  double actual_t = 0, foreprint_t = 0, ecologits_t = 0, ecologits_row_t = 0;
};

struct ServingCvSummary {
  Metric foreprint_j, foreprint_t, ecologits_j, ecologits_t, ecologits_row_j, ecologits_row_t;
};

struct ServingCvReport {
  std::vector<ServingCvRow> rows;
  int groups = 0;
  ServingCvSummary all;
  std::map<std::string, ServingCvSummary> by_subset;  // "mlenergy-v3 H100-SXM5-80GB", …
  double sigma_log_j = 0, sigma_log_t = 0;            // interval σ of the held-out log errors
};

Result<ServingCvReport> ServingLeaveOneModelOut(const std::vector<PreparedServingRun>& runs,
                                               const ServingFitResult& full, const ModelParams& training,
                                               const DeviceDb& devices);

}  // namespace foreprint
