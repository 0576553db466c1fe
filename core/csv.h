// csv.h — RFC 4180 CSV for foreprint's own data tables (runs, profiles, OpenCarbonEval table).
//
// Handles quoted fields with commas, quotes and newlines, CRLF/CR line ends and a UTF-8 BOM.
// Columns are found by header name. Errors name the file and line.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/error.h"

namespace foreprint {

class CsvTable {
 public:
  static Result<CsvTable> Parse(const std::string& text, const std::string& file);

  const std::vector<std::string>& header() const { return header_; }
  size_t rows() const { return rows_.size(); }
  // Index of a column by exact header name.
  std::optional<size_t> Column(const std::string& name) const;
  const std::string& Cell(size_t row, size_t column) const { return rows_[row][column]; }
  // Cell by header name; empty when the column is absent.
  const std::string& Get(size_t row, const std::string& column) const;
  int LineOf(size_t row) const { return lines_[row]; }  // 1-based line where the row starts
  const std::string& file() const { return file_; }

  // Error located at a row: "file:line: column: message".
  Error ErrorAt(size_t row, const std::string& column, const std::string& message) const;

 private:
  std::vector<std::string> header_;
  std::vector<std::vector<std::string>> rows_;
  std::vector<int> lines_;
  std::string file_;
};

}  // namespace foreprint
