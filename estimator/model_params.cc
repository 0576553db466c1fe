#include "estimator/model_params.h"

#include <cmath>
#include <mutex>
#include <sstream>

#include "core/data_files.h"
#include "core/quantity_parser.h"
#include "core/text.h"
#include "core/yaml_reader.h"
#include "estimator/params_yaml.h"

namespace foreprint {
namespace {

// A required number of a section with its allowed range.
struct Num {
  const char* key;
  double* dst;
  double lo, hi;
};

template <size_t N>
Status ReadNumbers(const YamlReader& r, const YAML::Node& section, const char* name, const Num (&nums)[N]) {
  for (const auto& n : nums) {
    auto v = r.RequiredNumber(section, n.key, name, n.lo, n.hi);
    if (!v) return v.error();
    *n.dst = *v;
  }
  return {};
}

Status ParseThroughput(const YamlReader& r, const YAML::Node& th, ThroughputParams& t) {
  auto fam = ReadNumberMap(r, YamlReader::Child(th, "family_logit"), "throughput.family_logit");
  if (!fam) return fam.error();
  t.family_logit = *fam;
  auto mod = ReadNumberMap(r, YamlReader::Child(th, "modality_offset"), "throughput.modality_offset");
  if (!mod) return mod.error();
  t.modality_offset = *mod;
  auto prec = ReadNumberMap(r, YamlReader::Child(th, "precision_offset"), "throughput.precision_offset");
  if (!prec) return prec.error();
  t.precision_offset = *prec;
  auto work = ReadNumberMap(r, YamlReader::Child(th, "workload_offset"), "throughput.workload_offset");
  if (!work) return work.error();
  t.workload_offset = *work;
  auto bcls = ReadNumberMap(r, YamlReader::Child(th, "benchmark_class_offset"), "throughput.benchmark_class_offset");
  if (!bcls) return bcls.error();
  t.benchmark_class_offset = *bcls;
  auto pfam = ReadNumberMap(r, YamlReader::Child(th, "production_family_offset"), "throughput.production_family_offset");
  if (!pfam) return pfam.error();
  t.production_family_offset = *pfam;
  // Files written before the benchmark setting existed lack these: 0 (no benchmark warm-up or offset).
  const Num optional[] = {{"benchmark_warmup_hours", &t.benchmark_warmup_hours, 0, 1000},
                          {"benchmark_offset", &t.benchmark_offset, -10, 10},
                          {"benchmark_slope_log_count", &t.benchmark_slope_log_count, -5, 5}};
  for (const auto& n : optional) {
    YAML::Node node = YamlReader::Child(th, n.key);
    if (!node.IsDefined() || node.IsNull()) continue;
    auto v = r.NumberInRange(node, std::string("throughput.") + n.key, n.lo, n.hi);
    if (!v) return v.error();
    *n.dst = *v;
  }
  double ref_year = 0;
  const Num nums[] = {{"default_logit", &t.default_logit, -10, 10},
                      {"slope_log_params", &t.slope_log_params, -5, 5},
                      {"slope_log_count", &t.slope_log_count, -5, 5},
                      {"slope_year", &t.slope_year, -5, 5},
                      {"warmup_hours", &t.warmup_hours, 0, 1000},
                      {"goodput_lambda", &t.goodput_lambda, 0, 100},
                      {"reference_year", &ref_year, 2000, 2100}};
  if (auto st = ReadNumbers(r, th, "throughput", nums); !st) return st;
  t.reference_year = static_cast<int>(ref_year);
  return {};
}

Status ParsePower(const YamlReader& r, const YAML::Node& pw, PowerParams& p) {
  const Num nums[] = {{"p0", &p.p0, -2, 2},
                      {"p1", &p.p1, -5, 5},
                      {"p_max", &p.p_max, 0.5, 2},
                      {"host_w_per_device", &p.host_w_per_device, 0, 5000}};
  if (auto st = ReadNumbers(r, pw, "power", nums); !st) return st;
  auto fam = ReadNumberMap(r, YamlReader::Child(pw, "family_offset"), "power.family_offset");
  if (!fam) return fam.error();
  p.family_offset = *fam;
  return {};
}

Status ParseCovariance(const YamlReader& r, const YAML::Node& cov, ModelParams& p) {
  auto c = ReadCovariance(r, cov);
  if (!c) return c.error();
  p.covariance_names = std::move(c->names);
  p.covariance = std::move(c->matrix);
  return {};
}

}  // namespace

std::string ToString(Setting s) { return s == Setting::kBenchmark ? "benchmark" : "production"; }

int ModelParams::CovIndex(const std::string& name) const {
  for (size_t i = 0; i < covariance_names.size(); ++i) if (covariance_names[i] == name) return static_cast<int>(i);
  return -1;
}

Result<ModelParams> ModelParams::Parse(const std::string& text, const std::string& file) {
  auto reader = YamlReader::Parse(text, file);
  if (!reader) return reader.error();
  const YamlReader& r = *reader;
  const YAML::Node& root = r.root();
  if (auto st = r.CheckKeys(root, {"status", "generated", "dataset_sha256", "throughput", "power", "uncertainty",
                                   "covariance", "sources"},
                            "");
      !st) {
    return st.error();
  }
  ModelParams p;
  p.file = file;
  for (auto [key, dst] : {std::pair{"status", &p.status}, {"generated", &p.generated},
                          {"dataset_sha256", &p.dataset_sha256}}) {
    auto s = r.RequiredString(root, key, "");
    if (!s) return s.error();
    *dst = *s;
  }
  auto th = r.Require(root, "throughput", "");
  if (!th) return th.error();
  if (auto st = ParseThroughput(r, *th, p.throughput); !st) return st.error();
  auto pw = r.Require(root, "power", "");
  if (!pw) return pw.error();
  if (auto st = ParsePower(r, *pw, p.power); !st) return st.error();
  auto un = r.Require(root, "uncertainty", "");
  if (!un) return un.error();
  const Num unums[] = {{"sigma_log_time", &p.uncertainty.sigma_log_time, 0, 5},
                       {"sigma_log_power", &p.uncertainty.sigma_log_power, 0, 5}};
  if (auto st = ReadNumbers(r, *un, "uncertainty", unums); !st) return st.error();
  YAML::Node cov = YamlReader::Child(root, "covariance");
  if (cov.IsDefined() && !cov.IsNull()) {
    if (auto st = ParseCovariance(r, cov, p); !st) return st.error();
  }
  if (auto st = ReadSourceMap(r, YamlReader::Child(root, "sources"), p.sources); !st) return st.error();
  return p;
}

Result<const ModelParams*> ModelParams::Builtin() {
  static std::once_flag once;
  static Result<ModelParams> params = MakeError("not loaded");
  std::call_once(once, [] {
    auto f = ReadDataFile("calibration/fitted.yaml");
    params = f ? Parse(f->text, f->display_name) : Result<ModelParams>(f.error());
  });
  if (!params) return params.error();
  return &params.value();
}

Result<const ModelParams*> ModelParams::BuiltinPointValues() {
  static std::once_flag once;
  static Result<ModelParams> params = MakeError("not loaded");
  std::call_once(once, [] {
    auto f = ReadDataFile("calibration/fitted.yaml");
    params = f ? Parse(WithoutTopLevelKey(f->text, "covariance"), f->display_name) : Result<ModelParams>(f.error());
  });
  if (!params) return params.error();
  return &params.value();
}

std::string ModelParams::ToYaml() const {
  std::ostringstream o;
  auto num = [](double v) { return FormatNumber(v); };
  o << "# calibration/fitted.yaml — parameters of the calibrated throughput and power models.\n"
       "# Written by `foreprint calibrate --out calibration/fitted.yaml`; read by `foreprint estimate`.\n"
       "# Model: see estimator/model_params.h. Units: logits (dimensionless), hours, watts.\n";
  o << "status: " << QuoteYaml(status) << "\n";
  o << "generated: " << QuoteYaml(generated) << "\n";
  o << "dataset_sha256: " << QuoteYaml(dataset_sha256) << "\n";
  o << "throughput:\n  family_logit:\n";
  for (const auto& [k, v] : throughput.family_logit) o << "    " << QuoteYaml(k) << ": " << num(v) << "\n";
  o << "  default_logit: " << num(throughput.default_logit) << "\n";
  o << "  slope_log_params: " << num(throughput.slope_log_params) << "\n";
  o << "  slope_log_count: " << num(throughput.slope_log_count) << "\n";
  o << "  modality_offset:\n";
  for (const auto& [k, v] : throughput.modality_offset) o << "    " << QuoteYaml(k) << ": " << num(v) << "\n";
  o << "  slope_year: " << num(throughput.slope_year) << "\n";
  o << "  precision_offset:\n";
  for (const auto& [k, v] : throughput.precision_offset) o << "    " << QuoteYaml(k) << ": " << num(v) << "\n";
  o << "  workload_offset:\n";
  for (const auto& [k, v] : throughput.workload_offset) o << "    " << QuoteYaml(k) << ": " << num(v) << "\n";
  o << "  warmup_hours: " << num(throughput.warmup_hours) << "\n";
  o << "  goodput_lambda: " << num(throughput.goodput_lambda) << "\n";
  o << "  benchmark_warmup_hours: " << num(throughput.benchmark_warmup_hours) << "\n";
  o << "  benchmark_offset: " << num(throughput.benchmark_offset) << "\n";
  o << "  benchmark_slope_log_count: " << num(throughput.benchmark_slope_log_count) << "\n";
  o << "  benchmark_class_offset:\n";
  for (const auto& [k, v] : throughput.benchmark_class_offset) o << "    " << QuoteYaml(k) << ": " << num(v) << "\n";
  o << "  production_family_offset:\n";
  for (const auto& [k, v] : throughput.production_family_offset) o << "    " << QuoteYaml(k) << ": " << num(v) << "\n";
  o << "  reference_year: " << throughput.reference_year << "\n";
  o << "power:\n  p0: " << num(power.p0) << "\n  p1: " << num(power.p1) << "\n  p_max: " << num(power.p_max)
    << "\n  host_w_per_device: " << num(power.host_w_per_device) << "\n  family_offset:\n";
  for (const auto& [k, v] : power.family_offset) o << "    " << QuoteYaml(k) << ": " << num(v) << "\n";
  o << "uncertainty:\n  sigma_log_time: " << num(uncertainty.sigma_log_time)
    << "\n  sigma_log_power: " << num(uncertainty.sigma_log_power) << "\n";
  o << CovarianceYaml({covariance_names, covariance});
  o << "sources:\n";
  for (const auto& [k, v] : sources) o << "  " << QuoteYaml(k) << ": " << QuoteYaml(v) << "\n";
  return o.str();
}

}  // namespace foreprint
