#include "estimator/cli/loaded_run.h"

namespace foreprint::cli {

Result<LoadedRun> LoadRun(const std::string& config_path) {
  LoadedRun r;
  auto devices = DeviceDb::Builtin();
  if (!devices) return devices.error();
  auto regions = RegionDb::Builtin();
  if (!regions) return regions.error();
  r.devices = *devices;
  r.regions = *regions;
  auto config = RunConfig::Load(config_path, *r.devices, *r.regions);
  if (!config) return config.error();
  r.config = std::move(*config);
  auto inputs = EstimateInputs::Builtin();
  if (!inputs) return inputs.error();
  r.inputs = std::move(*inputs);
  return r;
}

Result<Estimate> EstimateRun(const LoadedRun& run, const EstimateOptions& options, const std::string& config_path) {
  auto e = RunEstimate(run.config, options, run.inputs);
  if (!e) {
    Error err = e.error();
    return err.At(config_path);
  }
  return e;
}

}  // namespace foreprint::cli
