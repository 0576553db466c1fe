// serving_params.h — parameters of the serving model (calibration/serving_fitted.yaml; written by
// `foreprint calibrate --serving --out`, read by `estimate` and `compare` for configs with `serving:`).
//
// Two log-linear curves of one replica's accelerators while decoding (serving_model.h has the
// formulas and the regressors):
//   ln J_dec   = Σ_k β_k · x_k      J per output token (all devices of the replica), prefill excluded
//   ln T_dec   = Σ_k γ_k · x_k      output tokens per second of the replica, prefill excluded
// A curve is a map term name → coefficient (names: ServingTerms() in serving_model.h); terms absent
// from the map are 0 (the reference levels: bf16/fp16 weights, the reference device, the current
// software vintage). `prefill_scale` κ multiplies the physical prefill cost.
// Uncertainty: σ of the leave-one-model-out log errors of each curve, plus the parameter covariance
// (names "j.<term>", "t.<term>", "log_prefill_scale"), propagated by the delta method.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "core/error.h"

namespace foreprint {

using ServingCurve = std::map<std::string, double>;  // term → coefficient

struct ServingParams {
  std::string status;     // "fitted"
  std::string generated;  // date
  std::string dataset_sha256;
  std::string reference_device = "H100-SXM5-80GB";  // the device the curves describe without an offset
  std::string reference_dataset = "mlenergy-v3";    // the vintage predictions use (current serving software)
  double min_batch_measured = 1, max_batch_measured = 1;  // batch caps in the data
  double default_input_tokens = 0, default_output_tokens = 0;
  double reference_input_tokens = 0;  // prompt length assumed for measured rows that publish none
  ServingCurve j;  // ln J per output token (decode)
  ServingCurve t;  // ln output tokens/s per replica (decode)
  double prefill_scale = 1;  // κ
  double sigma_log_j = 0, sigma_log_t = 0;  // leave-one-model-out scatter
  double cv_median_abs_err_j = 0, cv_median_abs_err_t = 0;  // leave-one-model-out medians (for --explain)
  std::vector<std::string> covariance_names;
  std::vector<std::vector<double>> covariance;
  std::map<std::string, std::string> sources;
  std::string file;  // where these were read from (not written by ToYaml)

  static Result<ServingParams> Parse(const std::string& text, const std::string& file);
  static Result<const ServingParams*> Builtin();
  std::string ToYaml() const;  // Parse() reads it back identically
  int CovIndex(const std::string& name) const;
  // Devices with measured rows: the reference and every device with an offset.
  std::vector<std::string> MeasuredDevices() const;
};

}  // namespace foreprint
