#include "core/csv.h"

namespace foreprint {

Result<CsvTable> CsvTable::Parse(const std::string& text, const std::string& file) {
  CsvTable t;
  t.file_ = file;
  size_t i = 0;
  if (text.compare(0, 3, "\xEF\xBB\xBF") == 0) i = 3;
  int line = 1;
  std::vector<std::vector<std::string>> records;
  std::vector<int> starts;
  std::vector<std::string> rec;
  std::string field;
  bool in_quotes = false, field_started = false;
  int rec_line = 1;
  auto end_field = [&] {
    rec.push_back(field);
    field.clear();
    field_started = false;
  };
  auto end_record = [&] {
    end_field();
    bool blank = rec.size() == 1 && rec[0].empty();
    if (!blank) {
      records.push_back(rec);
      starts.push_back(rec_line);
    }
    rec.clear();
  };
  for (; i < text.size(); ++i) {
    char c = text[i];
    if (in_quotes) {
      if (c == '"') {
        if (i + 1 < text.size() && text[i + 1] == '"') {
          field += '"';
          ++i;
        } else {
          in_quotes = false;
        }
      } else {
        if (c == '\n') ++line;
        field += c;
      }
      continue;
    }
    if (c == '"' && !field_started) {
      in_quotes = true;
      field_started = true;
    } else if (c == ',') {
      end_field();
    } else if (c == '\r' || c == '\n') {
      if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') ++i;
      end_record();
      ++line;
      rec_line = line;
    } else {
      field += c;
      field_started = true;
    }
  }
  if (in_quotes) {
    Error e = MakeError("unterminated quoted field");
    return e.At(file, rec_line);
  }
  if (field_started || !rec.empty()) end_record();
  if (records.empty()) {
    Error e = MakeError("empty CSV file: expected a header line");
    return e.At(file, 1);
  }
  t.header_ = records[0];
  for (size_t r = 1; r < records.size(); ++r) {
    if (records[r].size() != t.header_.size()) {
      Error e = MakeError("expected " + std::to_string(t.header_.size()) + " fields, found " +
                          std::to_string(records[r].size()));
      return e.At(file, starts[r]);
    }
    t.rows_.push_back(std::move(records[r]));
    t.lines_.push_back(starts[r]);
  }
  return t;
}

std::optional<size_t> CsvTable::Column(const std::string& name) const {
  for (size_t c = 0; c < header_.size(); ++c) if (header_[c] == name) return c;
  return std::nullopt;
}

const std::string& CsvTable::Get(size_t row, const std::string& column) const {
  static const std::string kEmpty;
  auto c = Column(column);
  return c ? rows_[row][*c] : kEmpty;
}

Error CsvTable::ErrorAt(size_t row, const std::string& column, const std::string& message) const {
  Error e = MakeError(message);
  e.At(file_, row < lines_.size() ? lines_[row] : 0);
  if (!column.empty()) e.Field(column);
  return e;
}

}  // namespace foreprint
