#include "calibration/logs/line_reader.h"

#include <cstring>

namespace foreprint {
namespace {
constexpr size_t kChunk = 1 << 16;
}

Result<LineReader> LineReader::Open(const std::string& path) {
  LineReader r;
  r.in_.open(path, std::ios::binary);
  if (!r.in_) {
    Error e = MakeError("cannot open file (does it exist and is it readable?)");
    return e.At(path);
  }
  return r;
}

LineReader LineReader::FromString(std::string text) {
  LineReader r;
  r.buffer_ = std::move(text);
  r.eof_ = true;
  return r;
}

bool LineReader::Fill() {
  if (eof_) return false;
  if (pos_ > 0) {
    buffer_.erase(0, pos_);
    pos_ = 0;
  }
  char chunk[kChunk];
  in_.read(chunk, kChunk);
  std::streamsize n = in_.gcount();
  if (n <= 0) {
    eof_ = true;
    return false;
  }
  if (std::memchr(chunk, '\0', static_cast<size_t>(n))) binary_ = true;
  buffer_.append(chunk, static_cast<size_t>(n));
  if (in_.eof()) eof_ = true;
  return true;
}

bool LineReader::Next(std::string* line) {
  truncated_ = false;
  if (first_) {
    first_ = false;
    while (buffer_.size() < 3 && Fill()) {
    }
    if (buffer_.compare(0, 3, "\xEF\xBB\xBF") == 0) pos_ = 3;
    // A file with CRs but no LF in its first chunk uses lone CRs as line ends.
    while (buffer_.size() - pos_ < kChunk && Fill()) {
    }
    cr_only_ = buffer_.find('\n', pos_) == std::string::npos && buffer_.find('\r', pos_) != std::string::npos;
  }
  const char sep = cr_only_ ? '\r' : '\n';
  size_t end;
  while ((end = buffer_.find(sep, pos_)) == std::string::npos) {
    if (buffer_.size() - pos_ > kMaxLine) break;
    if (!Fill()) break;
  }
  if (end == std::string::npos && pos_ >= buffer_.size()) return false;
  size_t stop = end == std::string::npos ? buffer_.size() : end;
  if (stop - pos_ > kMaxLine) {
    stop = pos_ + kMaxLine;
    truncated_ = true;
  }
  line->assign(buffer_, pos_, stop - pos_);
  while (!line->empty() && line->back() == '\r') line->pop_back();
  ++line_number_;
  if (truncated_) {
    // Skip the rest of the over-long line.
    size_t next;
    while ((next = buffer_.find(sep, stop)) == std::string::npos) {
      pos_ = buffer_.size();
      stop = 0;
      if (!Fill()) return true;
    }
    pos_ = next + 1;
  } else {
    pos_ = end == std::string::npos ? buffer_.size() : end + 1;
  }
  return true;
}

}  // namespace foreprint
