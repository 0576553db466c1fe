#include "estimator/model_params.h"

#include <cmath>
#include <mutex>
#include <sstream>

#include "core/data_files.h"
#include "core/quantity_parser.h"
#include "core/text.h"
#include "core/yaml_reader.h"

namespace foreprint {
namespace {

Result<std::map<std::string, double>> NumberMap(const YamlReader& r, const YAML::Node& n, const std::string& field) {
  std::map<std::string, double> out;
  if (!n.IsDefined() || n.IsNull()) return out;
  if (!n.IsMap()) return r.ErrorAt(n, field, "expected a mapping name: value");
  for (const auto& kv : n) {
    auto v = r.Number(kv.second, field + "." + kv.first.Scalar());
    if (!v) return v.error();
    out[kv.first.Scalar()] = *v;
  }
  return out;
}

std::string Q(const std::string& s) {
  std::string o = "\"";
  for (char c : s) {
    if (c == '"' || c == '\\') o += '\\';
    o += c;
  }
  return o + "\"";
}

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
  auto fam = NumberMap(r, YamlReader::Child(th, "family_logit"), "throughput.family_logit");
  if (!fam) return fam.error();
  t.family_logit = *fam;
  auto mod = NumberMap(r, YamlReader::Child(th, "modality_offset"), "throughput.modality_offset");
  if (!mod) return mod.error();
  t.modality_offset = *mod;
  auto prec = NumberMap(r, YamlReader::Child(th, "precision_offset"), "throughput.precision_offset");
  if (!prec) return prec.error();
  t.precision_offset = *prec;
  auto work = NumberMap(r, YamlReader::Child(th, "workload_offset"), "throughput.workload_offset");
  if (!work) return work.error();
  t.workload_offset = *work;
  auto bcls = NumberMap(r, YamlReader::Child(th, "benchmark_class_offset"), "throughput.benchmark_class_offset");
  if (!bcls) return bcls.error();
  t.benchmark_class_offset = *bcls;
  auto pfam = NumberMap(r, YamlReader::Child(th, "production_family_offset"), "throughput.production_family_offset");
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
  auto fam = NumberMap(r, YamlReader::Child(pw, "family_offset"), "power.family_offset");
  if (!fam) return fam.error();
  p.family_offset = *fam;
  return {};
}

// The matrix is a block of text, one row per line (parsing hundreds of YAML nodes would dominate
// the start-up time of every estimate); `n` names, so n rows of n numbers.
Status ParseCovariance(const YamlReader& r, const YAML::Node& cov, ModelParams& p) {
  auto names = r.StringList(YamlReader::Child(cov, "names"), "covariance.names");
  if (!names) return names.error();
  p.covariance_names = *names;
  const YAML::Node matrix = YamlReader::Child(cov, "matrix");
  auto text = r.String(matrix, "covariance.matrix");
  if (!text) return text.error();
  const size_t n = p.covariance_names.size();
  std::istringstream rows(*text);
  std::string line;
  while (std::getline(rows, line)) {
    if (Trim(line).empty()) continue;
    std::vector<double> vals;
    std::istringstream cells(line);
    std::string cell;
    while (cells >> cell) {
      auto v = ParsePlainNumber(cell);
      if (!v) return r.ErrorAt(matrix, "covariance.matrix", v.error().message);
      vals.push_back(*v);
    }
    if (vals.size() != n) {
      return r.ErrorAt(matrix, "covariance.matrix",
                       "row " + std::to_string(p.covariance.size() + 1) + " has " + std::to_string(vals.size()) +
                           " values, expected " + std::to_string(n));
    }
    p.covariance.push_back(vals);
  }
  if (p.covariance.size() != n) {
    return r.ErrorAt(matrix, "covariance.matrix",
                     "expected " + std::to_string(n) + " rows, found " + std::to_string(p.covariance.size()));
  }
  return {};
}

Status ParseSources(const YamlReader& r, const YAML::Node& src, std::map<std::string, std::string>& out) {
  if (!src.IsDefined() || !src.IsMap()) return {};
  for (const auto& kv : src) {
    auto s = r.String(kv.second, "sources." + kv.first.Scalar());
    if (!s) return s.error();
    out[kv.first.Scalar()] = *s;
  }
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
  if (auto st = ParseSources(r, YamlReader::Child(root, "sources"), p.sources); !st) return st.error();
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

std::string ModelParams::ToYaml() const {
  std::ostringstream o;
  auto num = [](double v) { return FormatNumber(v); };
  o << "# calibration/fitted.yaml — parameters of the calibrated throughput and power models.\n"
       "# Written by `foreprint calibrate --out calibration/fitted.yaml`; read by `foreprint estimate`.\n"
       "# Model: see estimator/model_params.h. Units: logits (dimensionless), hours, watts.\n";
  o << "status: " << Q(status) << "\n";
  o << "generated: " << Q(generated) << "\n";
  o << "dataset_sha256: " << Q(dataset_sha256) << "\n";
  o << "throughput:\n  family_logit:\n";
  for (const auto& [k, v] : throughput.family_logit) o << "    " << Q(k) << ": " << num(v) << "\n";
  o << "  default_logit: " << num(throughput.default_logit) << "\n";
  o << "  slope_log_params: " << num(throughput.slope_log_params) << "\n";
  o << "  slope_log_count: " << num(throughput.slope_log_count) << "\n";
  o << "  modality_offset:\n";
  for (const auto& [k, v] : throughput.modality_offset) o << "    " << Q(k) << ": " << num(v) << "\n";
  o << "  slope_year: " << num(throughput.slope_year) << "\n";
  o << "  precision_offset:\n";
  for (const auto& [k, v] : throughput.precision_offset) o << "    " << Q(k) << ": " << num(v) << "\n";
  o << "  workload_offset:\n";
  for (const auto& [k, v] : throughput.workload_offset) o << "    " << Q(k) << ": " << num(v) << "\n";
  o << "  warmup_hours: " << num(throughput.warmup_hours) << "\n";
  o << "  goodput_lambda: " << num(throughput.goodput_lambda) << "\n";
  o << "  benchmark_warmup_hours: " << num(throughput.benchmark_warmup_hours) << "\n";
  o << "  benchmark_offset: " << num(throughput.benchmark_offset) << "\n";
  o << "  benchmark_slope_log_count: " << num(throughput.benchmark_slope_log_count) << "\n";
  o << "  benchmark_class_offset:\n";
  for (const auto& [k, v] : throughput.benchmark_class_offset) o << "    " << Q(k) << ": " << num(v) << "\n";
  o << "  production_family_offset:\n";
  for (const auto& [k, v] : throughput.production_family_offset) o << "    " << Q(k) << ": " << num(v) << "\n";
  o << "  reference_year: " << throughput.reference_year << "\n";
  o << "power:\n  p0: " << num(power.p0) << "\n  p1: " << num(power.p1) << "\n  p_max: " << num(power.p_max)
    << "\n  host_w_per_device: " << num(power.host_w_per_device) << "\n  family_offset:\n";
  for (const auto& [k, v] : power.family_offset) o << "    " << Q(k) << ": " << num(v) << "\n";
  o << "uncertainty:\n  sigma_log_time: " << num(uncertainty.sigma_log_time)
    << "\n  sigma_log_power: " << num(uncertainty.sigma_log_power) << "\n";
  if (!covariance_names.empty()) {
    o << "covariance:\n  names: [";
    for (size_t i = 0; i < covariance_names.size(); ++i) o << (i ? ", " : "") << Q(covariance_names[i]);
    o << "]\n  matrix: |\n";
    for (const auto& row : covariance) {
      o << "   ";
      for (double x : row) o << " " << num(x);
      o << "\n";
    }
  }
  o << "sources:\n";
  for (const auto& [k, v] : sources) o << "  " << Q(k) << ": " << Q(v) << "\n";
  return o.str();
}

}  // namespace foreprint
