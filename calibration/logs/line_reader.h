// line_reader.h — reads a text log line by line in bounded memory.
//
// Accepts UTF-8 with or without a BOM, and UTF-16 (LE or BE) with a BOM — what Windows PowerShell's
// `>` writes — which is converted to UTF-8. Line ends may be LF, CRLF or CR CR LF (trailing CRs are
// dropped); a file that uses lone CRs is split on them. Lines longer than 1 MiB are cut there and
// reported through `Truncated()`; the rest of such a line is skipped. Line numbers are 1-based.
// Memory: one 64 KiB chunk plus the current line.
#pragma once

#include <fstream>
#include <string>

#include "core/error.h"

namespace foreprint {

class LineReader {
 public:
  static Result<LineReader> Open(const std::string& path);
  // For tests and in-memory text (the bytes of a file, BOM and all).
  static LineReader FromString(std::string text);

  // The next line without its terminator; false at the end of the input.
  bool Next(std::string* line);
  int line_number() const { return line_number_; }
  bool Truncated() const { return truncated_; }   // the last line returned was cut at the limit
  bool BinaryLooking() const { return binary_; }  // NUL characters seen so far
  bool Utf16() const { return encoding_ != Encoding::kUtf8; }

  static constexpr size_t kMaxLine = 1 << 20;

 private:
  enum class Encoding { kUtf8, kUtf16Le, kUtf16Be };
  LineReader() = default;
  bool Fill();                                      // appends decoded text to buffer_
  size_t ReadRaw(char* out, size_t n);              // from the file or the in-memory text
  void AppendDecoded(const char* raw, size_t n);    // UTF-8 passes through; UTF-16 is converted
  void AppendCodePoint(unsigned cp);

  std::ifstream in_;
  bool from_string_ = false;
  std::string text_;  // FromString input
  size_t text_pos_ = 0;

  Encoding encoding_ = Encoding::kUtf8;
  std::string pending_;      // UTF-16 bytes not yet decoded (an odd byte)
  unsigned high_surrogate_ = 0;

  std::string buffer_;
  size_t pos_ = 0;
  bool eof_ = false, first_ = true, truncated_ = false, binary_ = false, cr_only_ = false;
  int line_number_ = 0;
};

}  // namespace foreprint
