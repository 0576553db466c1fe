#include "estimator/params_yaml.h"

#include <sstream>

#include "core/quantity_parser.h"
#include "core/text.h"

namespace foreprint {

Result<std::map<std::string, double>> ReadNumberMap(const YamlReader& r, const YAML::Node& n, const std::string& field) {
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

Status ReadSourceMap(const YamlReader& r, const YAML::Node& src, std::map<std::string, std::string>& out) {
  if (!src.IsDefined() || !src.IsMap()) return {};
  for (const auto& kv : src) {
    auto s = r.String(kv.second, "sources." + kv.first.Scalar());
    if (!s) return s.error();
    out[kv.first.Scalar()] = *s;
  }
  return {};
}

std::string QuoteYaml(const std::string& s) {
  std::string o = "\"";
  for (char c : s) {
    if (c == '"' || c == '\\') o += '\\';
    o += c;
  }
  return o + "\"";
}

Result<Covariance> ReadCovariance(const YamlReader& r, const YAML::Node& cov) {
  Covariance c;
  auto names = r.StringList(YamlReader::Child(cov, "names"), "covariance.names");
  if (!names) return names.error();
  c.names = *names;
  const YAML::Node matrix = YamlReader::Child(cov, "matrix");
  auto text = r.String(matrix, "covariance.matrix");
  if (!text) return text.error();
  const size_t n = c.names.size();
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
                       "row " + std::to_string(c.matrix.size() + 1) + " has " + std::to_string(vals.size()) +
                           " values, expected " + std::to_string(n));
    }
    c.matrix.push_back(vals);
  }
  if (c.matrix.size() != n) {
    return r.ErrorAt(matrix, "covariance.matrix",
                     "expected " + std::to_string(n) + " rows, found " + std::to_string(c.matrix.size()));
  }
  return c;
}

std::string CovarianceYaml(const Covariance& c) {
  if (c.names.empty()) return "";
  std::ostringstream o;
  o << "covariance:\n  names: [";
  for (size_t i = 0; i < c.names.size(); ++i) o << (i ? ", " : "") << QuoteYaml(c.names[i]);
  o << "]\n  matrix: |\n";
  for (const auto& row : c.matrix) {
    o << "   ";
    for (double x : row) o << " " << FormatNumber(x);
    o << "\n";
  }
  return o.str();
}

}  // namespace foreprint
