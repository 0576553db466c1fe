#include "estimator/serving_model.h"

#include <algorithm>
#include <cmath>

#include "estimator/power_model.h"
#include "estimator/throughput_calibrated.h"

namespace foreprint {
namespace {

// Weights stored in fewer than 16 bits share the measured fp8 term.
bool LowPrecision(const std::string& p) { return p == "fp8" || p == "int8" || p == "fp4"; }

double Lookup(const std::map<std::string, double>& m, const std::string& key, double fallback) {
  auto it = m.find(key);
  return it == m.end() ? fallback : it->second;
}

// ln b at which a quadratic's slope changes sign (or +inf when it never does for b ≥ 1).
double TurningPoint(const BatchCurve& c, bool falling) {
  if (c.c2 == 0) return INFINITY;
  const double x = -c.c1 / (2 * c.c2);
  const bool opens_up = c.c2 > 0;
  // A falling curve that opens up turns at its minimum; a rising one that opens down at its maximum.
  if (falling == opens_up && x > 0) return x;
  return INFINITY;
}

}  // namespace

std::vector<ServingTerm> ServingTerms(const ServingFeatures& f, const ServingParams& p) {
  std::vector<ServingTerm> t = {{"intercept", 1, 0},
                                {"log_active_params", std::log(f.active_params / 1e9), 0},
                                {"log_batch", 1, 1},
                                {"log_batch_sq", 1, 2},
                                {"log_devices", std::log(f.devices), 0},
                                {"log_total_over_active", std::log(std::max(1.0, f.total_params / f.active_params)), 0}};
  if (LowPrecision(f.precision)) t.push_back({"precision_offset.fp8", 1, 0});
  if (!f.device.empty() && f.device != p.reference_device) {
    t.push_back({"device_offset." + f.device, 1, 0});
    t.push_back({"device_log_batch." + f.device, 1, 1});
  }
  if (!f.dataset.empty() && f.dataset != p.reference_dataset) {
    t.push_back({"dataset_offset." + f.dataset, 1, 0});
    t.push_back({"dataset_log_batch." + f.dataset, 1, 1});
  }
  return t;
}

BatchCurve Collapse(const ServingCurve& curve, const std::vector<ServingTerm>& terms) {
  BatchCurve c;
  for (const auto& t : terms) {
    const double v = Lookup(curve, t.name, 0.0) * t.factor;
    (t.batch_power == 0 ? c.c0 : t.batch_power == 1 ? c.c1 : c.c2) += v;
  }
  return c;
}

double CurveVariance(const ServingParams& p, const std::vector<ServingTerm>& terms, double ln_b,
                     const std::string& prefix) {
  if (p.covariance_names.empty()) return 0;
  std::vector<std::pair<int, double>> grad;
  for (const auto& t : terms) {
    int i = p.CovIndex(prefix + t.name);
    if (i >= 0) grad.push_back({i, t.factor * std::pow(ln_b, t.batch_power)});
  }
  double var = 0;
  for (const auto& [i, gi] : grad)
    for (const auto& [j, gj] : grad) var += gi * gj * p.covariance[i][j];
  return std::max(0.0, var);
}

PrefillCost Prefill(const ModelParams& training, double prefill_scale, const Device& d, double active_params,
                    double devices, const std::string& precision) {
  PrefillCost c;
  auto low = LowPrecision(precision) ? d.Peak(precision) : std::nullopt;
  if (low) {
    c.peak_flops = low->value();
    c.peak_dtype = precision;
  } else {
    c.peak_flops = d.TrainingPeak(&c.peak_dtype).value();
  }
  const ThroughputParams& t = training.throughput;
  const double eta = Lookup(t.family_logit, d.family, t.default_logit) + Lookup(t.precision_offset, c.peak_dtype, 0.0);
  c.mfu = Sigmoid(eta);
  c.device_power_w = ModeledDevicePower(d.tdp, d.idle, training.power, c.mfu, d.family).value();
  const double flops_per_token = 2.0 * active_params;
  c.seconds_per_token = prefill_scale * flops_per_token / (devices * c.peak_flops * c.mfu);
  c.joules_per_token = prefill_scale * flops_per_token * c.device_power_w / (c.peak_flops * c.mfu);
  return c;
}

const Device* MeasuredDeviceFor(const Device& d, const ServingParams& p, const DeviceDb& db) {
  const Device* reference = db.TryFind(p.reference_device);
  const Device* same_family = nullptr;
  for (const auto& id : p.MeasuredDevices()) {
    const Device* m = db.TryFind(id);
    if (m == &d) return m;
    if (m && !same_family && m->family == d.family) same_family = m;
  }
  return same_family ? same_family : reference;
}

Result<ReplicaModel> ReplicaModel::Make(const ServingParams& params, const ModelParams& training, const DeviceDb& db,
                                        const Device& device, double devices, double active_params,
                                        double total_params, const std::string& precision,
                                        const std::string& dataset) {
  ReplicaModel m;
  m.device_ = &device;
  m.measured_ = MeasuredDeviceFor(device, params, db);
  if (!m.measured_) {
    return MakeError("the serving model's reference device '" + params.reference_device +
                     "' is not in the device database");
  }
  m.devices_ = devices;
  if (m.measured_ != &device) {
    const bool bandwidth = device.memory_bw_gbps > 0 && m.measured_->memory_bw_gbps > 0;
    m.ratio_ = bandwidth ? device.memory_bw_gbps / m.measured_->memory_bw_gbps
                         : device.TrainingPeak() / m.measured_->TrainingPeak();
    m.ratio_basis_ = bandwidth ? "memory bandwidth" : "peak";
  }
  ServingFeatures f{active_params, total_params, devices, precision, m.measured_->id,
                    dataset.empty() ? params.reference_dataset : dataset};
  m.terms_ = ServingTerms(f, params);
  m.ln_j_ = Collapse(params.j, m.terms_);
  m.ln_t_ = Collapse(params.t, m.terms_);
  m.ln_b_min_ = 0;
  m.ln_b_max_ = std::min({std::log(params.max_batch_measured), TurningPoint(m.ln_j_, true), TurningPoint(m.ln_t_, false)});
  m.prefill_ = Prefill(training, params.prefill_scale, device, active_params, devices, precision);
  return m;
}

double ReplicaModel::ClampedLogBatch(double batch) const {
  return std::clamp(std::log(std::max(1.0, batch)), ln_b_min_, ln_b_max_);
}

DecodeRate ReplicaModel::Decode(double batch) const {
  const double lb = ClampedLogBatch(batch);
  DecodeRate r;
  r.j_per_token = std::exp(ln_j_.At(lb));
  r.tokens_per_s = std::exp(ln_t_.At(lb));
  r.replica_power_w = r.j_per_token * r.tokens_per_s;
  if (!extrapolated()) return r;
  // Same share of (TDP − idle) as the measured device, throughput scaled by the ratio.
  const Device& m = *measured_;
  const double share = std::clamp((r.replica_power_w / devices_ - m.idle.value()) / (m.tdp - m.idle).value(), 0.0, 1.0);
  r.replica_power_w = devices_ * (device_->idle + (device_->tdp - device_->idle) * share).value();
  r.tokens_per_s *= ratio_;
  r.j_per_token = r.replica_power_w / r.tokens_per_s;
  return r;
}

double ReplicaModel::RequestSeconds(double batch, double input_tokens, double output_tokens) const {
  return output_tokens / Decode(batch).tokens_per_s + input_tokens * prefill_.seconds_per_token;
}

double ReplicaModel::RequestJoules(double batch, double input_tokens, double output_tokens) const {
  return output_tokens * Decode(batch).j_per_token + input_tokens * prefill_.joules_per_token;
}

}  // namespace foreprint
