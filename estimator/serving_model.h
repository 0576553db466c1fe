// serving_model.h — what one replica's accelerators do while serving a model (DESIGN §3.5).
//
// Decode, fitted to measured serving runs (ML.ENERGY v2 and v3; calibration/serving_fit.h), for a
// replica of n devices at batch b (concurrent sequences):
//   ln J_dec(b) = Σ β_k x_k(b)    accelerator J per output token (all n devices)
//   ln T_dec(b) = Σ γ_k x_k(b)    output tokens per second of the replica
//   x(b) = 1, ln(N_a/1e9), ln b, (ln b)², ln n, ln(N/N_a), [fp8 weights], [device], [device]·ln b,
//          [dataset], [dataset]·ln b
//   N_a active and N total parameters; [·] indicator terms against reference levels (bf16/fp16
//   weights, H100-SXM5-80GB, ML.ENERGY v3 = current serving software). Predictions use the current
//   vintage: the dataset terms are 0. int8 and fp4 weights take the fp8 term (no measured rows).
//   b is capped at the largest measured cap (3,072) and at the curves' turning points, so J falls
//   and T rises with b as measured; below the smallest measured cap (8) the curves are extrapolated.
// Prefill, from physics (a forward pass costs 2·N_a FLOPs per token, Kaplan et al. 2020, and runs
// compute-bound like training):
//   t_pf = κ · 2·N_a / (n · peak · u)      replica-seconds per input token
//   J_pf = κ · 2·N_a · P(u) / (peak · u)   accelerator joules per input token
//   u = σ(θ_family + θ_precision), the training model's steady MFU of the device family, and
//   P(u) its device power (power_model.h; both from calibration/fitted.yaml); peak of the weights'
//   precision where the device has one, else its training peak. κ is fitted with the curves.
// A request of I input and O output tokens on a replica running at batch b:
//   replica time    τ(b) = O / T_dec(b) + I · t_pf
//   accelerator J   e(b) = O · J_dec(b) + I · J_pf
// Devices without measured rows: the measured device of the same family, else the reference, with
// decode throughput × (memory bandwidth / its bandwidth) — decode reads every weight once per step,
// so a step takes about weight bytes / bandwidth (Pope et al. 2022, "Efficiently Scaling Transformer
// Inference", arXiv:2211.05102) — and power at the same share of (TDP − idle) as the measured device;
// peak ratio when a bandwidth is missing. An extrapolation: the estimate says so in a note.
#pragma once

#include <string>
#include <vector>

#include "core/error.h"
#include "estimator/model_params.h"
#include "estimator/serving_params.h"
#include "hardware_db/device_db.h"

namespace foreprint {

// What the curves look at.
struct ServingFeatures {
  double active_params = 0, total_params = 0;  // N_a, N
  double devices = 1;                          // n per replica
  std::string precision = "bf16";              // weights
  std::string device;                          // id of the measured device whose curves apply
  std::string dataset;                         // measured rows: their dataset; predictions: the reference
};

// One term of a curve: coefficient × factor × (ln b)^batch_power.
struct ServingTerm {
  std::string name;
  double factor = 1;
  int batch_power = 0;
};
std::vector<ServingTerm> ServingTerms(const ServingFeatures& f, const ServingParams& p);

// A curve at fixed features as a quadratic in ln b.
struct BatchCurve {
  double c0 = 0, c1 = 0, c2 = 0;
  double At(double ln_b) const { return c0 + ln_b * (c1 + c2 * ln_b); }
};
BatchCurve Collapse(const ServingCurve& curve, const std::vector<ServingTerm>& terms);

// Variance of a curve's linear predictor at ln b from the parameter covariance (`prefix` "j." or "t.").
double CurveVariance(const ServingParams& p, const std::vector<ServingTerm>& terms, double ln_b, const std::string& prefix);

struct PrefillCost {
  double seconds_per_token = 0;  // replica-seconds per input token (κ included)
  double joules_per_token = 0;   // accelerator J per input token (κ included)
  double mfu = 0;                // u
  double device_power_w = 0;     // P(u)
  double peak_flops = 0;
  std::string peak_dtype;
};
PrefillCost Prefill(const ModelParams& training, double prefill_scale, const Device& d, double active_params,
                    double devices, const std::string& precision);

struct DecodeRate {
  double j_per_token = 0;      // replica accelerators, J per output token
  double tokens_per_s = 0;     // replica output tokens per second
  double replica_power_w = 0;  // = J · T
};

// The model of one replica: curves collapsed at its features, device scaling, prefill.
class ReplicaModel {
 public:
  // `dataset`: the vintage whose terms apply (empty: the reference, as every estimate uses; the
  // serving fit's leave-one-model-out passes a measured row's own).
  static Result<ReplicaModel> Make(const ServingParams& params, const ModelParams& training, const DeviceDb& db,
                                   const Device& device, double devices, double active_params, double total_params,
                                   const std::string& precision, const std::string& dataset = "");

  DecodeRate Decode(double batch) const;
  double RequestSeconds(double batch, double input_tokens, double output_tokens) const;  // τ(b)
  double RequestJoules(double batch, double input_tokens, double output_tokens) const;   // e(b)
  double ClampedLogBatch(double batch) const;

  const Device& device() const { return *device_; }
  const Device& measured() const { return *measured_; }
  bool extrapolated() const { return device_ != measured_; }
  double throughput_ratio() const { return ratio_; }
  const std::string& ratio_basis() const { return ratio_basis_; }  // "memory bandwidth" | "peak"
  const PrefillCost& prefill() const { return prefill_; }
  const std::vector<ServingTerm>& terms() const { return terms_; }
  double devices() const { return devices_; }

 private:
  const Device* device_ = nullptr;
  const Device* measured_ = nullptr;
  double devices_ = 1;
  double ratio_ = 1;
  std::string ratio_basis_;
  BatchCurve ln_j_, ln_t_;
  double ln_b_min_ = 0, ln_b_max_ = 0;
  PrefillCost prefill_;
  std::vector<ServingTerm> terms_;
};

// The measured device whose curves apply to `d`: itself, else one of its family, else the reference.
const Device* MeasuredDeviceFor(const Device& d, const ServingParams& p, const DeviceDb& db);

}  // namespace foreprint
