// yaml_reader.h — the one boundary to yaml-cpp.
//
// Parses a document and reads typed fields; every failure becomes an Error carrying the file,
// 1-based line and column of the offending node, and the dotted field path. No yaml-cpp exception
// escapes this file. Missing keys are reported at their parent mapping's position; an unclosed '['
// or '{' at the bracket that opens it (core/yaml_flow_scan.h), with where yaml-cpp noticed it.
#pragma once

#include <yaml-cpp/yaml.h>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.h"

namespace foreprint {

class YamlReader {
 public:
  static Result<YamlReader> Parse(const std::string& text, std::string file);

  const YAML::Node& root() const { return root_; }
  const std::string& file() const { return file_; }

  // An error located at `node` (or at its parent when `node` is undefined).
  Error ErrorAt(const YAML::Node& node, std::string_view field, std::string message) const;

  // Child lookup that never throws: an undefined node when absent or `map` isn't a mapping.
  static YAML::Node Child(const YAML::Node& map, std::string_view key);
  // True when the node exists and is not null (an optional key that was given).
  static bool Present(const YAML::Node& n) { return n.IsDefined() && !n.IsNull(); }

  // Typed reads of a scalar node. `field` names it in errors.
  Result<std::string> String(const YAML::Node& node, std::string_view field) const;
  Result<double> Number(const YAML::Node& node, std::string_view field) const;
  Result<long long> Integer(const YAML::Node& node, std::string_view field) const;
  Result<std::vector<std::string>> StringList(const YAML::Node& node, std::string_view field) const;

  // Required child of a mapping, or an error at the mapping: "missing required key 'device'".
  Result<YAML::Node> Require(const YAML::Node& map, std::string_view key, std::string_view parent_field) const;

  // A required, non-empty scalar string child of `map`.
  Result<std::string> RequiredString(const YAML::Node& map, std::string_view key, std::string_view parent) const;
  // A number within [lo, hi]; out of range is an error naming the range.
  Result<double> NumberInRange(const YAML::Node& node, std::string_view field, double lo, double hi) const;
  // An optional number child of `map` within [lo, hi]: nullopt when absent or null.
  Result<std::optional<double>> OptionalNumber(const YAML::Node& map, std::string_view key, std::string_view parent,
                                               double lo, double hi) const;
  Result<double> RequiredNumber(const YAML::Node& map, std::string_view key, std::string_view parent, double lo,
                                double hi) const;

  // Errors on keys of `map` not in `allowed`, suggesting the closest allowed key.
  Status CheckKeys(const YAML::Node& map, const std::vector<std::string>& allowed,
                   std::string_view parent_field) const;

 private:
  YamlReader(YAML::Node root, std::string file) : root_(std::move(root)), file_(std::move(file)) {}
  YAML::Node root_;
  std::string file_;
};

// "a.b" from a parent path and a key (no leading dot when the parent is empty).
std::string JoinField(std::string_view parent, std::string_view key);

}  // namespace foreprint
