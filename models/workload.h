// workload.h — what is trained, and how many FLOPs that takes (DESIGN §3.1).
//
//   transformer  C = 6·N·D  (+ 6·n_layers·seq_len·d_model·D when all three are given)
//   moe          C = 6·N_active·D
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
enum class Modality { kText, kVision, kMultimodal, kCode, kSpeech, kOther };

const std::vector<std::string>& WorkloadKindNames();  // "transformer", "moe", ...
const std::vector<std::string>& ModalityNames();      // "text", "vision", ...
std::string ToString(WorkloadKind k);
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
};

struct Workload {
  WorkloadKind kind = WorkloadKind::kTransformer;
  Modality modality = Modality::kText;
  Flop flops;
  double params = 0;          // N (0 = unknown): the calibrated model's size term uses it
  double active_params = 0;   // MoE active N, else = params
  std::string formula;        // how `flops` was obtained, with the numbers, for --explain
};

// Validates the spec for its kind (which fields are required) and computes the FLOPs.
// Errors name the missing/offending field (e.g. "model.tokens") without location.
Result<Workload> ComputeWorkload(const WorkloadSpec& spec);

}  // namespace foreprint
