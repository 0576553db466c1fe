// serving_report.h — a serving estimate (and the life cycle of training + serving) as a readable
// table, JSON, CSV, Markdown or an --explain trail.
//
// JSON: the "serving" object of the README contract — "accelerator_j_per_output_token",
// "output_tokens_per_s_per_replica", "busy_fraction", "devices", "device_hours", "energy_kwh"
// {"accelerators", "host", "facility_overhead", "total"}, "energy_per_request_wh",
// "energy_per_1k_output_tokens_wh", "co2e_kg" {"operational", "embodied", "total"},
// "co2e_per_request_g", "interval" — plus what the deployment is ("device", "model", "load"),
// "effective_batch", "accelerator_j_per_output_token_at_load", the energy's busy/idle split,
// "memory_gb", "ecologits", "notes" and, with explain, "explain". "lifecycle" {"training_co2e_kg",
// "serving_co2e_kg", "total_co2e_kg", "serving_overtakes_training_day"} when the config has both.
// A serving-only document is {"name", "region", "serving"}. Key order is fixed.
#pragma once

#include <nlohmann/json.hpp>
#include <ostream>
#include <string>
#include <utility>
#include <vector>

#include "estimator/serving_estimate.h"

namespace foreprint {

nlohmann::ordered_json ServingJson(const ServingEstimate& e, bool with_explain);
nlohmann::ordered_json LifecycleJson(const Lifecycle& l);
// {"name", "region", "serving"}: the document of a config without a training run.
nlohmann::ordered_json ServingDocumentJson(const ServingEstimate& e, bool with_explain);

void RenderServingText(const ServingEstimate& e, std::ostream& out);
void RenderServingMarkdown(const ServingEstimate& e, std::ostream& out);
void RenderServingExplain(const ServingEstimate& e, std::ostream& out);
void RenderLifecycleText(const Lifecycle& l, const ServingEstimate& e, std::ostream& out);

// CSV columns of a serving estimate; with a training run the caller puts them after the training
// columns with the prefix "serving_" and adds LifecycleCsvFields.
std::vector<std::pair<std::string, std::string>> ServingCsvFields(const ServingEstimate& e, const std::string& prefix);
std::vector<std::pair<std::string, std::string>> LifecycleCsvFields(const Lifecycle& l);

}  // namespace foreprint
