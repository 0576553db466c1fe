#include "estimator/params_yaml.h"

#include <cstdio>
#include <sstream>
#include <string_view>

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

namespace {

// `x` to `digits` significant digits in the shortest form ("1.2345678e-05"), read back exactly as written.
std::string ShortNumber(double x, int digits) {
  char buf[40];
  std::snprintf(buf, sizeof buf, "%.*g", digits, x);
  return buf;
}

}  // namespace

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
  // Split by hand: an istringstream per row and per cell would dominate the start-up time.
  const std::string_view all(*text);
  size_t pos = 0;
  bool triangular = false;
  while (pos < all.size()) {
    size_t end = all.find('\n', pos);
    if (end == std::string_view::npos) end = all.size();
    const std::string_view line = all.substr(pos, end - pos);
    pos = end + 1;
    std::vector<double> vals;
    size_t i = 0;
    while (i < line.size()) {
      while (i < line.size() && (line[i] == ' ' || line[i] == '\t' || line[i] == '\r')) ++i;
      size_t j = i;
      while (j < line.size() && line[j] != ' ' && line[j] != '\t' && line[j] != '\r') ++j;
      if (j == i) break;
      auto v = ParsePlainNumber(line.substr(i, j - i));
      if (!v) return r.ErrorAt(matrix, "covariance.matrix", v.error().message);
      vals.push_back(*v);
      i = j;
    }
    if (vals.empty()) continue;
    const size_t row = c.matrix.size();
    // A full row, or the lower triangle's row (row i of 0-based index holds i + 1 numbers).
    const bool lower = vals.size() == row + 1 && (row + 1 < n || triangular);
    if (row == 0 && n > 1 && vals.size() == 1) triangular = true;
    if (vals.size() != n && !(triangular && lower)) {
      return r.ErrorAt(matrix, "covariance.matrix",
                       "row " + std::to_string(row + 1) + " has " + std::to_string(vals.size()) + " values, expected " +
                           std::to_string(n) + (triangular ? " (or " + std::to_string(row + 1) + ", a lower triangle)" : ""));
    }
    vals.resize(n, 0.0);
    c.matrix.push_back(std::move(vals));
  }
  if (triangular) {
    for (size_t i = 0; i < c.matrix.size(); ++i)
      for (size_t j = i + 1; j < n && j < c.matrix.size(); ++j) c.matrix[i][j] = c.matrix[j][i];
  }
  if (c.matrix.size() != n) {
    return r.ErrorAt(matrix, "covariance.matrix",
                     "expected " + std::to_string(n) + " rows, found " + std::to_string(c.matrix.size()));
  }
  return c;
}

std::string WithoutTopLevelKey(const std::string& text, const std::string& key) {
  const std::string head = key + ":";
  size_t start = text.rfind(head, 0) == 0 ? 0 : text.find("\n" + head);
  if (start == std::string::npos) return text;
  if (start > 0) ++start;  // keep the newline before the key
  size_t end = text.find('\n', start);
  while (end != std::string::npos) {
    const size_t next = end + 1;
    if (next >= text.size()) break;
    const char c = text[next];
    if (c != ' ' && c != '\t' && c != '\n' && c != '\r') return text.substr(0, start) + text.substr(next);
    end = text.find('\n', next);
  }
  return text.substr(0, start);
}

std::string CovarianceYaml(const Covariance& c, int significant_digits, bool lower_triangle) {
  if (c.names.empty()) return "";
  std::ostringstream o;
  o << "covariance:\n  names: [";
  for (size_t i = 0; i < c.names.size(); ++i) o << (i ? ", " : "") << QuoteYaml(c.names[i]);
  o << "]\n  matrix: |\n";
  for (size_t i = 0; i < c.matrix.size(); ++i) {
    o << "   ";
    const size_t cols = lower_triangle ? i + 1 : c.matrix[i].size();
    for (size_t j = 0; j < cols; ++j) {
      const double x = c.matrix[i][j];
      o << " " << (significant_digits > 0 ? ShortNumber(x, significant_digits) : FormatNumber(x));
    }
    o << "\n";
  }
  return o.str();
}

}  // namespace foreprint
