// validate.h — a measurement beside a prediction, and a measurement as a calibration run.
//
// CompareWithEstimate() puts the prediction in the log's own scope: accelerator energy for GPU-only
// logs (nvidia-smi, Zeus), IT energy (accelerators + host) for CodeCarbon/eco2AI without PUE, and
// IT energy × the log's PUE when the tracker applied one (CodeCarbon with pue, Carbontracker).
// MeasuredRun() turns a log (plus the config it ran, when given) into a runs.csv row that
// `foreprint calibrate --runs` accepts.
#pragma once

#include <string>
#include <vector>

#include "calibration/logs/log_summary.h"
#include "calibration/run_record.h"
#include "estimator/estimate.h"
#include "hardware_db/device_db.h"

namespace foreprint {

struct Validation {
  std::string scope;          // the scope both numbers are in
  double measured_kwh = 0;
  double predicted_kwh = 0, p10_kwh = 0, p90_kwh = 0;
  double ratio = 0;           // measured / predicted
  bool inside = false;        // P10 ≤ measured ≤ P90
  double measured_hours = 0, predicted_wall_hours = 0;
  std::vector<std::string> notes;  // why the two may not describe the same run
};

Validation CompareWithEstimate(const LogSummary& log, const Estimate& e);

// The device a log names ("1 x NVIDIA A100-SXM4-40GB", "Tesla V100-PCIE-32GB", the first of
// "2 x A, 1 x B"), if the database knows it.
const Device* DeviceFromLog(const LogSummary& log, const DeviceDb& devices);

RunRecord MeasuredRun(const LogSummary& log, const RunConfig* config, const DeviceDb& devices);

}  // namespace foreprint
