// loaded_run.h — a run config read against the built-in device and region databases, with the
// estimate inputs (fitted parameters, OpenCarbonEval table, hourly profiles): where `estimate`,
// `compare` and `validate --config` all start. The databases are the process-wide built-ins, so
// the pointers stay valid.
#pragma once

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
};

// Errors name the config file (and line and field) as RunConfig::Load does.
Result<LoadedRun> LoadRun(const std::string& config_path);

// The estimate of a loaded run; an error is placed at the config file.
Result<Estimate> EstimateRun(const LoadedRun& run, const EstimateOptions& options, const std::string& config_path);

}  // namespace foreprint::cli
