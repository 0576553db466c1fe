// csv_log.h — what every CSV log reader shares: finds the header (and its delimiter), streams the
// data rows, and skips — with a file:line warning — rows that do not split or do not have as many
// fields as the header (shifted columns are never read by position).
//
// A line that repeats the header (logs appended to each other) is not data; a different header in
// the middle of the file (the tracker was upgraded between runs) replaces the current one from
// there on, and header_version() changes so readers re-resolve their columns. A header is
// recognised by its key columns (SetKeyColumns). Semicolon- or tab-separated re-exports are read
// too, with decimal commas when the delimiter is ';'.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "calibration/logs/csv_fields.h"
#include "calibration/logs/line_reader.h"
#include "calibration/logs/log_summary.h"

namespace foreprint {

class CsvLog {
 public:
  CsvLog(LineReader& in, LogSummary& summary) : in_(in), s_(summary) {}

  // Reads the first non-empty line as the header. `empty_message` is the error for an empty file.
  Status ReadHeader(const std::string& empty_message);
  // For headerless logs: `names` become the header and the line ReadHeader read is the first row.
  void UseHeaderlessNames(std::vector<std::string> names);
  // Names (lower case) that identify a header line of this format; all must be present.
  void SetKeyColumns(std::vector<std::string> names) { keys_ = std::move(names); }
  // Appended to the "row has N fields" warning (e.g. a known writer bug).
  void SetMismatchHint(std::string hint) { hint_ = std::move(hint); }

  // The next data row; false at the end of the file.
  bool NextRow();
  const std::vector<std::string>& fields() const { return fields_; }
  const CsvHeader& header() const { return *header_; }
  int header_version() const { return version_; }
  int line() const { return in_.line_number(); }
  char delimiter() const { return delimiter_; }
  // The error for a file whose rows were all skipped (or that had none).
  Error NoRows() const;

 private:
  bool IsHeader() const;
  void Skip(const std::string& why);
  void WarnDuplicates();

  LineReader& in_;
  LogSummary& s_;
  std::optional<CsvHeader> header_;
  std::vector<std::string> keys_, fields_;
  std::string hint_, line_;
  char delimiter_ = ',';
  int version_ = 0, header_line_ = 0;
  bool warn_duplicates_ = false;
  bool replay_first_ = false;  // NextRow returns the header line's fields first (headerless logs)
};

}  // namespace foreprint
