// mlperf_validation.h — how well the calibrated model predicts MLPerf Training results it did not see.
//
// Run time of each MLPerf row (benchmark setting, calibration/mlperf_runs.h) predicted a priori from
// its FLOPs, device, precision, count, workload and round year, by fits that never saw it:
//   leave-one-system-out  every row of a submitter's system out together (grouped refits)
//   forward in time       fit on rounds before k (and the published runs), predict round k, k ≥ v3.0
//   family held out       no row of the family in the fit (Blackwell; CDNA 3; Gaudi 1–3; TPU v5e/v5p/v6e
//                         together; every other family alone): the family falls back to the common logit
//   ranking               per (round, benchmark) with ≥ 3 devices: Spearman correlation of the
//                         leave-one-system-out per-device throughput (FLOP/s per device) with the measured
//   static 30 % MFU       the same rows at 30 % of the precision's peak, as a baseline
//   power                 MLPerf power rows (nodes at the wall, 3 submitters): energy given the run's hours
//                         by the power model fitted on the published runs only (so out of sample for every
//                         submitter, a stricter test than leave-one-submitter-out), against TDP × hours
// Errors are |pred/actual − 1| of run time (= of device-hours: the count is the row's).
#pragma once

#include <string>
#include <vector>

#include "calibration/cross_validation.h"
#include "calibration/fitter.h"

namespace foreprint {

struct MlperfCvRow {
  std::string name, group, round, benchmark, device, family, dtype;
  double count = 0;
  double actual_minutes = 0;
  double loso_minutes = 0;         // leave-one-system-out
  double forward_minutes = 0;      // 0 when the round is before the forward test's first round
  double family_out_minutes = 0;   // its family's rows held out
  double static30_minutes = 0;
};

struct RankingRow {
  std::string round, benchmark;
  int devices = 0;  // rows (systems) ranked
  double spearman = 0;
};

struct MlperfCvReport {
  std::vector<MlperfCvRow> rows;
  Metric loso, static30, family_out, family_out_modern;  // modern: Blackwell, CDNA 3, Gaudi, TPU v5/v6
  Metric power, power_tdp;
  std::vector<std::pair<std::string, Metric>> forward;   // per predicted round
  std::vector<std::pair<std::string, Metric>> family_out_by_set;
  std::vector<RankingRow> ranking;
  double median_spearman = 0;
  int systems = 0;  // groups left out one at a time
};

// The held-out set a family belongs to (e.g. "TPUv5p" → "TPU v5/v6", "Gaudi2" → "Gaudi").
std::string FamilyHoldOutSet(const std::string& family);

// Spearman's rank correlation (average ranks for ties); 0 when fewer than 2 values or no spread.
double Spearman(const std::vector<double>& a, const std::vector<double>& b);

// `runs` holds published and MLPerf runs; refits use `options` (covariance off, started at `full`).
Result<MlperfCvReport> MlperfValidation(const std::vector<PreparedRun>& runs, const FitResult& full,
                                        const FitOptions& options = {});

}  // namespace foreprint
