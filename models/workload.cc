#include "models/workload.h"

#include <cmath>

#include "core/text.h"

namespace foreprint {
namespace {

Error FieldError(const std::string& field, const std::string& message) {
  Error e = MakeError(message);
  e.Field(field);
  return e;
}

Result<double> Need(const std::optional<double>& v, const std::string& field, const std::string& why) {
  if (!v) return FieldError(field, "missing: " + why);
  return *v;
}

std::string Sci(double v) { return FormatSig(v, 4); }

Result<Workload> Transformer(const WorkloadSpec& s, Workload w) {
  const bool moe = s.kind == WorkloadKind::kMoe;
  auto n = Need(moe ? s.active_params : s.params, moe ? "model.active_params" : "model.params",
                moe ? "a MoE needs active_params (parameters used per token)" : "a transformer needs params");
  if (!n) return n.error();
  auto d = Need(s.tokens, "model.tokens", "training tokens, e.g. 'tokens: 2T'");
  if (!d) return d.error();
  const bool attention = s.n_layers && s.seq_len && s.d_model;
  const double c = *d * TransformerFlopsPerToken(*n, s.training, attention ? *s.n_layers : 0,
                                                 attention ? *s.seq_len : 0, attention ? *s.d_model : 0);
  const bool lora = s.training == Training::kLora;
  w.formula = (lora ? "4 × " : "6 × ") + Sci(*n) + (moe ? " active params" : " params") + " × " + Sci(*d) + " tokens";
  if (lora) w.formula += " (LoRA: frozen base, forward 2N + activation gradients 2N per token)";
  if (attention) {
    w.formula += " + attention 6 × " + Sci(*s.n_layers) + " layers × " + Sci(*s.seq_len) + " seq × " +
                 Sci(*s.d_model) + " d_model × tokens";
  }
  w.flops = Flop(c);
  w.params = s.params.value_or(*n);
  w.active_params = *n;
  return w;
}

Result<Workload> PerSample(const WorkloadSpec& s, Workload w) {
  double fwd = 0;
  std::string fwd_text;
  if (s.flops_per_sample) {
    fwd = *s.flops_per_sample;
    fwd_text = Sci(fwd) + " forward FLOPs/sample";
  } else if (s.kind == WorkloadKind::kVit && s.params && s.image_size && s.patch_size) {
    double side = *s.image_size / *s.patch_size;
    double tokens = side * side + 1;  // patches + class token
    fwd = 2.0 * *s.params * tokens;
    fwd_text = "(2 × " + Sci(*s.params) + " params × " + Sci(tokens) + " tokens/image) forward FLOPs";
  } else {
    std::string hint = s.kind == WorkloadKind::kVit
                           ? "flops_per_sample (forward FLOPs per image), or params + image_size + patch_size"
                           : "flops_per_sample (forward FLOPs per sample" +
                                 std::string(s.kind == WorkloadKind::kDiffusion ? "-step)" : ")");
    return FieldError("model.flops_per_sample", "missing: a " + ToString(s.kind) + " workload needs " + hint);
  }
  auto samples = Need(s.samples, "model.samples", "samples (images) per epoch, e.g. 'samples: 1.28M'");
  if (!samples) return samples.error();
  double epochs = s.epochs.value_or(1.0);
  w.flops = Flop(3.0 * fwd * *samples * epochs);
  w.formula = "3 × " + fwd_text + " × " + Sci(*samples) + " samples × " + FormatNumber(epochs) + " epochs";
  w.params = s.params.value_or(0);
  w.active_params = w.params;
  return w;
}

}  // namespace

double TransformerFlopsPerToken(double params, Training training, double n_layers, double seq_len, double d_model) {
  const double k = training == Training::kLora ? 4.0 : 6.0;
  double per_token = k * params;
  if (n_layers > 0 && seq_len > 0 && d_model > 0) per_token += 6.0 * n_layers * seq_len * d_model;
  return per_token;
}

const std::vector<std::string>& TrainingNames() {
  static const std::vector<std::string> k = {"pre-training", "fine-tuning", "lora"};
  return k;
}
std::string ToString(Training t) { return TrainingNames()[static_cast<size_t>(t)]; }
const std::vector<std::string>& WeightPrecisionNames() {
  static const std::vector<std::string> k = {"bf16", "fp16", "fp8", "fp4", "int8"};
  return k;
}
double BytesPerWeight(const std::string& precision) {
  if (precision == "fp8" || precision == "int8") return 1.0;
  if (precision == "fp4") return 0.5;
  return 2.0;  // bf16, fp16
}
std::optional<Training> ParseTraining(const std::string& s) {
  const auto& names = TrainingNames();
  for (size_t i = 0; i < names.size(); ++i) if (ToLower(s) == names[i]) return static_cast<Training>(i);
  return std::nullopt;
}

const std::vector<std::string>& WorkloadKindNames() {
  static const std::vector<std::string> k = {"transformer", "moe", "vit", "cnn", "diffusion", "flops"};
  return k;
}
const std::vector<std::string>& ModalityNames() {
  static const std::vector<std::string> k = {"text", "vision", "multimodal", "code", "speech", "other"};
  return k;
}
std::string ToString(WorkloadKind k) { return WorkloadKindNames()[static_cast<size_t>(k)]; }
std::string ToString(Modality m) { return ModalityNames()[static_cast<size_t>(m)]; }

std::optional<WorkloadKind> ParseWorkloadKind(const std::string& s) {
  const auto& names = WorkloadKindNames();
  for (size_t i = 0; i < names.size(); ++i) if (ToLower(s) == names[i]) return static_cast<WorkloadKind>(i);
  return std::nullopt;
}
std::optional<Modality> ParseModality(const std::string& s) {
  const auto& names = ModalityNames();
  for (size_t i = 0; i < names.size(); ++i) if (ToLower(s) == names[i]) return static_cast<Modality>(i);
  return std::nullopt;
}

Modality DefaultModality(WorkloadKind k) {
  switch (k) {
    case WorkloadKind::kVit:
    case WorkloadKind::kCnn:
    case WorkloadKind::kDiffusion: return Modality::kVision;
    case WorkloadKind::kFlops: return Modality::kOther;
    default: return Modality::kText;
  }
}

Result<Workload> ComputeWorkload(const WorkloadSpec& s) {
  Workload w;
  w.kind = s.kind;
  w.modality = s.modality;
  w.training = s.training;
  Result<Workload> r = w;
  if (s.flops) {
    w.flops = Flop(*s.flops);
    w.formula = "given (model.flops)";
    w.params = s.params.value_or(0);
    w.active_params = s.active_params.value_or(w.params);
    r = w;
  } else {
    switch (s.kind) {
      case WorkloadKind::kTransformer:
      case WorkloadKind::kMoe: r = Transformer(s, w); break;
      case WorkloadKind::kVit:
      case WorkloadKind::kCnn:
      case WorkloadKind::kDiffusion: r = PerSample(s, w); break;
      case WorkloadKind::kFlops:
        return FieldError("model.flops", "missing: kind 'flops' needs 'flops: <total training FLOPs>'");
    }
  }
  if (!r) return r;
  const double c = r->flops.value();
  if (!std::isfinite(c) || c <= 0) return FieldError("model", "the workload comes to " + FormatNumber(c) + " FLOPs");
  if (c > 1e32) {
    return FieldError("model", "the workload comes to " + Sci(c) +
                                   " FLOPs, beyond any plausible training run (> 1e32); check units and suffixes");
  }
  return r;
}

}  // namespace foreprint
