#include "estimator/estimate.h"

#include <algorithm>
#include <cmath>
#include <functional>
#include <type_traits>

#include "estimator/carbon.h"
#include "estimator/datacenter.h"
#include "estimator/power_model.h"
#include "core/text.h"
#include "estimator/throughput_calibrated.h"
#include "hardware_db/region_intensity.h"
#include "core/utc_time.h"

namespace foreprint {
namespace {

constexpr double kZ90 = 1.2815515655446004;  // standard normal 90th percentile

struct TimeResult {
  Seconds wall;
  double device_hours = 0;
  double mfu = 0;                         // steady MFU the power model sees
  double sigma_log = 0;                   // of device-hours
  double p10_factor = 0, p90_factor = 0;  // OpenCarbonEval: bounds from α_lo / α_hi, else 0
  Watts oce_tdp;                          // OpenCarbonEval's own TDP for the device (kOce only)
};

// Records one explain step. `source` may be a string or a callable returning one: sweeps run
// without the trail, and then the (string-building) callable is never called.
template <class Source>
void Step(Estimate& e, std::string_view quantity, double value, std::string_view unit, Source&& source) {
  if (!e.record_explain) return;
  if constexpr (std::is_invocable_v<Source>) {
    e.explain.push_back({std::string(quantity), value, std::string(unit), source()});
  } else {
    e.explain.push_back({std::string(quantity), value, std::string(unit), std::string(source)});
  }
}

void Note(Estimate& e, const std::function<std::string()>& text) {
  if (e.record_explain) e.notes.push_back(text());
}

FlopPerSecond PeakOf(const RunConfig& c, std::string* dtype) {
  if (!c.dtype.empty()) {
    *dtype = c.dtype;
    return *c.device->Peak(c.dtype);
  }
  return c.device->TrainingPeak(dtype);
}

// ∂η/∂θ · Σ · ∂η/∂θ for the MFU linear predictor.
double PredictorVariance(const ModelParams& p, const ThroughputFeatures& f) {
  if (p.covariance_names.empty()) return 0;
  std::vector<std::pair<std::string, double>> grad = {
      {p.throughput.family_logit.count(f.family) ? "family_logit." + f.family : "default_logit", 1.0},
      {"slope_log_params", std::log(f.params / 1e9)},
      {"slope_log_count", std::log(f.count / 1e3)},
      {"modality_offset." + f.modality, 1.0},
      {f.setting == Setting::kBenchmark ? "" : "workload_offset." + f.workload, 1.0},
      {"precision_offset." + f.dtype, 1.0},
      {"slope_year", f.year - 2022.0}};
  if (f.setting != Setting::kBenchmark) grad.push_back({"production_family_offset." + f.family, 1.0});
  if (f.setting == Setting::kBenchmark) {
    grad.push_back({"benchmark_offset", 1.0});
    grad.push_back({"benchmark_slope_log_count", std::log(f.count / 1e3)});
  }
  double var = 0;
  for (const auto& [ni, gi] : grad) {
    int i = p.CovIndex(ni);
    if (i < 0) continue;
    for (const auto& [nj, gj] : grad) {
      int j = p.CovIndex(nj);
      if (j >= 0) var += gi * gj * p.covariance[i][j];
    }
  }
  return std::max(0.0, var);
}

Result<TimeResult> GivenTime(const RunConfig& c, const ModelParams& p, Estimate& e) {
  TimeResult t;
  t.device_hours = *c.device_hours;
  t.wall = Hours(t.device_hours / c.count);
  e.throughput_model = "given";
  std::string dtype;
  FlopPerSecond peak = PeakOf(c, &dtype);
  if (c.mfu) {
    t.mfu = *c.mfu;
  } else if (c.workload.flops.value() > 0) {
    t.mfu = std::clamp(c.workload.flops / Seconds(t.device_hours * kSecondsPerHour) / peak, 0.01, 1.0);
  } else {
    t.mfu = Sigmoid(p.throughput.default_logit);
  }
  Step(e, "device-hours", t.device_hours, "h", "given (hardware.device_hours)");
  Step(e, "wall time", InHours(t.wall), "h",
       [&] { return std::string("device-hours / " + FormatNumber(c.count) + " devices"); });
  if (c.workload.flops.value() > 0) {
    Step(e, "achieved MFU", c.workload.flops / Seconds(t.device_hours * kSecondsPerHour) / peak, "", [&] {
      return std::string("FLOPs / (device-hours × " + FormatNumber(InTflops(peak)) + " TFLOP/s " + dtype + " peak)");
    });
  }
  return t;
}

Result<TimeResult> OceTime(const RunConfig& c, const OceTable* table, Estimate& e) {
  if (!table) return MakeError("OpenCarbonEval's device table is not available");
  const OceDevice* d = table->Find(c.device_query);
  if (!d) {
    for (const auto& row : table->devices()) {
      if (auto db = DeviceDb::Builtin(); db && (*db)->TryFind(row.hardware) == c.device) {
        d = &row;
        break;
      }
    }
  }
  if (!d) {
    std::vector<std::string> have;
    for (const auto& row : table->devices()) have.push_back(row.hardware);
    Error err = MakeError("OpenCarbonEval has no α for " + c.device->id + "; it covers: " + Join(have, ", "));
    return err.Field("hardware.device");
  }
  OceResult r = OceDeviceHours(*d, c.workload.flops);
  TimeResult t;
  t.device_hours = r.device_hours_mean;
  t.wall = Hours(t.device_hours / c.count);
  t.p10_factor = r.device_hours_hi / r.device_hours_mean;
  t.p90_factor = r.device_hours_lo / r.device_hours_mean;
  t.oce_tdp = d->tdp;
  e.throughput_model = "oce";
  Step(e, "lg α (low, high)", d->lg_alpha_lo, "log10",
       [&] { return std::string(d->source + "; high " + FormatNumber(d->lg_alpha_hi)); });
  Step(e, "device-hours at α low", r.device_hours_lo, "h",
       [&] { return std::string("OpenCarbonEval: ((1+αT)ln(1+αT) − αT)/α = C/1e12"); });
  Step(e, "device-hours at α high", r.device_hours_hi, "h", "same, α high");
  Step(e, "device-hours", t.device_hours, "h", "mean of the two (the leaderboard averages their emissions)");
  Step(e, "wall time", InHours(t.wall), "h",
       [&] { return std::string("device-hours / " + FormatNumber(c.count) + " devices"); });
  return t;
}

Result<TimeResult> CalibratedTime(const RunConfig& c, const ModelParams& p, Estimate& e) {
  TimeResult t;
  const Workload& w = c.workload;
  ThroughputFeatures f;
  f.family = c.device->family;
  f.modality = ToString(w.modality);
  f.count = c.count;
  f.year = c.year ? *c.year : p.throughput.reference_year;
  f.params = w.active_params > 0 ? w.active_params : ImputedParams(w.flops);
  if (w.active_params <= 0) {
    Note(e, [&] {
      return "parameters unknown: assumed compute-optimal N = sqrt(C/120) = " + FormatSig(f.params, 3) +
             " (Hoffmann et al. 2022)";
    });
  }
  if (!c.year)
    Note(e, [&] { return "training year not given: assumed " + std::to_string(p.throughput.reference_year); });
  if (!c.mfu && !p.throughput.family_logit.count(f.family)) {
    Note(e, [&] {
      return "no " + f.family + " run (published or MLPerf Training) in the calibration data: MFU at the common level of all "
             "families, with a wider band (README: Accuracy)";
    });
  }
  std::string dtype;
  FlopPerSecond peak = PeakOf(c, &dtype);
  f.dtype = dtype;
  f.workload = ToString(w.kind);
  f.setting = c.setting;
  ThroughputPrediction pred = PredictThroughput(p.throughput, f, w.flops, peak);
  const MfuTerms& terms = pred.terms;
  double u = pred.mfu;
  const double g = pred.goodput;
  t.wall = pred.wall;
  if (c.mfu) {
    u = *c.mfu;
    t.wall = SolveWallTime(w.flops, c.count, peak, u, g, Hours(WarmupHours(p.throughput, c.setting)));
  }
  t.device_hours = c.count * InHours(t.wall);
  t.mfu = u;
  double dlnT_deta = -(1.0 - u);  // ln T ≈ −ln u + const, d ln u / dη = 1 − u
  t.sigma_log = c.mfu ? 0.0
                      : std::sqrt(p.uncertainty.sigma_log_time * p.uncertainty.sigma_log_time +
                                  dlnT_deta * dlnT_deta * PredictorVariance(p, f));
  e.throughput_model = "calibrated";
  const std::string fitted = e.record_explain ? p.file + " (" + p.status + ")" : std::string();
  if (e.record_explain)
    Step(e, "peak (" + dtype + ", dense)", InTflops(peak), "TFLOP/s/device", [&] {
      auto note = c.device->value_sources.find("peak_tflops");
      return c.device->source + (note == c.device->value_sources.end() ? "" : " (" + note->second + ")");
    });
  if (c.mfu) {
    Step(e, "steady MFU", u, "", "given (hardware.mfu)");
  } else {
    // The trail strings are built only when the trail is recorded (sweeps skip them: compare --all-*).
    Step(e, "steady MFU", u, "", [&] {
      return "σ(η), η = family " + FormatSig(terms.family, 3) + " + size " + FormatSig(terms.size, 3) + " + scale " +
             FormatSig(terms.scale, 3) + " + modality " + FormatSig(terms.modality, 3) + " + workload " +
             FormatSig(terms.workload, 3) + " + precision (" + dtype + ") " + FormatSig(terms.precision, 3) +
             " + year " + FormatSig(terms.year, 3) +
             (c.setting == Setting::kBenchmark ? " + benchmark " : " + production (" + f.family + ") ") +
             FormatSig(terms.setting, 3) +
             "; " + fitted;
    });
  }
  if (c.setting == Setting::kBenchmark) {
    Step(e, "goodput", g, "", "1 (setting: benchmark — a tuned run without failures or restarts)");
  } else {
    Step(e, "goodput", g, "", [&] {
      return "1/(1 + λ·n/1000), λ = " + FormatSig(p.throughput.goodput_lambda, 3) + "; " + fitted;
    });
  }
  Step(e, "warm-up time constant", WarmupHours(p.throughput, c.setting), "h",
       [&] { return "setting: " + ToString(c.setting) + "; " + fitted; });
  Step(e, "wall time", InHours(t.wall), "h", "n·peak·u·g·(T − τw(1 − e^(−T/τw))) = C");
  Step(e, "device-hours", t.device_hours, "h",
       [&] { return std::string("wall time × " + FormatNumber(c.count) + " devices"); });
  return t;
}

std::string HostPowerSource(const RunConfig& c, const ModelParams& p) {
  if (c.host_power_per_device) return "given (hardware.host_power_per_device)";
  if (c.power != PowerMode::kModeled) return "not counted (publisher convention; set hardware.host_power_per_device)";
  if (c.instance && c.instance->host_power) {
    return "instance " + c.instance->id + " host: " + FormatNumber(*c.instance->vcpus) + " vCPUs → " +
           FormatSig(c.instance->host_power->value(), 3) + " W / " + std::to_string(c.instance->count) +
           " devices (hardware_db/instances.yaml host_power, Cloud Carbon Footprint per-vCPU watts at 50 % "
           "utilisation)";
  }
  return p.file + " host share (CPU, DRAM, NIC)";
}

struct PowerResult {
  Watts device, host;
  double sigma_log = 0;
};

PowerResult DevicePower(const RunConfig& c, const ModelParams& p, const TimeResult& t, Estimate& e) {
  PowerResult r;
  const Device& d = *c.device;
  switch (c.power) {
    case PowerMode::kTdp:
      r.device = t.oce_tdp.value() > 0 ? t.oce_tdp : d.tdp;
      r.sigma_log = p.uncertainty.sigma_log_power;  // TDP × hours is an estimate of the energy too
      Step(e, "device power", r.device.value(), "W", [&] {
        return std::string(t.oce_tdp.value() > 0 ? "TDP from OpenCarbonEval's device table"
                                                 : "TDP (power: tdp); " + d.SourceOf("tdp_w"));
      });
      r.host = c.host_power_per_device.value_or(Watts(0));
      break;
    case PowerMode::kFixed:
      r.device = c.fixed_power;
      Step(e, "device power", r.device.value(), "W", "given (hardware.power)");
      r.host = c.host_power_per_device.value_or(Watts(0));
      break;
    case PowerMode::kModeled:
      r.device = ModeledDevicePower(d.tdp, d.idle, p.power, t.mfu, d.family);
      Step(e, "device power", r.device.value(), "W", [&] {
        return std::string("idle " + FormatNumber(d.idle.value()) + " + (TDP " + FormatNumber(d.tdp.value()) +
                           " − idle) × " + FormatSig(PowerFraction(p.power, t.mfu, d.family), 3) +
                           " (p0 + p1·MFU + δ_" + d.family + "); " + p.file + " (" + p.status + ")");
      });
      r.host = c.host_power_per_device.value_or(Watts(p.power.host_w_per_device));
      if (!c.host_power_per_device && c.instance && c.instance->host_power) {
        r.host = *c.instance->host_power / c.instance->count;
      } else if (!c.host_power_per_device && c.instance) {
        Note(e, [&] {
          return "instance " + c.instance->id + " lists no host vCPUs: the calibrated host share per device is used";
        });
      }
      r.sigma_log = p.uncertainty.sigma_log_power;
      break;
  }
  Step(e, "host power", r.host.value(), "W/device", [&] { return HostPowerSource(c, p); });
  return r;
}

bool AllFinite(const Estimate& e) {
  const double v[] = {e.flops,          e.device_hours,     e.wall_hours,  e.energy_kwh.total,
                      e.co2e_kg.total,  e.co2e_kg.embodied, e.p10.co2e_kg, e.p90.co2e_kg,
                      e.p10.energy_kwh, e.p90.energy_kwh,   e.mfu};
  for (double x : v)
    if (!std::isfinite(x)) return false;
  for (const auto& s : e.explain)
    if (!std::isfinite(s.value)) return false;
  return true;
}

// What the run is, as the report names it, and the FLOPs as the first explain step.
Estimate Describe(const RunConfig& c, const EstimateOptions& o) {
  Estimate e;
  e.record_explain = o.explain;
  e.name = c.name;
  e.setting = ToString(c.setting);
  e.workload_kind = ToString(c.workload.kind);
  e.modality = ToString(c.workload.modality);
  e.flops = c.workload.flops.value();
  e.device_id = c.device->id;
  e.count = c.count;
  e.region_id = c.region->id;
  if (e.flops > 0) Step(e, "training compute", e.flops, "FLOP", c.workload.formula);
  return e;
}

// Device-hours and wall time: given in the config, OpenCarbonEval's α, or the calibrated model.
Result<TimeResult> RunTime(const RunConfig& c, const EstimateOptions& o, const EstimateInputs& in, Estimate& e) {
  if (c.device_hours) return GivenTime(c, *in.params, e);
  if (o.throughput_model == ThroughputModelKind::kOce) {
    auto table = in.Oce();
    if (!table) return table.error();
    return OceTime(c, *table, e);
  }
  return CalibratedTime(c, *in.params, e);
}

// kWh by part: accelerators and host over the device-hours, then the facility overhead (PUE − 1).
void AddEnergy(const RunConfig& c, const TimeResult& t, const PowerResult& pw, Estimate& e) {
  e.device_power_w = pw.device.value();
  e.host_power_w = pw.host.value();
  const Seconds device_time(t.device_hours * kSecondsPerHour);
  KilowattHours accel = pw.device * device_time;
  KilowattHours host = pw.host * device_time;
  const ResolvedPue pue = ResolvePue(c);
  if (!pue.given) Note(e, [&] { return "PUE not given: " + FormatNumber(pue.value) + " from " + pue.source; });
  e.pue = pue.value;
  e.energy_kwh.accelerators = accel.value();
  e.energy_kwh.host = host.value();
  e.energy_kwh.facility_overhead = (accel + host).value() * (pue.value - 1.0);
  e.energy_kwh.total = e.energy_kwh.accelerators + e.energy_kwh.host + e.energy_kwh.facility_overhead;
  Step(e, "accelerator energy", e.energy_kwh.accelerators, "kWh", "device power × device-hours");
  Step(e, "host energy", e.energy_kwh.host, "kWh", "host power × device-hours");
  Step(e, "PUE", pue.value, "", pue.source);
  Step(e, "facility energy", e.energy_kwh.total, "kWh", [&] { return std::string("(accelerators + host) × PUE"); });
}

// Operational CO2e by part: each part's kWh × the (annual or hourly-profile) grid intensity.
void AddOperational(const RunConfig& c, const EstimateInputs& in, const TimeResult& t, Estimate& e) {
  const ResolvedIntensity ci = ResolveIntensity(c, [&] { return in.Profiles(); }, InHours(t.wall), e.record_explain);
  if (ci.no_profile) {
    Note(e, [&] {
      return "region " + c.region->id + " has no hourly profile: the annual intensity is used for the start time";
    });
  }
  e.ci_g_per_kwh = ci.ci.value();
  Step(e, "grid carbon intensity", e.ci_g_per_kwh, "g CO2e/kWh", ci.source);
  e.co2e_kg.accelerators = (KilowattHours(e.energy_kwh.accelerators) * ci.ci).value();
  e.co2e_kg.host = (KilowattHours(e.energy_kwh.host) * ci.ci).value();
  e.co2e_kg.facility_overhead = (KilowattHours(e.energy_kwh.facility_overhead) * ci.ci).value();
  e.co2e_kg.operational = e.co2e_kg.accelerators + e.co2e_kg.host + e.co2e_kg.facility_overhead;
  Step(e, "operational emissions", e.co2e_kg.operational, "kg CO2e", "facility energy × intensity (location-based)");
}

// GHG Protocol Scope 2 dual reporting: with a market-based factor (the supplier's, or the residual
// mix), the operational CO2e by that factor beside the location-based figure, which stays the total.
void AddMarketBased(const RunConfig& c, Estimate& e) {
  if (!c.market_factor) return;
  e.market_factor_g_per_kwh = c.market_factor->value();
  e.co2e_kg.operational_market_based = (KilowattHours(e.energy_kwh.total) * *c.market_factor).value();
  Step(e, "market-based factor", c.market_factor->value(), "g CO2e/kWh", "given (datacenter.market_factor)");
  Step(e, "operational emissions, market-based", *e.co2e_kg.operational_market_based, "kg CO2e",
       "facility energy × market-based factor (GHG Protocol Scope 2 Guidance 2015, dual reporting); reported beside "
       "the location-based figure, which the total uses");
}

// Water on-site (WUE × IT energy) and off-site (EWIF × facility energy), estimator/water.h.
Status AddWater(const RunConfig& c, const EstimateInputs& in, Estimate& e) {
  auto db = in.Water();
  if (!db) return db.error();
  const double it = e.energy_kwh.accelerators + e.energy_kwh.host;
  e.water = EstimateWater(*c.region, **db, KilowattHours(it), KilowattHours(e.energy_kwh.total), e.record_explain);
  const WaterEstimate& w = e.water;
  if (w.wue_l_per_kwh) {
    Step(e, "on-site WUE", *w.wue_l_per_kwh, "L/kWh (IT)", w.onsite_source);
    Step(e, "on-site water", *w.onsite_l, "L", "WUE × IT energy (accelerators + host), not × PUE: WUE is per IT kWh");
  }
  if (w.ewif_l_per_kwh) {
    Step(e, "grid water intensity (EWIF)", *w.ewif_l_per_kwh, "L/kWh (generated)", w.offsite_source);
    Step(e, "off-site water", *w.offsite_l, "L", "facility energy × EWIF (the grid generates every kWh the site draws)");
  }
  if (w.total_l) Step(e, "water total", *w.total_l, "L", "on-site + off-site");
  return {};
}

// Manufacturing CO2e of devices and hosts, amortised over the wall time (config values or defaults).
void AddEmbodied(const RunConfig& c, const TimeResult& t, Estimate& e) {
  EmbodiedInputs ei;
  ei.count = c.count;
  ei.device_kgco2e = c.embodied.device_kgco2e.value_or(c.device->embodied_kgco2e);
  ei.host_kgco2e = c.embodied.host_kgco2e.value_or(EmbodiedDefaults::kHostKgCo2e);
  ei.devices_per_host = c.embodied.devices_per_host.value_or(
      c.instance ? static_cast<double>(c.instance->devices_per_host) : EmbodiedDefaults::kDevicesPerHost);
  ei.lifetime_years = c.embodied.lifetime_years.value_or(EmbodiedDefaults::kLifetimeYears);
  ei.utilization = c.embodied.utilization.value_or(EmbodiedDefaults::kUtilization);
  EmbodiedSplit emb = AmortisedEmbodied(ei, t.wall);
  e.co2e_kg.embodied_devices = emb.devices.value();
  e.co2e_kg.embodied_hosts = emb.hosts.value();
  e.co2e_kg.embodied = emb.total().value();
  Step(e, "device embodied", ei.device_kgco2e, "kg CO2e/device", [&] {
    return std::string(c.embodied.device_kgco2e ? "given (embodied.device_kgco2e)"
                                                : c.device->SourceOf("embodied_kgco2e"));
  });
  Step(e, "host embodied", ei.host_kgco2e, "kg CO2e/host (" + FormatNumber(ei.devices_per_host) + " devices)", [&] {
    std::string src = c.embodied.host_kgco2e ? "given (embodied.host_kgco2e)" : EmbodiedDefaults::kSource;
    if (c.instance && !c.embodied.devices_per_host) {
      src += "; " + std::to_string(c.instance->devices_per_host) + " devices per host: the largest " +
             c.instance->id + " family size in hardware_db/instances.yaml";
    }
    return src;
  });
  Step(e, "embodied emissions", e.co2e_kg.embodied, "kg CO2e", [&] {
    return std::string("× wall time / (" + FormatNumber(ei.lifetime_years) + " y lifetime × " +
                       FormatNumber(ei.utilization) + " utilization)");
  });
}

// P10/P90: log-normal in device-hours (or OpenCarbonEval's α bounds) and in power; energy combines
// both spreads, CO2e mixes the energy band (operational share) and the time band (embodied share).
void AddInterval(const TimeResult& t, const PowerResult& pw, Estimate& e) {
  double lo_t, hi_t;
  if (t.p10_factor > 0) {
    lo_t = t.p10_factor;
    hi_t = t.p90_factor;
  } else {
    lo_t = std::exp(-kZ90 * t.sigma_log);
    hi_t = std::exp(kZ90 * t.sigma_log);
  }
  double s_e = std::sqrt(std::pow(std::log(hi_t) / kZ90, 2) + pw.sigma_log * pw.sigma_log);
  double lo_e = std::exp(-kZ90 * s_e), hi_e = std::exp(kZ90 * s_e);
  double emb_share = e.co2e_kg.total > 0 ? e.co2e_kg.embodied / e.co2e_kg.total : 0;
  e.p10 = {e.device_hours * lo_t, e.energy_kwh.total * lo_e,
           e.co2e_kg.total * ((1 - emb_share) * lo_e + emb_share * lo_t)};
  e.p90 = {e.device_hours * hi_t, e.energy_kwh.total * hi_e,
           e.co2e_kg.total * ((1 - emb_share) * hi_e + emb_share * hi_t)};
  e.p10.co2e_operational_kg = e.co2e_kg.operational * lo_e;
  e.p90.co2e_operational_kg = e.co2e_kg.operational * hi_e;
}

// Rents the run in a cloud region: the config's instance, or the cheapest way to get `count` devices.
// (A compare option may carry the config's instance into a region that doesn't price it: then the
// cheapest instance there is rented, while the host stays the config's.)
std::optional<Rental> RentalFor(const RunConfig& c, const InstanceDb& db) {
  const InstancePrice* price = c.instance ? c.instance->PriceIn(c.region->id) : nullptr;
  if (price) return Rental{c.instance, price, c.instances, c.instances * price->on_demand_usd_per_hour};
  return db.Cheapest(c.device->id, c.region->id, c.count);
}

void NoPriceNote(const RunConfig& c, const InstanceDb& db, Estimate& e) {
  Note(e, [&] {
    const std::string why = db.HasCatalogData(c.region->id)
                                ? "no " + c.region->provider + " instance with " + c.device->id + " is priced there"
                                : "hardware_db/instances.yaml has no prices for this region (a partial catalog)";
    return "cost not estimated for " + c.region->id + ": " + why;
  });
}

// Cost = wall hours × instances × on-demand price; P10/P90 from the wall-time band.
void AddCost(const RunConfig& c, const EstimateInputs& in, Estimate& e) {
  if (c.region->provider.empty()) return;
  const InstanceDb* db = in.Instances();
  if (!db) return;
  std::optional<Rental> rent = RentalFor(c, *db);
  if (!rent) return NoPriceNote(c, *db, e);
  CostEstimate k;
  k.instance = rent->instance->id;
  k.instances = rent->instances;
  k.region = c.region->id;
  k.usd_per_instance_hour = rent->price->on_demand_usd_per_hour;
  k.usd = e.wall_hours * rent->usd_per_hour;
  k.p10 = e.p10.device_hours / c.count * rent->usd_per_hour;
  k.p90 = e.p90.device_hours / c.count * rent->usd_per_hour;
  k.host_included = !rent->instance->accelerator_only();
  k.price_date = rent->instance->price_date;
  auto cat = db->catalog_of().find(rent->instance->provider);
  k.catalog = cat == db->catalog_of().end() ? rent->instance->source : cat->second;
  Step(e, "cost (on-demand)", k.usd, "USD", [&] {
    return "wall time × " + FormatNumber(k.instances) + " × " + k.instance + " at " +
           FormatNumber(k.usd_per_instance_hour) + " USD/h in " + k.region + " (" +
           FormatNumber(k.instances * rent->instance->count) + " devices rented for " + FormatNumber(c.count) +
           "); hardware_db/instances.yaml, catalog " + k.catalog;
  });
  if (!k.host_included) {
    Note(e, [&] { return k.instance + " is an accelerator-only price: the host VM is not included in the cost"; });
  }
  e.cost = k;
}

}  // namespace

Result<EstimateInputs> EstimateInputs::Builtin() {
  EstimateInputs in;
  auto p = ModelParams::Builtin();
  if (!p) return p.error();
  in.params = *p;
  return in;
}

const HourlyProfiles* EstimateInputs::Profiles() const {
  if (profiles) return profiles;
  auto builtin = HourlyProfiles::Builtin();
  return builtin ? *builtin : nullptr;
}

const InstanceDb* EstimateInputs::Instances() const {
  if (instances) return instances;
  auto builtin = InstanceDb::Builtin();
  return builtin ? *builtin : nullptr;
}

Result<const WaterDb*> EstimateInputs::Water() const {
  if (water) return water;
  return WaterDb::Builtin();
}

Result<const OceTable*> EstimateInputs::Oce() const {
  if (oce) return oce;
  return OceTable::Builtin();
}

Result<const ServingParams*> EstimateInputs::Serving() const {
  if (serving) return serving;
  return ServingParams::Builtin();
}

Result<const DeviceDb*> EstimateInputs::Devices() const {
  if (devices) return devices;
  return DeviceDb::Builtin();
}

Result<Estimate> RunEstimate(const RunConfig& c, const EstimateOptions& o, const EstimateInputs& in) {
  if (!in.params) return MakeError("model parameters are not loaded");
  if (!c.has_training || !c.device) {
    return MakeError("this config has no training run (no hardware: section); its serving: deployment is "
                     "estimated by foreprint estimate");
  }
  const ModelParams& p = *in.params;
  Estimate e = Describe(c, o);
  Result<TimeResult> time = RunTime(c, o, in, e);
  if (!time) return time.error();
  const TimeResult& t = *time;
  e.device_hours = t.device_hours;
  e.wall_hours = InHours(t.wall);
  e.mfu = e.flops > 0
              ? std::min(1.0, c.workload.flops / Seconds(t.device_hours * kSecondsPerHour) / c.device->TrainingPeak())
              : t.mfu;
  PowerResult pw = DevicePower(c, p, t, e);
  AddEnergy(c, t, pw, e);
  AddOperational(c, in, t, e);
  AddMarketBased(c, e);
  if (c.embodied.include) AddEmbodied(c, t, e);
  e.co2e_kg.total = e.co2e_kg.operational + e.co2e_kg.embodied;
  Step(e, "total emissions", e.co2e_kg.total, "kg CO2e", [&] { return std::string("operational + embodied"); });
  AddInterval(t, pw, e);
  AddCost(c, in, e);
  if (auto st = AddWater(c, in, e); !st) return st.error();
  if (!AllFinite(e)) {
    return MakeError(
        "the estimate is not a finite number (inputs at the edge of the model's range); check the "
        "workload size and device count");
  }
  return e;
}

}  // namespace foreprint
