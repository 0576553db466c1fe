// workload.h — what is trained, and how many FLOPs that takes (DESIGN §3.1).
//
//   transformer  C = k·N·D  (+ 6·n_layers·seq_len·d_model·D when all three are given)
//   moe          C = k·N_active·D
//                k = 6 (pre-training, fine-tuning: forward 2N + backward 4N per token) or
//                k = 4 (LoRA: the frozen base costs forward 2N + activation gradients 2N; no weight
//                gradients; the adapters' own FLOPs are neglected). The attention term keeps its
//                factor 6: attention has no weights, so its backward is activation gradients only.
//   vit|cnn|diffusion  C = 3 · forward FLOPs per sample · samples · epochs
//                (ViT forward FLOPs may be derived as 2·N·((image/patch)² + 1))
//   flops        C given directly; `flops:` also overrides the formula for any kind.
// N = parameters, D = training tokens. Diffusion: forward FLOPs per sample-step.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/error.h"
#include "core/units.h"

namespace foreprint {

enum class WorkloadKind { kTransformer, kMoe, kVit, kCnn, kDiffusion, kFlops };
enum class Training { kPreTraining, kFineTuning, kLora };
enum class Modality { kText, kVision, kMultimodal, kCode, kSpeech, kOther };

const std::vector<std::string>& WorkloadKindNames();  // "transformer", "moe", ...
const std::vector<std::string>& ModalityNames();      // "text", "vision", ...
const std::vector<std::string>& TrainingNames();      // "pre-training", "fine-tuning", "lora"
const std::vector<std::string>& WeightPrecisionNames();  // "bf16", "fp16", "fp8", "fp4", "int8"
// Bytes per weight of a served precision (bf16/fp16 2, fp8/int8 1, fp4 0.5); 2 for an unknown name.
double BytesPerWeight(const std::string& precision);
std::string ToString(WorkloadKind k);
std::string ToString(Training t);
std::optional<Training> ParseTraining(const std::string& s);
std::string ToString(Modality m);
std::optional<WorkloadKind> ParseWorkloadKind(const std::string& s);
std::optional<Modality> ParseModality(const std::string& s);
Modality DefaultModality(WorkloadKind k);

struct WorkloadSpec {
  WorkloadKind kind = WorkloadKind::kTransformer;
  Modality modality = Modality::kText;
  std::optional<double> params;           // total parameters N
  std::optional<double> active_params;    // MoE: parameters active per token
  std::optional<double> tokens;           // training tokens D
  std::optional<double> n_layers, seq_len, d_model;  // optional attention term
  std::optional<double> samples;          // vision/diffusion: samples (images) per epoch
  std::optional<double> epochs;
  std::optional<double> flops_per_sample; // forward FLOPs per sample (or sample-step)
  std::optional<double> image_size, patch_size;  // ViT: derive flops_per_sample from params
  std::optional<double> flops;            // explicit total; overrides the formula
  Training training = Training::kPreTraining;
  std::string weight_precision;           // served weights (serving); empty = not given
};

// Training FLOPs per token of a (dense or MoE) transformer: k·N + 6·n_layers·seq_len·d_model (the
// attention term only when all three are > 0); k as above. The one formula `estimate` and the MLPerf
// calibration rows (calibration/mlperf_runs) both use.
double TransformerFlopsPerToken(double params, Training training, double n_layers, double seq_len, double d_model);

struct Workload {
  WorkloadKind kind = WorkloadKind::kTransformer;
  Modality modality = Modality::kText;
  Flop flops;
  double params = 0;          // N (0 = unknown): the calibrated model's size term uses it
  double active_params = 0;   // MoE active N, else = params
  Training training = Training::kPreTraining;
  std::string formula;        // how `flops` was obtained, with the numbers, for --explain
};

// Validates the spec for its kind (which fields are required) and computes the FLOPs.
// Errors name the missing/offending field (e.g. "model.tokens") without location.
Result<Workload> ComputeWorkload(const WorkloadSpec& spec);

}  // namespace foreprint
