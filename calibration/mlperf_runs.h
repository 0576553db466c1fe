// mlperf_runs.h — MLPerf Training results (calibration/data/mlperf_runs.csv) as calibration runs.
//
// One row per round × submitter × system × benchmark (closed division), written by
// calibration/tools/import_mlperf.py from the rounds' public repositories (v0.5–v5.0; later rounds
// are held out). Each row becomes a RunRecord in the benchmark setting:
//   device_hours = count × run_minutes / 60     (mean of the scored runs, without scaling_factor)
//   flops        = flops_per_run; for LLM rows (params, n_layers, seq_len, d_model, training,
//                  tokens_per_run given) recomputed by models/ TransformerFlopsPerToken × tokens —
//                  the formula `estimate` uses — and checked against the CSV (relative 1e-6)
//   dtype        = precision (the peak the run's MFU is measured against)
//   group        = submitter/system (left out together by leave-one-system-out), round = "vX.Y"
// Modality and workload kind follow the benchmark (MlperfBenchmarkClass). Rows with a flag stay out
// of the fit, as in runs.csv. Errors name file:line and the column.
#pragma once

#include <string>
#include <vector>

#include "calibration/run_record.h"
#include "core/error.h"

namespace foreprint {

struct MlperfBenchmarkClass {
  std::string modality;  // text | vision
  std::string workload;  // transformer | cnn | diffusion
};
// The class of a benchmark id (gpt3, llama31_405b, llama2_70b_lora, bert, resnet, ssd, retinanet,
// unet3d, stable_diffusion, ...); nullopt for a benchmark without a FLOPs basis.
std::optional<MlperfBenchmarkClass> ClassifyMlperfBenchmark(const std::string& benchmark);

Result<std::vector<RunRecord>> ParseMlperfRuns(const std::string& text, const std::string& file);
// The mlperf_runs.csv shipped in the binary.
Result<std::vector<RunRecord>> BuiltinMlperfRuns();

// MLPerf power results (calibration/data/mlperf_power.csv) as energy observations: one per round ×
// submitter × system × benchmark, the mean over its successful runs of the nodes' energy at the wall
// (node_kwh_unique: byte-identical node files counted once; AC or DC as measured; interconnect left out),
// scope it-measured (accelerators + host, no PUE), device-hours = count × mean run minutes / 60, FLOPs and
// precision from the matching mlperf_runs row (so the power curve sees the run's achieved MFU).
// energy_only: these runs are already in the time fit; flagged validation_only, they stay out of the
// power fit too (in it they pull the published runs' energy error from 22 % to 43 %: see README, Accuracy)
// and are predicted out of sample by calibration/mlperf_validation. Left out: runs flagged duplicate_node_files
// (shared meters make per-node sums ambiguous), power_coverage or no_run_window. group = the submitter
// (smc-ac-power and smc-dc-power are one: Sustainable Metal Cloud) for leave-one-submitter-out.
Result<std::vector<RunRecord>> ParseMlperfPower(const std::string& text, const std::string& file,
                                               const std::vector<RunRecord>& mlperf_runs);

// MLPerf rounds in time order ("v0.5" < "v0.6" < … < "v5.0"): the index used by the forward-in-time test.
double MlperfRoundOrder(const std::string& round);

}  // namespace foreprint
