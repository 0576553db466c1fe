// serving_runs.h — measured LLM serving runs (calibration/data/serving_runs.csv) for the serving fit.
//
// One row per measured configuration (model × GPU × GPU count × batch cap) of the ML.ENERGY
// benchmark, v3 (H100, lm-arena-chat, vLLM 0.11.1) and v2 (A100-SXM4-40GB and H100, chat and code,
// vLLM 0.5.4), written by calibration/tools/import_mlenergy.py (columns and definitions:
// calibration/data/SOURCES.md, "Serving"). Energy is GPU-only at steady state:
//   j_per_output_token = replica GPU energy in the window / output tokens in the window
//   output_tokens_per_s = replica output tokens / window time
// Rows with a flag (duplicate_config) stay out of the fit. `group` joins the rows of one model
// across datasets, precisions and point releases (left out together by leave-one-model-out).
// Errors name file:line and the column.
#pragma once

#include <string>
#include <vector>

#include "core/error.h"

namespace foreprint {

struct ServingRun {
  std::string dataset, task, model_id, architecture, precision, device, flag, group;
  double total_params = 0, active_params = 0;
  double num_gpus = 0, max_batch = 0, avg_batch = 0;
  double avg_input_len = 0;  // 0: not published
  double avg_output_len = 0, avg_power_w = 0, output_tokens_per_s = 0, j_per_output_token = 0;
  int line = 0;
  bool usable() const { return flag.empty(); }
};

Result<std::vector<ServingRun>> ParseServingRuns(const std::string& text, const std::string& file);
// The serving_runs.csv shipped in the binary (or under --data-dir).
Result<std::vector<ServingRun>> BuiltinServingRuns();

// "meta-llama/Llama-3.3-70B-Instruct" and "meta-llama/Meta-Llama-3.1-70B-Instruct" → "llama-3.1-70b":
// the organisation, "Meta-", "-Instruct", "-FP8" and "-2507" dropped, Llama 3.3 70B joined with 3.1 70B
// (the same architecture).
std::string ServingModelGroup(const std::string& model_id);

}  // namespace foreprint
