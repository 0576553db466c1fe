#include "estimator/ecologits.h"

#include <algorithm>
#include <cmath>

namespace foreprint {

EcoLogitsRequest EcoLogits(double active_params, double total_params, double output_tokens, double pue, double batch,
                           std::optional<double> gpus) {
  using K = EcoLogitsConstants;
  EcoLogitsRequest r;
  const double p = active_params / 1e9;
  const double memory_gb = K::kMemoryOverhead * total_params * K::kBitsPerWeight / 8 / 1e9;
  const double needed = std::max(1.0, std::ceil(memory_gb / K::kGpuMemoryGb));
  r.gpus = gpus ? *gpus : std::exp2(std::ceil(std::log2(needed)));
  r.batch = batch;
  r.gpu_wh_per_output_token = K::kAlpha * std::exp(K::kBeta * batch) * p + K::kGamma;
  r.accelerator_j_per_output_token = r.gpus * r.gpu_wh_per_output_token * 3600.0;
  const double latency = K::kLatencyA * p + K::kLatencyB * batch + K::kLatencyC;
  r.output_tokens_per_s = batch / latency;
  const double seconds = output_tokens * latency;
  r.server_wh = seconds * K::kServerW * r.gpus / K::kGpusPerServer / batch / 3600.0;
  r.energy_wh = pue * (r.server_wh + r.gpus * output_tokens * r.gpu_wh_per_output_token);
  return r;
}

}  // namespace foreprint
