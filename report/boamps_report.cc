#include "report/boamps_report.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "core/sha256.h"
#include "core/text.h"
#include "core/utc_time.h"
#include "report/estimate_report.h"

namespace foreprint {
namespace {

using Json = nlohmann::ordered_json;

// The schema's quality levels: high ±10 %, medium ±25 %, low ±50 % (report_schema.json, "quality").
constexpr double kHighQuality = 0.10, kMediumQuality = 0.25;

std::string ComponentType(const Device& d) {
  if (d.vendor == "NVIDIA" || d.vendor == "AMD") return "gpu";
  if (d.vendor == "Google") return "tpu";
  if (d.vendor == "Huawei") return "npu";
  if (d.vendor == "Graphcore") return "ipu";
  return "accelerator";
}

std::string CloudProvider(const std::string& provider) { return provider == "gcp" ? "google" : provider; }

// The country of the grid that supplies `g`: a country region's own name, else the name of the
// country its grid id starts with ("US-VA" → "United States").
std::string Country(const Region& g, const RegionDb& regions) {
  const Region* grid = g.kind == "cloud" && !g.grid.empty() ? regions.TryFind(g.grid) : &g;
  if (!grid) return g.name;
  if (grid->kind == "country" || grid->kind == "world") return grid->name;
  const Region* country = regions.TryFind(grid->id.substr(0, grid->id.find('-')));
  return country ? country->name : grid->name;
}

std::string TaskStage(Training t) { return t == Training::kPreTraining ? "training" : "finetuning"; }

std::string AlgorithmName(WorkloadKind k) {
  switch (k) {
    case WorkloadKind::kTransformer: return "transformer";
    case WorkloadKind::kMoe: return "mixture of experts transformer";
    case WorkloadKind::kVit: return "vision transformer";
    case WorkloadKind::kCnn: return "cnn";
    case WorkloadKind::kDiffusion: return "diffusion";
    default: return "";
  }
}

BoampsAlgorithm Algorithm(const RunConfig& c, const std::string& dtype) {
  const WorkloadSpec& w = c.workload_spec;
  BoampsAlgorithm a;
  const bool language = (w.kind == WorkloadKind::kTransformer || w.kind == WorkloadKind::kMoe) &&
                        (w.modality == Modality::kText || w.modality == Modality::kCode);
  a.algorithm_type = language ? "llm" : "neural network";
  a.algorithm_name = AlgorithmName(w.kind);
  if (w.training == Training::kLora) a.optimizer = "lora";
  a.quantization = dtype;
  if (w.params) a.parameters_billions = *w.params / 1e9;
  a.layers = w.n_layers;
  a.epochs = w.epochs;
  return a;
}

BoampsDataset Dataset(const WorkloadSpec& w) {
  BoampsDataset d;
  d.usage = "input";
  if (w.tokens) {
    d.type = "token";
    d.quantity = w.tokens;
  } else if (w.samples) {
    d.type = w.modality == Modality::kVision ? "image" : "other";
    d.quantity = w.samples;
  } else {
    d.type = w.modality == Modality::kVision ? "image" : w.modality == Modality::kText ? "token" : "other";
  }
  return d;
}

std::string Description(const Estimate& e) {
  return "A-priori estimate by foreprint (not a measurement) of " + e.name + ": " + FormatSig(e.flops, 3) +
         " FLOP, " + FormatSig(e.device_hours, 3) + " device-hours on " + FormatNumber(e.count) + " × " + e.device_id +
         " (throughput model: " + e.throughput_model + "). powerConsumption is IT energy (accelerators + host); "
         "facility energy at PUE " + FormatNumber(e.pue) + ": " + FormatSig(e.energy_kwh.total, 3) +
         " kWh (P10–P90 " + FormatSig(e.p10.energy_kwh, 3) + "–" + FormatSig(e.p90.energy_kwh, 3) +
         " kWh); CO2e " + FormatSig(e.co2e_kg.total, 3) + " kg (operational, location-based, " +
         FormatSig(e.co2e_kg.operational, 3) + " kg + embodied " + FormatSig(e.co2e_kg.embodied, 3) + " kg; P10–P90 " +
         FormatSig(e.p10.co2e_kg, 3) + "–" + FormatSig(e.p90.co2e_kg, 3) + " kg)" +
         (e.co2e_kg.operational_market_based
              ? "; market-based operational (GHG Protocol Scope 2): " +
                    FormatSig(*e.co2e_kg.operational_market_based, 3) + " kg"
              : "") +
         ".";
}

std::string SqlDatetime(double hours_since_epoch) {
  const CivilTime t = CivilFromHours(hours_since_epoch);
  char buf[32];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d %02d:%02d:00", t.year, t.month, t.day, t.hour, t.minute);
  return buf;
}

// RFC 9562 version 8 (custom) UUID from the SHA-256 of `content`: the same report gets the same id.
std::string ContentUuid(const std::string& content) {
  std::string h = Sha256Hex(content).substr(0, 32);
  h[12] = '8';
  const char variant[] = "89ab";
  h[16] = variant[std::stoi(h.substr(16, 1), nullptr, 16) & 3];
  return h.substr(0, 8) + "-" + h.substr(8, 4) + "-" + h.substr(12, 4) + "-" + h.substr(16, 4) + "-" + h.substr(20);
}

template <class T>
void PutIf(Json& j, const char* key, const std::optional<T>& v) {
  if (v) j[key] = *v;
}
void PutIf(Json& j, const char* key, const std::string& v) {
  if (!v.empty()) j[key] = v;
}

}  // namespace

std::string BoampsQuality(double point, double p10, double p90) {
  if (point <= 0) return "low";
  const double half_width = std::max(p90 / point - 1, 1 - p10 / point);
  return half_width <= kHighQuality ? "high" : half_width <= kMediumQuality ? "medium" : "low";
}

BoampsReport BoampsForTraining(const RunConfig& c, const Estimate& e, const RegionDb& regions, const ReportMeta& meta) {
  BoampsReport r;
  r.meta = meta;
  r.task_stage = TaskStage(c.workload_spec.training);
  r.task_family = ToString(c.workload_spec.modality) + " " + ToString(c.workload_spec.kind) + " " +
                  (c.workload_spec.training == Training::kLora ? "LoRA fine-tuning" : ToString(c.workload_spec.training));
  std::string dtype = c.dtype;
  if (dtype.empty()) c.device->TrainingPeak(&dtype);
  r.algorithms.push_back(Algorithm(c, dtype));
  r.datasets.push_back(Dataset(c.workload_spec));
  r.task_description = Description(e);
  r.power_consumption_kwh = e.energy_kwh.accelerators + e.energy_kwh.host;
  r.duration_s = e.wall_hours * kSecondsPerHour;
  if (c.start_hours) r.measurement_datetime = SqlDatetime(*c.start_hours);
  r.infra_type = c.region->provider.empty() ? "other" : "publicCloud";
  r.cloud_provider = CloudProvider(c.region->provider);
  BoampsComponent accel;
  accel.name = FormatNumber(e.count) + " x " + c.device->id;
  accel.type = ComponentType(*c.device);
  accel.count = std::llround(e.count);
  accel.manufacturer = c.device->vendor;
  accel.family = c.device->family;
  if (c.device->memory_gb > 0) accel.memory_gb = c.device->memory_gb;
  r.components.push_back(accel);
  r.country = Country(*c.region, regions);
  r.location = c.region->name + (c.region->location.empty() ? "" : ", " + c.region->location) + " (" + c.region->id + ")";
  r.carbon_intensity_g_per_kwh = e.ci_g_per_kwh;
  r.quality = BoampsQuality(e.energy_kwh.total, e.p10.energy_kwh, e.p90.energy_kwh);
  return r;
}

Json BoampsJson(const BoampsReport& r) {
  Json header = {{"formatVersion", "0.1"},
                 {"formatVersionSpecificationUri", "https://github.com/Boavizta/BoAmps/tree/main/model"},
                 {"reportId", ""},
                 {"reportDatetime", r.meta.datetime},
                 {"reportStatus", "draft"}};
  Json task = {{"taskStage", r.task_stage}, {"taskFamily", r.task_family}};
  PutIf(task, "nbRequest", r.nb_request);
  task["algorithms"] = Json::array();
  for (const auto& a : r.algorithms) {
    Json j;
    PutIf(j, "algorithmType", a.algorithm_type);
    PutIf(j, "algorithmName", a.algorithm_name);
    PutIf(j, "parametersNumber", a.parameters_billions);
    PutIf(j, "layersNumber", a.layers);
    PutIf(j, "epochsNumber", a.epochs);
    PutIf(j, "optimizer", a.optimizer);
    PutIf(j, "quantization", a.quantization);
    task["algorithms"].push_back(j);
  }
  task["dataset"] = Json::array();
  for (const auto& d : r.datasets) {
    Json j = {{"dataUsage", d.usage}, {"dataType", d.type}};
    PutIf(j, "dataQuantity", d.quantity);
    task["dataset"].push_back(j);
  }
  task["taskDescription"] = r.task_description;
  Json measure = {{"measurementMethod", "foreprint estimate"},
                  {"version", r.meta.version},
                  {"powerConsumption", r.power_consumption_kwh},
                  {"measurementDuration", r.duration_s}};
  PutIf(measure, "measurementDateTime", r.measurement_datetime);
  Json infra = {{"infraType", r.infra_type}};
  PutIf(infra, "cloudProvider", r.cloud_provider);
  infra["components"] = Json::array();
  for (const auto& c : r.components) {
    Json j = {{"componentName", c.name}, {"componentType", c.type}, {"nbComponent", c.count}};
    PutIf(j, "memorySize", c.memory_gb);
    PutIf(j, "manufacturer", c.manufacturer);
    PutIf(j, "family", c.family);
    j["share"] = 1;
    infra["components"].push_back(j);
  }
  Json env = {{"country", r.country}};
  PutIf(env, "location", r.location);
  env["powerSourceCarbonIntensity"] = r.carbon_intensity_g_per_kwh;
  Json j = {{"header", header},   {"task", task},       {"measures", Json::array({measure})},
            {"infrastructure", infra}, {"environment", env}, {"quality", r.quality}};
  Json for_id = j;
  for_id["header"].erase("reportDatetime");
  j["header"]["reportId"] = ContentUuid(for_id.dump());
  return j;
}

}  // namespace foreprint
