// params_yaml.h — the YAML pieces both parameter files share (calibration/fitted.yaml and
// calibration/serving_fitted.yaml): maps of named numbers, quoted strings, the covariance block
// (names plus a text block of n rows of n numbers: parsing hundreds of YAML nodes would dominate
// the start-up time of every estimate) and the sources map.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "core/error.h"
#include "core/yaml_reader.h"

namespace foreprint {

// `name: value` pairs of a mapping node (absent or null: empty).
Result<std::map<std::string, double>> ReadNumberMap(const YamlReader& r, const YAML::Node& n, const std::string& field);

// `name: "text"` pairs (absent or not a mapping: nothing is read).
Status ReadSourceMap(const YamlReader& r, const YAML::Node& src, std::map<std::string, std::string>& out);

// A double-quoted YAML string with `"` and `\` escaped.
std::string QuoteYaml(const std::string& s);

struct Covariance {
  std::vector<std::string> names;
  std::vector<std::vector<double>> matrix;  // same order as names
};

// Reads {names: [...], matrix: | ...}: n names, then n rows of n numbers, or the lower triangle
// (row i holds i numbers, 1-based) of a symmetric matrix.
Result<Covariance> ReadCovariance(const YamlReader& r, const YAML::Node& cov);

// `text` without the top-level key `key` and its indented lines (from "key:" at column 0 to the next
// line that starts in column 0 with something else). A reader that needs no covariance skips the
// block this way: it is most of a parameter file, and YAML parsing costs per character.
std::string WithoutTopLevelKey(const std::string& text, const std::string& key);

// Writes the block ReadCovariance reads ("covariance:" and its two keys), or nothing when empty.
// Numbers round-trip exactly unless `significant_digits` > 0; `lower_triangle` writes half the
// symmetric matrix (fewer digits and half the numbers: a faster start-up where the matrix only sets
// interval widths).
std::string CovarianceYaml(const Covariance& c, int significant_digits = 0, bool lower_triangle = false);

}  // namespace foreprint
