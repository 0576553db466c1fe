#include "core/yaml_reader.h"

#include <cmath>

#include "core/quantity_parser.h"
#include "core/suggest.h"
#include "core/text.h"
#include "core/yaml_flow_scan.h"

namespace foreprint {

std::string JoinField(std::string_view parent, std::string_view key) {
  if (parent.empty()) return std::string(key);
  return std::string(parent) + "." + std::string(key);
}

namespace {

// A yaml-cpp parse failure as an Error. An unclosed '[' or '{' is reported where it was opened,
// with the place yaml-cpp noticed it in the message (it notices at the next key or the file's end).
Error ParseError(const std::string& text, const std::string& file, const YAML::Exception& e) {
  const int line = e.mark.is_null() ? 0 : e.mark.line + 1;
  const int column = e.mark.is_null() ? 0 : e.mark.column + 1;
  const bool unclosed = e.msg.find("flow not found") != std::string::npos;
  const auto opener = unclosed ? UnclosedFlowOpener(text) : std::nullopt;
  if (opener && (line == 0 || opener->line < line || (opener->line == line && opener->column < column))) {
    Error err = MakeError("malformed YAML: '" + std::string(1, opener->bracket) + "' is never closed (" + e.msg +
                          (line > 0 ? ", detected at line " + std::to_string(line) + ":" + std::to_string(column)
                                    : std::string()) +
                          ")");
    return err.At(file, opener->line, opener->column);
  }
  Error err = MakeError("malformed YAML: " + e.msg);
  return err.At(file, line, column);
}

}  // namespace

Result<YamlReader> YamlReader::Parse(const std::string& text, std::string file) {
  try {
    YAML::Node root = YAML::Load(text);
    return YamlReader(root, std::move(file));
  } catch (const YAML::Exception& e) {
    return ParseError(text, file, e);
  } catch (const std::exception& e) {
    Error err = MakeError(std::string("malformed YAML: ") + e.what());
    err.At(file);
    return err;
  }
}

Error YamlReader::ErrorAt(const YAML::Node& node, std::string_view field, std::string message) const {
  Error err = MakeError(std::move(message));
  int line = 0, column = 0;
  if (node.IsDefined()) {
    YAML::Mark m = node.Mark();
    if (!m.is_null()) {
      line = m.line + 1;
      column = m.column + 1;
    }
  }
  err.At(file_, line, column);
  if (!field.empty()) err.Field(std::string(field));
  return err;
}

YAML::Node YamlReader::Child(const YAML::Node& map, std::string_view key) {
  if (!map.IsDefined() || !map.IsMap()) return YAML::Node(YAML::NodeType::Undefined);
  for (const auto& kv : map) {
    if (kv.first.IsScalar() && kv.first.Scalar() == key) return kv.second;
  }
  return YAML::Node(YAML::NodeType::Undefined);
}

Result<std::string> YamlReader::String(const YAML::Node& node, std::string_view field) const {
  if (!node.IsDefined() || node.IsNull()) return ErrorAt(node, field, "expected a value, found nothing");
  if (!node.IsScalar()) return ErrorAt(node, field, "expected a single value, found a list or mapping");
  return node.Scalar();
}

Result<double> YamlReader::Number(const YAML::Node& node, std::string_view field) const {
  auto s = String(node, field);
  if (!s) return s.error();
  auto v = ParsePlainNumber(*s);
  if (!v) return ErrorAt(node, field, v.error().message);
  return *v;
}

Result<long long> YamlReader::Integer(const YAML::Node& node, std::string_view field) const {
  auto v = Number(node, field);
  if (!v) return v.error();
  if (std::floor(*v) != *v || std::fabs(*v) > 9.0e15) {
    return ErrorAt(node, field, "expected a whole number, found '" + node.Scalar() + "'");
  }
  return static_cast<long long>(*v);
}

Result<std::vector<std::string>> YamlReader::StringList(const YAML::Node& node, std::string_view field) const {
  std::vector<std::string> out;
  if (!node.IsDefined() || node.IsNull()) return out;
  if (!node.IsSequence()) return ErrorAt(node, field, "expected a list such as [a, b]");
  for (const auto& item : node) {
    auto s = String(item, field);
    if (!s) return s.error();
    out.push_back(*s);
  }
  return out;
}

Result<YAML::Node> YamlReader::Require(const YAML::Node& map, std::string_view key,
                                       std::string_view parent_field) const {
  YAML::Node n = Child(map, key);
  if (!n.IsDefined() || n.IsNull()) {
    return ErrorAt(n.IsDefined() ? n : map, JoinField(parent_field, key),
                   "missing required key '" + std::string(key) + "'");
  }
  return n;
}

Result<std::string> YamlReader::RequiredString(const YAML::Node& map, std::string_view key,
                                               std::string_view parent) const {
  auto n = Require(map, key, parent);
  if (!n) return n.error();
  const std::string field = JoinField(parent, key);
  auto s = String(*n, field);
  if (!s) return s.error();
  if (Trim(*s).empty()) return ErrorAt(*n, field, "must not be empty");
  return s;
}

Result<std::optional<double>> YamlReader::OptionalNumber(const YAML::Node& map, std::string_view key,
                                                         std::string_view parent, double lo, double hi) const {
  YAML::Node n = Child(map, key);
  if (!Present(n)) return std::optional<double>();
  auto v = NumberInRange(n, JoinField(parent, key), lo, hi);
  if (!v) return v.error();
  return std::optional<double>(*v);
}

Result<double> YamlReader::NumberInRange(const YAML::Node& node, std::string_view field, double lo,
                                         double hi) const {
  auto v = Number(node, field);
  if (!v) return v.error();
  if (*v < lo || *v > hi) {
    return ErrorAt(node, field, "value " + node.Scalar() + " is outside the plausible range " + FormatNumber(lo) +
                                    " to " + FormatNumber(hi));
  }
  return *v;
}

Result<double> YamlReader::RequiredNumber(const YAML::Node& map, std::string_view key, std::string_view parent,
                                          double lo, double hi) const {
  auto n = Require(map, key, parent);
  if (!n) return n.error();
  return NumberInRange(*n, JoinField(parent, key), lo, hi);
}

Status YamlReader::CheckKeys(const YAML::Node& map, const std::vector<std::string>& allowed,
                             std::string_view parent_field) const {
  if (!map.IsDefined() || map.IsNull()) return {};
  if (!map.IsMap()) return ErrorAt(map, parent_field, "expected a mapping of 'key: value' lines");
  for (const auto& kv : map) {
    const std::string key = kv.first.IsScalar() ? kv.first.Scalar() : std::string("?");
    bool known = false;
    for (const auto& a : allowed) known = known || a == key;
    if (known) continue;
    auto s = SuggestName(key, allowed, 3);
    std::string msg = "unknown key '" + key;
    msg += s.empty() ? "' (allowed: " + Join(allowed, ", ") + ")" : "' — did you mean '" + s.front() + "'?";
    return ErrorAt(kv.first, JoinField(parent_field, key), msg);
  }
  return {};
}

}  // namespace foreprint
