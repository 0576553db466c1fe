// estimate_report.h — an Estimate as a readable table, JSON, CSV, Markdown or an --explain trail.
//
// JSON follows the contract in the README ("name", "throughput_model", "workload", "device",
// "region", "device_hours", "wall_hours", "energy_kwh", "co2e_kg", "interval") and adds
// "mfu", "power_w", "co2e_kg.by_part", "cost_usd" (cloud regions with a price), "notes" and, with
// explain, "explain". Key order is fixed.
#pragma once

#include <nlohmann/json.hpp>
#include <ostream>

#include "estimator/estimate.h"

namespace foreprint {

nlohmann::ordered_json EstimateJson(const Estimate& e, bool with_explain);
void RenderEstimateText(const Estimate& e, std::ostream& out);
void RenderEstimateMarkdown(const Estimate& e, std::ostream& out);
void RenderEstimateCsv(const Estimate& e, std::ostream& out);
void RenderExplain(const Estimate& e, std::ostream& out);

// Human-scale formatting: "1.23 t" / "456 kg", "12.3 MWh" / "456 kWh", "3.2 days" / "5.0 h".
std::string HumanMass(double kg);
std::string HumanEnergy(double kwh);
std::string HumanDuration(double hours);
std::string HumanUsd(double usd);  // "$98.3", "$12.3k", "$1.23M"

}  // namespace foreprint
