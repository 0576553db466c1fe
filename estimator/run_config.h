// run_config.h — a planned training run as written in a YAML config (the `estimate` input).
//
// Top-level keys: name, year, setting, model (models/model_section.h), hardware, datacenter, embodied,
// serving (serving_config.h). A config holds a training run (model with its kind, hardware), a
// deployment (serving; then model needs only params, active_params, weight_precision and hardware
// is absent), or both (the report adds the life-cycle total).
//   setting:    production (default: a long run whose hours include restarts, evaluation and
//               checkpointing) | benchmark (a short tuned run, as in MLPerf Training)
//   hardware:   device (id or alias), count, device_hours, power (modeled | tdp | "350 W"),
//               or instead of device + count: instance (a cloud instance type, instances.yaml) and
//               instances (how many): the device, the count, the host's power and its size follow;
//               dtype (bf16 | fp16 | fp8 | fp4 | int8 | tf32 | fp32: the peak the MFU is measured
//               against), mfu (0–1, overrides the calibrated MFU),
//               host_power_per_device ("237 W")
//   datacenter: region (id or alias), pue, carbon_intensity ("385 g/kWh"), start (ISO 8601),
//               market_factor ("60 g/kWh": the supplier's or residual-mix factor for Scope 2
//               market-based reporting, GHG Protocol Scope 2 Guidance 2015)
//   embodied:   include, device_kgco2e, host_kgco2e, devices_per_host, lifetime_years, utilization
// Load() resolves the device, instance and region against the databases; every error names
// file:line:column and the field, with suggestions for unknown ids and keys. An instance must be
// priced in datacenter.region (else an error listing where it is).
#pragma once

#include <optional>
#include <string>

#include "core/error.h"
#include "core/units.h"
#include "estimator/model_params.h"
#include "estimator/serving_config.h"
#include "hardware_db/device_db.h"
#include "hardware_db/instance_db.h"
#include "hardware_db/region_db.h"
#include "models/workload.h"

namespace foreprint {

enum class PowerMode { kModeled, kTdp, kFixed };

struct EmbodiedConfig {
  bool include = true;
  std::optional<double> device_kgco2e;     // default: the device's entry in devices.yaml
  std::optional<double> host_kgco2e;       // per host; default: LLMCarbon's host components
  std::optional<double> devices_per_host;  // default 8
  std::optional<double> lifetime_years;    // default 5 (LLMCarbon)
  std::optional<double> utilization;       // share of the lifetime in use; default 1
};

struct RunConfig {
  std::string file;
  std::string name;
  std::optional<int> year;
  Setting setting = Setting::kProduction;
  WorkloadSpec workload_spec;
  Workload workload;

  const Device* device = nullptr;
  std::string device_query;       // as written (OpenCarbonEval mode looks it up verbatim)
  double count = 1;
  const Instance* instance = nullptr;  // hardware.instance; then count = instances × instance->count
  double instances = 0;                // hardware.instances
  std::optional<double> device_hours;
  PowerMode power = PowerMode::kModeled;
  Watts fixed_power;               // kFixed: per device
  std::string dtype;               // empty = the device's training peak
  std::optional<double> mfu;
  std::optional<Watts> host_power_per_device;

  const Region* region = nullptr;
  std::optional<double> pue;
  std::optional<GramsPerKwh> carbon_intensity;
  std::optional<double> start_hours;  // since 1970-01-01T00:00Z
  std::optional<GramsPerKwh> market_factor;  // market-based factor, reported beside location-based

  EmbodiedConfig embodied;

  // `instances` null: the built-in instance database, loaded only when the config names an instance.
  bool has_training = true;             // false: a serving-only config (no hardware:, device is null)
  std::optional<ServingConfig> serving; // the `serving:` section, when present

  static Result<RunConfig> Parse(const std::string& text, const std::string& file, const DeviceDb& devices,
                                 const RegionDb& regions, const InstanceDb* instances = nullptr);
  static Result<RunConfig> Load(const std::string& path, const DeviceDb& devices, const RegionDb& regions,
                                const InstanceDb* instances = nullptr);
};

}  // namespace foreprint
