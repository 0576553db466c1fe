// estimate_report.h — an Estimate as a readable table, JSON, CSV, Markdown or an --explain trail.
//
// JSON follows the contract in the README ("name", "throughput_model", "workload", "device",
// "region", "device_hours", "wall_hours", "energy_kwh", "co2e_kg", "interval") and adds
// "mfu", "power_w", "co2e_kg.by_part", "water_l", "cost_usd" (cloud regions with a price), "notes" and,
// with explain, "explain"; with datacenter.market_factor also "region.market_factor_g_per_kwh" and
// "co2e_kg.operational_market_based" (labelled: "co2e_kg.operational_basis"). Key order is fixed.
#pragma once

#include <nlohmann/json.hpp>
#include <ostream>
#include <string>
#include <utility>
#include <vector>

#include "estimator/estimate.h"

namespace foreprint {

nlohmann::ordered_json EstimateJson(const Estimate& e, bool with_explain);
// {"onsite", "offsite", "total", "wue_l_per_kwh", "ewif_l_per_kwh", "sources", "notes"}; null where no source.
nlohmann::ordered_json WaterJson(const WaterEstimate& w);
void RenderEstimateText(const Estimate& e, std::ostream& out);
void RenderEstimateMarkdown(const Estimate& e, std::ostream& out);
void RenderEstimateCsv(const Estimate& e, std::ostream& out);
// The CSV columns and values of an estimate, in order (RenderEstimateCsv writes them as header + row).
std::vector<std::pair<std::string, std::string>> EstimateCsvFields(const Estimate& e);
// A header line and one row from (column, value) pairs.
void RenderCsvFields(const std::vector<std::pair<std::string, std::string>>& fields, std::ostream& out);
void RenderExplain(const Estimate& e, std::ostream& out);

// Human-scale formatting: "1.23 t" / "456 kg", "12.3 MWh" / "456 kWh", "3.2 days" / "5.0 h".
std::string HumanMass(double kg);
std::string HumanEnergy(double kwh);
std::string HumanDuration(double hours);
std::string HumanUsd(double usd);  // "$98.3", "$12.3k", "$1.23M"
std::string HumanWater(double litres);  // "4560 m³" / "78 L"
// The labelled market-based line (empty without datacenter.market_factor).
std::string MarketBasedLine(const Estimate& e);

}  // namespace foreprint
