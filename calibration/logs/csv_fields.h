// csv_fields.h — one CSV record from one line, for the log readers (which stream line by line).
//
// Splits on `delimiter` outside double quotes; "" inside quotes is a quote. Fields are trimmed of
// surrounding spaces (nvidia-smi writes ", "). An unterminated quote is an error.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "estimator/error.h"

namespace foreprint {

Result<std::vector<std::string>> SplitCsvLine(std::string_view line, char delimiter = ',');

// Header name → column index, with names trimmed and lower-cased.
class CsvHeader {
 public:
  explicit CsvHeader(const std::vector<std::string>& names);
  std::optional<size_t> Find(const std::string& name) const;  // case-insensitive
  size_t size() const { return size_; }
  const std::vector<std::string>& names() const { return names_; }

 private:
  std::map<std::string, size_t> index_;
  std::vector<std::string> names_;
  size_t size_ = 0;
};

// Parses a finite number (plain decimal or exponent); trailing unit text such as " W" is allowed
// when `allow_unit` is set. nullopt for empty, "nan", "N/A", "[Not Supported]" and the like.
std::optional<double> ParseLogNumber(std::string_view s, bool allow_unit = false);

}  // namespace foreprint
