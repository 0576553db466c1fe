#include "cli/loaded_run.h"

#include <future>

#include "core/data_files.h"

namespace foreprint::cli {

Result<LoadedRun> LoadRun(const std::string& config_path, const std::string& fitted_path,
                          const std::string& serving_fitted_path) {
  LoadedRun r;
  // The two databases are most of an estimate's start-up: parse them side by side.
  auto regions_parsed = std::async(std::launch::async, [] { return RegionDb::Builtin(); });
  auto devices = DeviceDb::Builtin();
  auto regions = regions_parsed.get();
  if (!devices) return devices.error();
  if (!regions) return regions.error();
  r.devices = *devices;
  r.regions = *regions;
  auto config = RunConfig::Load(config_path, *r.devices, *r.regions);
  if (!config) return config.error();
  r.config = std::move(*config);
  if (r.config.has_training) {
    auto inputs = EstimateInputs::Builtin();
    if (!inputs) return inputs.error();
    r.inputs = std::move(*inputs);
  } else {
    // A deployment only: the training model's point values (prefill MFU, power, host) suffice.
    auto point = ModelParams::BuiltinPointValues();
    if (!point) return point.error();
    r.inputs.params = *point;
  }
  if (!fitted_path.empty()) {
    auto text = ReadTextFile(fitted_path);
    if (!text) return text.error();
    auto params = ModelParams::Parse(*text, fitted_path);
    if (!params) return params.error();
    r.own_params = std::make_shared<const ModelParams>(std::move(*params));
    r.inputs.params = r.own_params.get();
  }
  if (!serving_fitted_path.empty()) {
    auto text = ReadTextFile(serving_fitted_path);
    if (!text) return text.error();
    auto params = ServingParams::Parse(*text, serving_fitted_path);
    if (!params) return params.error();
    r.own_serving = std::make_shared<const ServingParams>(std::move(*params));
    r.inputs.serving = r.own_serving.get();
  }
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
