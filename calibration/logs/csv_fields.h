// csv_fields.h — one CSV record from one line, for the log readers (which stream line by line).
//
// Splits on `delimiter` outside double quotes; "" inside quotes is a quote. Fields are trimmed of
// surrounding spaces (nvidia-smi writes ", "). An unterminated quote is an error. Headers are looked
// up by name (trimmed, case-insensitive), never by position.
#pragma once

#include <initializer_list>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.h"

namespace foreprint {

// Splits into `out`, reusing its strings (the readers' hot path).
Status SplitCsvLine(std::string_view line, char delimiter, std::vector<std::string>* out);
Result<std::vector<std::string>> SplitCsvLine(std::string_view line, char delimiter = ',');

// The delimiter of a header line: ',' unless the line has no comma outside quotes but does have
// semicolons or tabs (a spreadsheet's re-export).
char DetectDelimiter(std::string_view header_line);

// Header name → column index, with names trimmed and lower-cased.
class CsvHeader {
 public:
  explicit CsvHeader(const std::vector<std::string>& names);
  std::optional<size_t> Find(std::string_view name) const;  // case-insensitive
  // The first of `names` (in that order of preference) that the header has.
  std::optional<size_t> FindAny(std::initializer_list<std::string_view> names) const;
  size_t size() const { return names_.size(); }
  const std::vector<std::string>& names() const { return names_; }
  const std::vector<std::string>& duplicates() const { return duplicates_; }  // names seen twice

 private:
  std::map<std::string, size_t, std::less<>> index_;
  std::vector<std::string> names_, duplicates_;
};

// The field at `column`, or "" when the column is absent.
inline const std::string& FieldAt(const std::vector<std::string>& fields, std::optional<size_t> column) {
  static const std::string kEmpty;
  return column && *column < fields.size() ? fields[*column] : kEmpty;
}

// Parses a finite number (plain decimal or exponent); trailing unit text such as " W" is allowed
// when `allow_unit` is set. nullopt for empty, "nan", "N/A", "[Not Supported]" and the like.
std::optional<double> ParseLogNumber(std::string_view s, bool allow_unit = false);

}  // namespace foreprint
