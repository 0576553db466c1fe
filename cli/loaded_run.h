// loaded_run.h — a run config read against the built-in device and region databases, with the
// estimate inputs (fitted parameters, OpenCarbonEval table, hourly profiles): where `estimate`,
// `compare` and `validate --config` all start. The databases are the process-wide built-ins, so
// the pointers stay valid; LoadRun parses the region database on a second thread while the device
// database is parsed (both are thread-safe, once-only loads).
#pragma once

#include <memory>
#include <string>

#include "estimator/estimate.h"
#include "estimator/run_config.h"
#include "hardware_db/device_db.h"
#include "hardware_db/region_db.h"

namespace foreprint::cli {

struct LoadedRun {
  const DeviceDb* devices = nullptr;
  const RegionDb* regions = nullptr;
  RunConfig config;
  EstimateInputs inputs;
  std::shared_ptr<const ModelParams> own_params;  // set when read from --fitted; inputs.params points here
  std::shared_ptr<const ServingParams> own_serving;  // set when read from --serving-fitted; inputs.serving points here
};

// Errors name the config file (and line and field) as RunConfig::Load does. A non-empty
// `fitted_path` replaces the built-in calibration/fitted.yaml (a file `calibrate --out` wrote), a
// non-empty `serving_fitted_path` calibration/serving_fitted.yaml (`calibrate --serving --out`).
Result<LoadedRun> LoadRun(const std::string& config_path, const std::string& fitted_path = "",
                          const std::string& serving_fitted_path = "");

// The help text of the --fitted option that estimate, compare and validate share.
inline constexpr const char* kFittedHelp =
    "Model parameters from FILE (written by `calibrate --out`) instead of the built-in calibration/fitted.yaml";

inline constexpr const char* kServingFittedHelp =
    "Serving parameters from FILE (written by `calibrate --serving --out`) instead of the built-in "
    "calibration/serving_fitted.yaml";

// The estimate of a loaded run; an error is placed at the config file.
Result<Estimate> EstimateRun(const LoadedRun& run, const EstimateOptions& options, const std::string& config_path);

}  // namespace foreprint::cli
