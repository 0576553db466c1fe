// batch_report.h — several estimates and their total, one row per run (estimate A.yaml B.yaml DIR).
//
// Text and Markdown: run, hardware, region, device-hours, wall time, energy, CO2e with its P10
// and P90, market-based operational CO2e ("-" without datacenter.market_factor) and water on-site
// and off-site ("-" where no source); the
// last row is the total (estimator/batch.h says how its interval is formed); notes follow, each
// named by its run. CSV: the same rows with plain numbers (empty where a figure has no source).
// JSON: {"runs": [the estimate object of each run], "total": {...}}.
#pragma once

#include <nlohmann/json.hpp>
#include <ostream>
#include <vector>

#include "estimator/batch.h"

namespace foreprint {

nlohmann::ordered_json BatchJson(const std::vector<Estimate>& runs, const BatchTotal& total, bool with_explain);
void RenderBatchText(const std::vector<Estimate>& runs, const BatchTotal& total, std::ostream& out);
void RenderBatchMarkdown(const std::vector<Estimate>& runs, const BatchTotal& total, std::ostream& out);
void RenderBatchCsv(const std::vector<Estimate>& runs, const BatchTotal& total, std::ostream& out);

}  // namespace foreprint
