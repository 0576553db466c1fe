#include "calibration/logs/line_reader.h"

#include <algorithm>
#include <cstring>

namespace foreprint {
namespace {
constexpr size_t kChunk = 1 << 16;
constexpr unsigned kReplacement = 0xFFFD;
}  // namespace

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
  r.from_string_ = true;
  r.text_ = std::move(text);
  return r;
}

size_t LineReader::ReadRaw(char* out, size_t n) {
  if (from_string_) {
    const size_t k = std::min(n, text_.size() - text_pos_);
    std::memcpy(out, text_.data() + text_pos_, k);
    text_pos_ += k;
    return k;
  }
  in_.read(out, static_cast<std::streamsize>(n));
  const std::streamsize got = in_.gcount();
  return got > 0 ? static_cast<size_t>(got) : 0;
}

void LineReader::AppendCodePoint(unsigned cp) {
  if (cp < 0x80) {
    buffer_ += static_cast<char>(cp);
  } else if (cp < 0x800) {
    buffer_ += static_cast<char>(0xC0 | (cp >> 6));
    buffer_ += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    buffer_ += static_cast<char>(0xE0 | (cp >> 12));
    buffer_ += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    buffer_ += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    buffer_ += static_cast<char>(0xF0 | (cp >> 18));
    buffer_ += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    buffer_ += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    buffer_ += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

void LineReader::AppendDecoded(const char* raw, size_t n) {
  if (encoding_ == Encoding::kUtf8) {
    buffer_.append(raw, n);
    return;
  }
  const bool le = encoding_ == Encoding::kUtf16Le;
  auto unit = [le](unsigned char a, unsigned char b) { return le ? (b << 8 | a) : (a << 8 | b); };
  auto take = [this](unsigned u) {
    if (high_surrogate_) {
      const unsigned hs = high_surrogate_;
      high_surrogate_ = 0;
      if (u >= 0xDC00 && u <= 0xDFFF) {
        AppendCodePoint(0x10000 + ((hs - 0xD800) << 10) + (u - 0xDC00));
        return;
      }
      AppendCodePoint(kReplacement);  // a high surrogate without its pair
    }
    if (u >= 0xD800 && u <= 0xDBFF) high_surrogate_ = u;
    else if (u >= 0xDC00 && u <= 0xDFFF) AppendCodePoint(kReplacement);
    else AppendCodePoint(u);
  };
  size_t i = 0;
  if (!pending_.empty() && n > 0) {
    take(unit(static_cast<unsigned char>(pending_[0]), static_cast<unsigned char>(raw[0])));
    pending_.clear();
    i = 1;
  }
  for (; i + 1 < n; i += 2) take(unit(static_cast<unsigned char>(raw[i]), static_cast<unsigned char>(raw[i + 1])));
  if (i < n) pending_.assign(1, raw[i]);
}

bool LineReader::Fill() {
  if (eof_) return false;
  if (pos_ > 0) {
    buffer_.erase(0, pos_);
    pos_ = 0;
  }
  char chunk[kChunk];
  const size_t n = ReadRaw(chunk, kChunk);
  const size_t before = buffer_.size();
  if (n == 0) {
    eof_ = true;
    if (!pending_.empty() || high_surrogate_) {  // a UTF-16 file cut mid-character
      pending_.clear();
      high_surrogate_ = 0;
      AppendCodePoint(kReplacement);
    }
    return buffer_.size() > before;
  }
  size_t start = 0;
  if (first_) {
    const auto* u = reinterpret_cast<const unsigned char*>(chunk);
    if (n >= 3 && u[0] == 0xEF && u[1] == 0xBB && u[2] == 0xBF) {
      start = 3;
    } else if (n >= 2 && u[0] == 0xFF && u[1] == 0xFE) {
      encoding_ = Encoding::kUtf16Le;
      start = 2;
    } else if (n >= 2 && u[0] == 0xFE && u[1] == 0xFF) {
      encoding_ = Encoding::kUtf16Be;
      start = 2;
    }
    first_ = false;
  }
  AppendDecoded(chunk + start, n - start);
  if (std::memchr(buffer_.data() + before, '\0', buffer_.size() - before)) binary_ = true;
  return true;
}

bool LineReader::Next(std::string* line) {
  truncated_ = false;
  if (line_number_ == 0 && pos_ == 0 && buffer_.empty()) {
    // A file with CRs but no LF in its first 64 KiB uses lone CRs as line ends.
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
