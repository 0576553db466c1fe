#include "estimator/serving_params.h"

#include <mutex>
#include <sstream>

#include "core/data_files.h"
#include "core/text.h"
#include "core/yaml_reader.h"
#include "estimator/params_yaml.h"

namespace foreprint {
namespace {

const std::vector<std::string> kKeys = {"status",       "generated",  "dataset_sha256",    "reference", "measured_batch",
                                        "defaults",     "j_per_output_token", "output_tokens_per_s", "prefill_scale",
                                        "uncertainty",  "cv",         "covariance",        "sources"};

// The covariance only sets interval widths: its lower triangle to 8 significant digits keeps them to
// 1e-7 with a quarter of the text every estimate of a deployment parses.
constexpr int kCovarianceDigits = 8;

struct Num {
  const char* key;
  double* dst;
  double lo, hi;
};

template <size_t N>
Status ReadSection(const YamlReader& r, const YAML::Node& root, const char* section, const Num (&nums)[N]) {
  auto node = r.Require(root, section, "");
  if (!node) return node.error();
  for (const auto& n : nums) {
    auto v = r.RequiredNumber(*node, n.key, section, n.lo, n.hi);
    if (!v) return v.error();
    *n.dst = *v;
  }
  return {};
}

Status ReadCurve(const YamlReader& r, const YAML::Node& root, const char* key, ServingCurve& out) {
  auto node = r.Require(root, key, "");
  if (!node) return node.error();
  auto m = ReadNumberMap(r, *node, key);
  if (!m) return m.error();
  out = *m;
  return {};
}

void WriteCurve(std::ostringstream& o, const char* key, const ServingCurve& c) {
  o << key << ":\n";
  for (const auto& [k, v] : c) o << "  " << QuoteYaml(k) << ": " << FormatNumber(v) << "\n";
}

}  // namespace

int ServingParams::CovIndex(const std::string& name) const {
  for (size_t i = 0; i < covariance_names.size(); ++i)
    if (covariance_names[i] == name) return static_cast<int>(i);
  return -1;
}

std::vector<std::string> ServingParams::MeasuredDevices() const {
  std::vector<std::string> out = {reference_device};
  const std::string prefix = "device_offset.";
  for (const auto& [k, v] : j)
    if (k.rfind(prefix, 0) == 0) out.push_back(k.substr(prefix.size()));
  return out;
}

Result<ServingParams> ServingParams::Parse(const std::string& text, const std::string& file) {
  auto reader = YamlReader::Parse(text, file);
  if (!reader) return reader.error();
  const YamlReader& r = *reader;
  const YAML::Node& root = r.root();
  if (auto st = r.CheckKeys(root, kKeys, ""); !st) return st.error();
  ServingParams p;
  p.file = file;
  for (auto [key, dst] : {std::pair{"status", &p.status}, {"generated", &p.generated},
                          {"dataset_sha256", &p.dataset_sha256}}) {
    auto s = r.RequiredString(root, key, "");
    if (!s) return s.error();
    *dst = *s;
  }
  auto ref = r.Require(root, "reference", "");
  if (!ref) return ref.error();
  for (auto [key, dst] : {std::pair{"device", &p.reference_device}, {"dataset", &p.reference_dataset}}) {
    auto s = r.RequiredString(*ref, key, "reference");
    if (!s) return s.error();
    *dst = *s;
  }
  const Num batch[] = {{"min", &p.min_batch_measured, 1, 1e6}, {"max", &p.max_batch_measured, 1, 1e6}};
  const Num defaults[] = {{"input_tokens", &p.default_input_tokens, 1, 1e7},
                          {"output_tokens", &p.default_output_tokens, 1, 1e7},
                          {"reference_input_tokens", &p.reference_input_tokens, 0, 1e7}};
  const Num uncertainty[] = {{"sigma_log_j", &p.sigma_log_j, 0, 5}, {"sigma_log_tput", &p.sigma_log_t, 0, 5}};
  const Num cv[] = {{"median_abs_err_j", &p.cv_median_abs_err_j, 0, 100},
                    {"median_abs_err_tput", &p.cv_median_abs_err_t, 0, 100}};
  if (auto st = ReadSection(r, root, "measured_batch", batch); !st) return st.error();
  if (auto st = ReadSection(r, root, "defaults", defaults); !st) return st.error();
  if (auto st = ReadSection(r, root, "uncertainty", uncertainty); !st) return st.error();
  if (auto st = ReadSection(r, root, "cv", cv); !st) return st.error();
  if (auto st = ReadCurve(r, root, "j_per_output_token", p.j); !st) return st.error();
  if (auto st = ReadCurve(r, root, "output_tokens_per_s", p.t); !st) return st.error();
  auto kappa = r.RequiredNumber(root, "prefill_scale", "", 0.01, 100);
  if (!kappa) return kappa.error();
  p.prefill_scale = *kappa;
  YAML::Node cov = YamlReader::Child(root, "covariance");
  if (cov.IsDefined() && !cov.IsNull()) {
    auto c = ReadCovariance(r, cov);
    if (!c) return c.error();
    p.covariance_names = std::move(c->names);
    p.covariance = std::move(c->matrix);
  }
  if (auto st = ReadSourceMap(r, YamlReader::Child(root, "sources"), p.sources); !st) return st.error();
  return p;
}

Result<const ServingParams*> ServingParams::Builtin() {
  static std::once_flag once;
  static Result<ServingParams> params = MakeError("not loaded");
  std::call_once(once, [] {
    auto f = ReadDataFile("calibration/serving_fitted.yaml");
    params = f ? Parse(f->text, f->display_name) : Result<ServingParams>(f.error());
  });
  if (!params) return params.error();
  return &params.value();
}

std::string ServingParams::ToYaml() const {
  std::ostringstream o;
  auto num = [](double v) { return FormatNumber(v); };
  o << "# calibration/serving_fitted.yaml — parameters of the serving model (estimator/serving_model.h).\n"
       "# Written by `foreprint calibrate --serving --out calibration/serving_fitted.yaml`; read by\n"
       "# `foreprint estimate` for configs with a serving: section. Curves: ln J per output token and\n"
       "# ln output tokens/s of one replica while decoding; terms absent are 0 (the reference levels).\n";
  o << "status: " << QuoteYaml(status) << "\n";
  o << "generated: " << QuoteYaml(generated) << "\n";
  o << "dataset_sha256: " << QuoteYaml(dataset_sha256) << "\n";
  o << "reference:\n  device: " << QuoteYaml(reference_device) << "\n  dataset: " << QuoteYaml(reference_dataset)
    << "\n";
  o << "measured_batch:\n  min: " << num(min_batch_measured) << "\n  max: " << num(max_batch_measured) << "\n";
  o << "defaults:\n  input_tokens: " << num(default_input_tokens) << "\n  output_tokens: " << num(default_output_tokens)
    << "\n  reference_input_tokens: " << num(reference_input_tokens) << "\n";
  WriteCurve(o, "j_per_output_token", j);
  WriteCurve(o, "output_tokens_per_s", t);
  o << "prefill_scale: " << num(prefill_scale) << "\n";
  o << "uncertainty:\n  sigma_log_j: " << num(sigma_log_j) << "\n  sigma_log_tput: " << num(sigma_log_t) << "\n";
  o << "cv:\n  median_abs_err_j: " << num(cv_median_abs_err_j) << "\n  median_abs_err_tput: " << num(cv_median_abs_err_t)
    << "\n";
  o << CovarianceYaml({covariance_names, covariance}, kCovarianceDigits, true);
  o << "sources:\n";
  for (const auto& [k, v] : sources) o << "  " << QuoteYaml(k) << ": " << QuoteYaml(v) << "\n";
  return o.str();
}

}  // namespace foreprint
