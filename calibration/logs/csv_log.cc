#include "calibration/logs/csv_log.h"

#include "calibration/logs/log_text.h"
#include "core/text.h"

namespace foreprint {
namespace {

// "0,25" → "0.25" (a decimal comma, only in semicolon-separated files).
void FixDecimalComma(std::string* f) {
  const size_t comma = f->find(',');
  if (comma == std::string::npos || comma == 0 || comma + 1 == f->size()) return;
  for (size_t i = 0; i < f->size(); ++i) {
    const char c = (*f)[i];
    if (!(std::isdigit(static_cast<unsigned char>(c)) || (i == comma) || (i == 0 && (c == '-' || c == '+')))) return;
  }
  (*f)[comma] = '.';
}

std::string DelimiterName(char d) { return d == '\t' ? "tabs" : d == ';' ? "';'" : "','"; }

}  // namespace

Status CsvLog::ReadHeader(const std::string& empty_message) {
  while (in_.Next(&line_)) {
    if (Trim(line_).empty()) continue;
    if (in_.BinaryLooking()) {
      Error e = MakeError("this looks like a binary file, not a tracker log");
      return e.At(s_.file, in_.line_number());
    }
    delimiter_ = DetectDelimiter(line_);
    Status st = SplitCsvLine(line_, delimiter_, &fields_);
    if (!st || in_.Truncated()) {
      Error e = MakeError("header: " + (st ? std::string("line longer than 1 MiB") : st.error().message));
      return e.At(s_.file, in_.line_number());
    }
    header_.emplace(fields_);
    ++version_;
    if (delimiter_ != ',') s_.Warn(in_.line_number(), "fields are separated by " + DelimiterName(delimiter_) + ", not commas");
    header_line_ = in_.line_number();
    warn_duplicates_ = true;  // at the first row: a headerless log's first row is no header
    return {};
  }
  Error e = MakeError(empty_message);
  return e.At(s_.file);
}

bool CsvLog::IsHeader() const {
  if (keys_.empty()) return false;
  for (const auto& k : keys_) {
    bool found = false;
    for (const auto& f : fields_) {
      if (f.size() == k.size() && ToLower(f) == k) {
        found = true;
        break;
      }
    }
    if (!found) return false;
  }
  return true;
}

void CsvLog::Skip(const std::string& why) {
  s_.Warn(in_.line_number(), why);
  ++s_.skipped_rows;
}

void CsvLog::WarnDuplicates() {
  if (!warn_duplicates_) return;
  warn_duplicates_ = false;
  for (const auto& d : header_->duplicates()) {
    s_.Warn(header_line_, "column '" + Snippet(d) + "' appears twice in the header: the first is used");
  }
}

void CsvLog::UseHeaderlessNames(std::vector<std::string> names) {
  warn_duplicates_ = false;
  std::vector<std::string> first = fields_;
  header_.emplace(std::move(names));
  ++version_;
  fields_ = std::move(first);
  replay_first_ = fields_.size() == header_->size();
}

bool CsvLog::NextRow() {
  WarnDuplicates();
  if (replay_first_) {
    replay_first_ = false;
    if (delimiter_ == ';') {
      for (auto& f : fields_) FixDecimalComma(&f);
    }
    return true;
  }
  while (in_.Next(&line_)) {
    if (line_.empty() || Trim(line_).empty()) continue;
    if (in_.Truncated()) {
      Skip("line longer than 1 MiB: skipped");
      continue;
    }
    Status st = SplitCsvLine(line_, delimiter_, &fields_);
    if (!st) {
      Skip(st.error().message + ": row skipped");
      continue;
    }
    if (IsHeader()) {
      CsvHeader h(fields_);
      if (h.names() != header_->names()) {
        s_.Warn(in_.line_number(), "a new header: columns are mapped by its names from here on");
        header_.emplace(std::move(h));
        ++version_;
      }
      continue;
    }
    // Trailing empty fields (a trailing delimiter) do not shift anything.
    while (fields_.size() > header_->size() && fields_.back().empty()) fields_.pop_back();
    if (fields_.size() != header_->size()) {
      Skip("row has " + std::to_string(fields_.size()) + " fields, the header " + std::to_string(header_->size()) +
           ": skipped (columns would be misread" + hint_ + ")");
      continue;
    }
    if (delimiter_ == ';') {
      for (auto& f : fields_) FixDecimalComma(&f);
    }
    return true;
  }
  return false;
}

Error CsvLog::NoRows() const {
  Error e = MakeError(s_.skipped_rows ? "no row could be read (" + std::to_string(s_.skipped_rows) + " skipped)"
                                      : "header only: the log has no rows");
  return e.At(s_.file);
}

}  // namespace foreprint
