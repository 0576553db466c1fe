#include "calibration/validate.h"

#include <filesystem>

#include "core/text.h"
#include "core/utc_time.h"

namespace foreprint {

Validation CompareWithEstimate(const LogSummary& log, const Estimate& e) {
  Validation v;
  v.measured_kwh = log.energy_total_kwh;
  v.measured_hours = log.duration_s / 3600.0;
  v.predicted_wall_hours = e.wall_hours;
  const double it = e.energy_kwh.accelerators + e.energy_kwh.host;
  switch (log.scope) {
    case EnergyScope::kAcceleratorMeasured:
      v.scope = "accelerators";
      v.predicted_kwh = e.energy_kwh.accelerators;
      break;
    case EnergyScope::kFacilityMeasured:
    case EnergyScope::kFacilityTdp:
      v.scope = "IT × PUE " + FormatNumber(log.pue.value_or(1.0));
      v.predicted_kwh = it * log.pue.value_or(1.0);
      break;
    default:
      v.scope = "IT (accelerators + host)";
      v.predicted_kwh = it;
  }
  const double lo = e.energy_kwh.total > 0 ? e.p10.energy_kwh / e.energy_kwh.total : 1.0;
  const double hi = e.energy_kwh.total > 0 ? e.p90.energy_kwh / e.energy_kwh.total : 1.0;
  v.p10_kwh = v.predicted_kwh * lo;
  v.p90_kwh = v.predicted_kwh * hi;
  v.ratio = v.predicted_kwh > 0 ? v.measured_kwh / v.predicted_kwh : 0.0;
  v.inside = v.measured_kwh >= v.p10_kwh && v.measured_kwh <= v.p90_kwh;
  if (log.device_count && e.count > 0 && *log.device_count != e.count) {
    v.notes.push_back("the log saw " + std::to_string(*log.device_count) + " GPU(s), the config runs " +
                      FormatNumber(e.count) + ": the two describe different jobs");
  }
  if (log.epochs && log.epochs_planned && *log.epochs < *log.epochs_planned) {
    v.notes.push_back("the measurement covers " + std::to_string(*log.epochs) + " of " +
                      std::to_string(*log.epochs_planned) + " planned epochs");
  }
  return v;
}

const Device* DeviceFromLog(const LogSummary& log, const DeviceDb& devices) {
  std::string name = Trim(log.device_model.substr(0, log.device_model.find(',')));
  // "1 x NVIDIA A100-SXM4-40GB" → "NVIDIA A100-SXM4-40GB"
  size_t digits = 0;
  while (digits < name.size() && std::isdigit(static_cast<unsigned char>(name[digits]))) ++digits;
  if (digits > 0) {
    const std::string rest = Trim(name.substr(digits));
    if (rest.size() > 2 && (rest[0] == 'x' || rest[0] == 'X') && rest[1] == ' ') name = Trim(rest.substr(2));
  }
  if (name.empty() || name.size() > 200) return nullptr;
  if (const Device* d = devices.TryFind(name)) return d;
  // nvidia-smi / CodeCarbon spellings: "NVIDIA A100-SXM4-40GB", "Tesla V100-PCIE-32GB".
  for (const char* prefix : {"NVIDIA Tesla ", "NVIDIA ", "Tesla "}) {
    if (name.rfind(prefix, 0) == 0) {
      if (const Device* d = devices.TryFind(name.substr(std::string(prefix).size()))) return d;
    }
  }
  return nullptr;
}

RunRecord MeasuredRun(const LogSummary& log, const RunConfig* config, const DeviceDb& devices) {
  RunRecord r;
  r.name = config && !config->name.empty() ? config->name : std::filesystem::path(log.file).stem().string();
  r.source = "measured with " + ToString(log.format) + ": " + log.file;
  r.notes = "emitted by foreprint validate --emit-run";
  const Device* device = config ? config->device : DeviceFromLog(log, devices);
  if (device) r.device = device->id;
  r.device_string = log.device_model;
  if (config) {
    r.modality = ToString(config->workload.modality);
    r.workload = config->workload.kind == WorkloadKind::kFlops ? "other" : ToString(config->workload.kind);
    if (config->workload.flops.value() > 0) {
      r.flops = config->workload.flops.value();
      r.flops_source = "reported";
    }
    if (config->workload_spec.params) r.params = config->workload_spec.params;
    if (config->workload_spec.active_params) r.active_params = config->workload_spec.active_params;
    if (config->workload_spec.tokens) r.tokens = config->workload_spec.tokens;
    r.count = config->count;
  } else if (log.device_count) {
    r.count = *log.device_count;
  }
  if (log.duration_s > 0) {
    r.wall_hours = log.duration_s / 3600.0;
    if (r.count) r.device_hours = *r.wall_hours * *r.count;
  }
  if (log.energy_total_kwh > 0) {
    r.energy_kwh = log.energy_total_kwh;
    r.energy_scope = log.scope;
    r.pue = log.pue;
  }
  r.ci_g_per_kwh = log.ci_g_per_kwh;
  if (log.co2e_kg) {
    r.tco2e = *log.co2e_kg / 1000.0;
    r.tco2e_kind = "location";
  }
  if (log.start_hours) r.year = CivilFromHours(*log.start_hours).year;
  if (!r.device.empty() && !r.count) r.notes += "; device count unknown";
  if (r.device.empty()) r.notes += "; device unknown ('" + log.device_model + "')";
  return r;
}

}  // namespace foreprint
