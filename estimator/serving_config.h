// serving_config.h — the `serving:` section of a run config: a deployment that serves the model.
//
//   serving:
//     device: H100-SXM5-80GB      # id or alias (hardware_db)
//     devices_per_replica: 4      # default: the smallest power of two whose memory holds the weights
//                                 #   plus the KV cache, 1.2 × the weights (serving_model.h)
//     replicas: 2                 # default: enough replicas for the load at max_batch throughput, ≥ 1
//     max_batch: 128              # concurrent sequences per replica (vLLM max_num_seqs); default 256
//     batching: continuous        # continuous (default) | none (one request at a time per replica)
//     input_tokens: 1000          # mean per request; default from calibration/serving_fitted.yaml
//     output_tokens: 350          # mean per request; default from calibration/serving_fitted.yaml
//     requests_per_day: 100000    # or requests_per_second (one of them, > 0)
//     days: 365                   # length of the deployment (> 0)
// From `model:` the serving model reads params (required), active_params (default: params) and
// weight_precision (bf16 | fp16 | fp8 | fp4 | int8; default bf16).
// A replica given too few devices to hold the weights is an error naming how many it needs; every
// error carries file:line:column and the field. Positions of the keys an estimate may still reject
// (replicas: too few for the load) are kept for its error.
#pragma once

#include <map>
#include <optional>
#include <string>

#include "core/error.h"
#include "core/yaml_reader.h"
#include "hardware_db/device_db.h"
#include "models/workload.h"

namespace foreprint {

enum class Batching { kContinuous, kNone };
std::string ToString(Batching b);

// vLLM's default cap on concurrent sequences: EngineArgs.max_num_seqs = 256
// (vllm/engine/arg_utils.py, vLLM 0.4–0.6; SchedulerConfig "a hard cap on concurrent sequences").
inline constexpr double kDefaultMaxBatch = 256;
inline constexpr const char* kDefaultMaxBatchSource =
    "vLLM's default max_num_seqs (EngineArgs, vllm/engine/arg_utils.py, vLLM 0.4–0.6)";

struct ServingConfig {
  const Device* device = nullptr;
  std::string device_query;
  std::optional<double> devices_per_replica;
  std::optional<double> replicas;
  std::optional<double> max_batch;
  Batching batching = Batching::kContinuous;
  std::optional<double> input_tokens, output_tokens;
  double requests_per_second = 0;
  double days = 0;
  double params = 0, active_params = 0;  // from model:
  std::string weight_precision = "bf16";
  bool weight_precision_given = false;
  bool active_params_given = false;

  struct Position {
    int line = 0, column = 0;
  };
  std::string file;
  std::map<std::string, Position> positions;  // "serving.replicas" → where it is written

  // An error placed at `field` (its position when the config wrote it, else just the file).
  Error ErrorAt(const std::string& field, const std::string& message) const;
};

// Reads `serving:` against the model section already parsed and the device database.
Result<ServingConfig> ParseServingSection(const YamlReader& r, const YAML::Node& serving, const YAML::Node& model,
                                          const WorkloadSpec& spec, const DeviceDb& devices);

// Bytes of the weights (params × bytes per weight of the precision).
double WeightBytes(const ServingConfig& c);

// Memory a replica needs: the weights plus the KV cache and activations, taken as 1.2 × the weights
// (EcoLogits' overhead factor, docs/methodology/llm_inference.md, after EleutherAI's "Transformer
// Math 101", total inference memory). The KV cache of max_batch sequences is not sized from the
// architecture, which the config does not give.
inline constexpr double kServingMemoryOverhead = 1.2;
inline constexpr const char* kServingMemorySource =
    "weights × 1.2 for the KV cache and activations (EcoLogits llm_inference methodology, after EleutherAI's "
    "Transformer Math 101), rounded up to a power of two devices as EcoLogits does";
// The smallest power of two n with n × memory ≥ 1.2 × weights.
double DefaultDevicesPerReplica(double weight_bytes, const Device& d);
// ⌈weights / memory⌉: fewer devices cannot hold the weights at all.
double MinDevicesForWeights(double weight_bytes, const Device& d);

}  // namespace foreprint
