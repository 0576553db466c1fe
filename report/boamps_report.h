// boamps_report.h — a BoAmps energy report (Boavizta, github.com/Boavizta/BoAmps, CC BY 4.0;
// schema: report_schema.json and the schemas it references, format version 0.1).
//
// A report is written in two steps so that every kind of estimate plugs in: a builder fills a
// BoampsReport from one estimate (BoampsForTraining here; a serving estimate adds its own builder
// with task_stage "inference", nb_request and input/output token datasets), and BoampsJson()
// writes the schema's objects. What foreprint fills in:
//   header       reportId (a UUID derived from the report's content), reportDatetime, reportStatus "draft"
//   task         taskStage, taskFamily, algorithms, dataset, taskDescription (says: an estimate, with its band)
//   measures     measurementMethod "foreprint estimate", version, powerConsumption = IT energy in kWh
//                (accelerators + host, as a meter or tracker on the machines would see it; the
//                facility energy with PUE is in taskDescription), measurementDuration = wall time (s)
//   infrastructure  infraType (publicCloud for a cloud region, else other), cloudProvider, components
//   environment  country, location, powerSourceCarbonIntensity (the location-based g/kWh used)
//   quality      high / medium / low from the energy band's half-width (±10 % / ±25 % / wider), as the
//                schema defines the levels
// Nothing is invented: fields foreprint does not know (publisher, OS, language) are left out.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "estimator/estimate.h"
#include "estimator/run_config.h"
#include "hardware_db/region_db.h"

namespace foreprint {

struct ReportMeta {
  std::string version;   // foreprint's (core/version.h)
  std::string datetime;  // "YYYY-MM-DD HH:MM:SS" (UTC), the report's date
};

struct BoampsAlgorithm {
  std::string algorithm_type, algorithm_name, optimizer, quantization;
  std::optional<double> parameters_billions, layers, epochs;
};

struct BoampsDataset {
  std::string usage;  // "input" | "output"
  std::string type;   // "token" | "image" | ...
  std::optional<double> quantity;
};

struct BoampsComponent {
  std::string name, type, manufacturer, family;
  long long count = 0;
  std::optional<double> memory_gb;
};

struct BoampsReport {
  ReportMeta meta;
  std::string task_stage;   // "training" | "finetuning" | "inference"
  std::string task_family;
  std::optional<double> nb_request;  // inference only
  std::vector<BoampsAlgorithm> algorithms;
  std::vector<BoampsDataset> datasets;
  std::string task_description;
  double power_consumption_kwh = 0;
  double duration_s = 0;
  std::string measurement_datetime;  // empty when the start is unknown
  std::string infra_type, cloud_provider;
  std::vector<BoampsComponent> components;
  std::string country, location;
  double carbon_intensity_g_per_kwh = 0;
  std::string quality;
};

// Quality level for an estimate whose P10–P90 energy band spans [p10, p90] around `point`.
std::string BoampsQuality(double point, double p10, double p90);

// `regions` names the country of the region's grid (environment.country).
BoampsReport BoampsForTraining(const RunConfig& config, const Estimate& e, const RegionDb& regions,
                               const ReportMeta& meta);
nlohmann::ordered_json BoampsJson(const BoampsReport& r);

}  // namespace foreprint
