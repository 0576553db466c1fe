// estimate.h — the Estimate pipeline: run config → device-hours, wall time, kWh, kg CO2e.
//
// Steps (each recorded in `explain` with value, unit and source):
//   FLOPs (models/) → device-hours (given | OpenCarbonEval | calibrated throughput)
//   → device power (modeled | TDP | fixed) + host power → IT kWh → × PUE → facility kWh
//   → × grid intensity (annual, or hourly profile from `start`) → operational kg CO2e
//   + embodied (devices and hosts, amortised over their lifetime) → total.
// With datacenter.market_factor also the market-based operational CO2e (GHG Protocol Scope 2
// dual reporting; the location-based figure stays the total). Water: estimator/water.h.
// P10/P90 are log-normal around the point estimate (model_params.h); energy and CO2e carry the
// power model's spread (sigma_log_power) also when device-hours are given, unless the power is a
// given wattage. All outputs are finite.
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
#include "estimator/serving_params.h"
#include "estimator/throughput_oce.h"
#include "estimator/water.h"
#include "hardware_db/water_db.h"

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
  const WaterDb* water = nullptr;            // null: the built-in water factors, loaded when needed
  const ServingParams* serving = nullptr;    // null: calibration/serving_fitted.yaml, loaded when needed
  const DeviceDb* devices = nullptr;         // null: the built-in database (serving's measured devices)
  static Result<EstimateInputs> Builtin();
  const HourlyProfiles* Profiles() const;    // `profiles` or the built-in ones (null if unloadable)
  Result<const WaterDb*> Water() const;      // `water` or the built-in factors
  Result<const OceTable*> Oce() const;
  const InstanceDb* Instances() const;       // `instances` or the built-in ones (null if unloadable)
  Result<const ServingParams*> Serving() const;
  Result<const DeviceDb*> Devices() const;
};

struct ExplainStep {
  std::string quantity;
  double value = 0;
  std::string unit;
  std::string source;  // formula, dataset or parameter the value comes from
};

struct IntervalPoint {
  double device_hours = 0, energy_kwh = 0, co2e_kg = 0;
  double co2e_operational_kg = 0;  // the operational (location-based) part's bound: it follows energy
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
    std::optional<double> operational_market_based;  // with datacenter.market_factor (Scope 2 market-based)
  } co2e_kg;
  std::optional<double> market_factor_g_per_kwh;     // datacenter.market_factor, as given
  WaterEstimate water;
  IntervalPoint p10, p90;
  std::optional<CostEstimate> cost;  // cloud regions with a price only
  std::vector<ExplainStep> explain;
  std::vector<std::string> notes;  // defaults and assumptions the user should know about
  bool record_explain = true;      // set from EstimateOptions::explain
};

Result<Estimate> RunEstimate(const RunConfig& config, const EstimateOptions& options, const EstimateInputs& inputs);

}  // namespace foreprint
