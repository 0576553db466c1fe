// line_reader.h — reads a text log line by line in bounded memory.
//
// Accepts UTF-8 with or without a BOM and LF, CRLF or CR CR LF line ends (trailing CRs are
// dropped); a file that uses lone CRs is split on them. Lines longer than 1 MiB are cut there and
// reported through `Truncated()`. Line numbers are 1-based.
#pragma once

#include <fstream>
#include <string>

#include "estimator/error.h"

namespace foreprint {

class LineReader {
 public:
  static Result<LineReader> Open(const std::string& path);
  // For tests and in-memory text.
  static LineReader FromString(std::string text);

  // The next line without its terminator; false at the end of the input.
  bool Next(std::string* line);
  int line_number() const { return line_number_; }
  bool Truncated() const { return truncated_; }  // the last line returned was cut at the limit
  bool BinaryLooking() const { return binary_; } // NUL bytes seen so far

  static constexpr size_t kMaxLine = 1 << 20;

 private:
  LineReader() = default;
  bool Fill();
  std::ifstream in_;
  std::string buffer_;
  size_t pos_ = 0;
  bool eof_ = false, first_ = true, truncated_ = false, binary_ = false, cr_only_ = false;
  int line_number_ = 0;
};

}  // namespace foreprint
