// MLPerf Training rows as calibration runs, and the ranking statistic of their validation.
#include "calibration/mlperf_runs.h"
#include "calibration/mlperf_validation.h"
#include "core/text.h"
#undef CHECK  // glog's, pulled in through Ceres

#include <catch2/catch.hpp>
#include <cmath>

using namespace foreprint;

namespace {

const char* kHeader =
    "round,date,submitter,system,division,status,device,accelerator_name,count,nodes,framework,precision,"
    "precision_source,benchmark,units_per_run,unit,flops_per_unit,flops_convention,flops_per_run,params,n_layers,"
    "seq_len,d_model,training,tokens_per_run,run_minutes,scaling_factor,runs_total,runs_scored,flag,source_folder,"
    "commit,commit_date\n";

}  // namespace

TEST_CASE("an MLPerf LoRA row becomes a benchmark run with models/' FLOPs", "[calibration][mlperf]") {
  // 8 × MI300X, fp8, 1.0e6 tokens... per token 4 × 68.98e9 + 6 × 80 × 8192 × 8192 = 3.08132e11.
  const double per_token = 4 * 68.98e9 + 6.0 * 80 * 8192 * 8192;
  const double tokens = 3.0e6;
  std::string csv = std::string(kHeader) +
                    "v5.0,2025-06,AMD,MI300X_EPYC,closed,available,MI300X,AMD Instinct MI300X,8,1,pytorch,fp8,"
                    "x.sh,llama2_70b_lora,366,sequences,,lora-4N,"
                    + FormatNumber(per_token * tokens) + ",68980000000,80,8192,8192,lora," + FormatNumber(tokens) +
                    ",30,,10,8,,AMD/results/MI300X_EPYC/llama2_70b_lora,0fdc28f0,2025-06-04\n";
  auto runs = ParseMlperfRuns(csv, "mlperf_runs.csv");
  REQUIRE(runs.ok());
  REQUIRE(runs->size() == 1);
  const RunRecord& r = (*runs)[0];
  CHECK(r.setting == Setting::kBenchmark);
  CHECK(r.dtype == "fp8");
  CHECK(r.group == "AMD/MI300X_EPYC");
  CHECK(r.round == "v5.0");
  CHECK(r.workload == "transformer");
  CHECK(r.modality == "text");
  CHECK(*r.device_hours == Approx(8 * 30.0 / 60));
  CHECK(*r.flops == Approx(per_token * tokens));
  CHECK(*r.year == 2025);
  CHECK(r.usable());
  CHECK(MlperfRoundOrder("v0.7") < MlperfRoundOrder("v1.0"));
  CHECK(MlperfRoundOrder("v4.1") < MlperfRoundOrder("v5.0"));
}

TEST_CASE("MLPerf rows whose FLOPs disagree with models/ are refused, naming line and column", "[calibration][mlperf]") {
  std::string csv = std::string(kHeader) +
                    "v5.0,2025-06,AMD,S,closed,available,MI300X,x,8,1,pt,fp8,x,llama2_70b_lora,1,seq,,lora-4N,"
                    "1e18,68980000000,80,8192,8192,lora,3000000,30,,10,8,,f,c,d\n";
  auto runs = ParseMlperfRuns(csv, "mlperf_runs.csv");
  REQUIRE(!runs.ok());
  CHECK(runs.error().line == 2);
  CHECK(runs.error().field == "flops_per_run");
  CHECK(runs.error().message.find("importer and estimator disagree") != std::string::npos);
  auto bad = ParseMlperfRuns(std::string(kHeader) +
                                 "v5.0,2025-06,A,S,closed,available,MI300X,x,eight,1,pt,bf16,x,resnet,1,img,,c,1e18,,,,,,,"
                                 "30,,5,3,,f,c,d\n",
                             "m.csv");
  REQUIRE(!bad.ok());
  CHECK(bad.error().field == "count");
  auto dlrm = ParseMlperfRuns(std::string(kHeader) +
                                  "v5.0,2025-06,A,S,closed,available,MI300X,x,8,1,pt,bf16,x,dlrm_dcnv2,1,s,,c,1e18,,,,,,,"
                                  "30,,5,3,,f,c,d\n",
                              "m.csv");
  REQUIRE(!dlrm.ok());
  CHECK(dlrm.error().message == "benchmark 'dlrm_dcnv2' has no FLOPs basis");
}

TEST_CASE("Spearman: hand-computed rank correlations, ties averaged", "[calibration][mlperf]") {
  CHECK(Spearman({1, 2, 3, 4}, {10, 20, 30, 40}) == Approx(1));
  CHECK(Spearman({1, 2, 3, 4}, {4, 3, 2, 1}) == Approx(-1));
  // ranks a = 1 2 3, b = 1 3 2: d² = 0 + 1 + 1 → ρ = 1 − 6·2/(3·8) = 0.5
  CHECK(Spearman({1, 2, 3}, {5, 9, 7}) == Approx(0.5));
  // ties: b ranks 1.5 1.5 3 against 1 2 3 → Pearson of ranks = 0.866…
  CHECK(Spearman({1, 2, 3}, {1, 1, 2}) == Approx(std::sqrt(3.0) / 2));
  CHECK(Spearman({1}, {1}) == 0);
  CHECK(FamilyHoldOutSet("TPUv5p") == "TPU v5/v6");
  CHECK(FamilyHoldOutSet("Gaudi2") == "Gaudi");
  CHECK(FamilyHoldOutSet("Hopper") == "Hopper");
}
