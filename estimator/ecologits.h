// ecologits.h — EcoLogits' published LLM-inference model, re-implemented from its methodology to be
// printed beside foreprint's serving figures (a comparison, not a target).
// Source: GenAI Impact, EcoLogits, docs/methodology/llm_inference.md (methodology CC BY-SA 4.0;
// code genai-impact/ecologits, MPL-2.0). Its curves were fitted to ML.ENERGY v2 H100 rows.
//   GPU energy per output token, per GPU   f_E(P, B) = α·e^(β·B)·P + γ   Wh
//       α = 1.1665273e-6, β = −1.1205921e-2, γ = 4.0529281e-5; P = active parameters in billions
//   latency per output token               f_L(P, B) = a·P + b·B + c     s
//       a = 6.78e-4, b = 3.12e-4, c = 1.94e-2
//   GPUs = 2^⌈log2 ⌈1.2 · P_total · Q/8 / M⌉⌉ with Q = 16 bits, M = 80 GB (an H100)
//   server (without GPUs)   ΔT · 1.2 kW · GPUs / 8 / B,  ΔT = O · f_L
//   request energy          PUE · (server + GPUs · O · f_E)
// EcoLogits fixes B = 64; `batch` and `gpus` let a comparison use a measured row's own values.
#pragma once

#include <optional>

namespace foreprint {

struct EcoLogitsConstants {
  static constexpr double kAlpha = 1.1665273e-6, kBeta = -1.1205921e-2, kGamma = 4.0529281e-5;  // Wh/token/GPU
  static constexpr double kLatencyA = 6.78e-4, kLatencyB = 3.12e-4, kLatencyC = 1.94e-2;        // s/token
  static constexpr double kBatch = 64;
  static constexpr double kServerW = 1200, kGpusPerServer = 8;
  static constexpr double kMemoryOverhead = 1.2, kBitsPerWeight = 16, kGpuMemoryGb = 80;
  static constexpr const char* kSource =
      "EcoLogits (GenAI Impact), docs/methodology/llm_inference.md, CC BY-SA 4.0; genai-impact/ecologits, MPL-2.0";
};

struct EcoLogitsRequest {
  double gpus = 0, batch = 0;
  double gpu_wh_per_output_token = 0;         // f_E, per GPU
  double accelerator_j_per_output_token = 0;  // GPUs · f_E in joules
  double output_tokens_per_s = 0;             // B / f_L: its implied replica throughput
  double server_wh = 0;                       // the server's share of the request
  double energy_wh = 0;                       // PUE · (server + GPUs · O · f_E)
};

// One request of `output_tokens` of a model with `active_params` and `total_params` (plain counts).
EcoLogitsRequest EcoLogits(double active_params, double total_params, double output_tokens, double pue,
                           double batch = EcoLogitsConstants::kBatch, std::optional<double> gpus = std::nullopt);

}  // namespace foreprint
