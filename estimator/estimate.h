// estimate.h — the Estimate pipeline: run config → device-hours, wall time, kWh, kg CO2e.
//
// Steps (each recorded in `explain` with value, unit and source):
//   FLOPs (models/) → device-hours (given | OpenCarbonEval | calibrated throughput)
//   → device power (modeled | TDP | fixed) + host power → IT kWh → × PUE → facility kWh
//   → × grid intensity (annual, or hourly profile from `start`) → operational kg CO2e
//   + embodied (devices and hosts, amortised over their lifetime) → total.
// P10/P90 are log-normal around the point estimate (model_params.h). All outputs are finite.
// Cost (cloud regions only): wall hours × instances × on-demand USD per instance-hour in the region
// (instances.yaml), with P10/P90 from the wall-time band. The instance is the config's
// (hardware.instance) or the type that rents `count` devices most cheaply there; when the region has no
// price for the device, `cost` is absent and a note says why.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/error.h"
#include "hardware_db/hourly_profile.h"
#include "hardware_db/instance_db.h"
#include "estimator/model_params.h"
#include "estimator/run_config.h"
#include "estimator/throughput_oce.h"

namespace foreprint {

enum class ThroughputModelKind { kCalibrated, kOce };

struct EstimateOptions {
  ThroughputModelKind throughput_model = ThroughputModelKind::kCalibrated;
  bool explain = true;  // record the explain trail and notes (sweeps turn it off for speed)
};

// The databases and parameters an estimate reads; Builtin() loads the shipped parameters. The
// hourly profiles and OpenCarbonEval's table are loaded on first use when left null (most runs
// need neither, and start-up time counts for a command-line tool).
struct EstimateInputs {
  const ModelParams* params = nullptr;
  const HourlyProfiles* profiles = nullptr;  // null: the built-in profiles, loaded when needed
  const OceTable* oce = nullptr;             // null: the built-in table, loaded when needed
  const InstanceDb* instances = nullptr;     // null: the built-in instances, loaded when needed
  static Result<EstimateInputs> Builtin();
  const HourlyProfiles* Profiles() const;    // `profiles` or the built-in ones (null if unloadable)
  Result<const OceTable*> Oce() const;
  const InstanceDb* Instances() const;       // `instances` or the built-in ones (null if unloadable)
};

struct ExplainStep {
  std::string quantity;
  double value = 0;
  std::string unit;
  std::string source;  // formula, dataset or parameter the value comes from
};

struct IntervalPoint {
  double device_hours = 0, energy_kwh = 0, co2e_kg = 0;
};

// What renting the run costs at on-demand list prices (no discounts, storage or network).
struct CostEstimate {
  std::string instance;              // instance type
  double instances = 0;              // rented for the whole wall time
  std::string region;
  double usd_per_instance_hour = 0;  // on-demand
  double usd = 0, p10 = 0, p90 = 0;  // wall hours (P10, P90) × instances × price
  bool host_included = true;         // false for accelerator-only prices (host VM not included)
  std::string price_date, catalog;
};

struct Estimate {
  std::string name;
  std::string throughput_model;  // "calibrated" | "oce" | "given"
  std::string setting = "production";  // "production" | "benchmark" (run_config.h)
  std::string workload_kind;
  std::string modality;
  double flops = 0;
  std::string device_id;
  double count = 0;
  std::string region_id;
  double ci_g_per_kwh = 0;
  double pue = 1;
  double device_hours = 0, wall_hours = 0;
  double mfu = 0;                  // average achieved share of peak over the run
  double device_power_w = 0;       // average per device
  double host_power_w = 0;         // per device
  struct {
    double accelerators = 0, host = 0, facility_overhead = 0, total = 0;
  } energy_kwh;
  struct {
    double operational = 0, embodied = 0, total = 0;
    double accelerators = 0, host = 0, facility_overhead = 0;  // operational by part
    double embodied_devices = 0, embodied_hosts = 0;
  } co2e_kg;
  IntervalPoint p10, p90;
  std::optional<CostEstimate> cost;  // cloud regions with a price only
  std::vector<ExplainStep> explain;
  std::vector<std::string> notes;  // defaults and assumptions the user should know about
  bool record_explain = true;      // set from EstimateOptions::explain
};

Result<Estimate> RunEstimate(const RunConfig& config, const EstimateOptions& options, const EstimateInputs& inputs);

}  // namespace foreprint
