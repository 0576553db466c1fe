#include "calibration/logs/csv_fields.h"

#include <cmath>
#include <cstdlib>

#include "estimator/text.h"

namespace foreprint {

Result<std::vector<std::string>> SplitCsvLine(std::string_view line, char delimiter) {
  std::vector<std::string> out;
  std::string field;
  bool quoted = false, was_quoted = false;
  for (size_t i = 0; i < line.size(); ++i) {
    char c = line[i];
    if (quoted) {
      if (c == '"') {
        if (i + 1 < line.size() && line[i + 1] == '"') {
          field += '"';
          ++i;
        } else {
          quoted = false;
        }
      } else {
        field += c;
      }
    } else if (c == '"' && Trim(field).empty()) {
      quoted = was_quoted = true;
      field.clear();
    } else if (c == delimiter) {
      out.push_back(was_quoted ? field : Trim(field));
      field.clear();
      was_quoted = false;
    } else {
      field += c;
    }
  }
  if (quoted) return MakeError("unterminated quoted field");
  out.push_back(was_quoted ? field : Trim(field));
  return out;
}

CsvHeader::CsvHeader(const std::vector<std::string>& names) : size_(names.size()) {
  for (size_t i = 0; i < names.size(); ++i) {
    std::string key = ToLower(Trim(names[i]));
    names_.push_back(key);
    index_.emplace(key, i);  // the first of duplicate names wins
  }
}

std::optional<size_t> CsvHeader::Find(const std::string& name) const {
  auto it = index_.find(ToLower(name));
  if (it == index_.end()) return std::nullopt;
  return it->second;
}

std::optional<double> ParseLogNumber(std::string_view s, bool allow_unit) {
  std::string t = Trim(s);
  if (t.empty()) return std::nullopt;
  const char* b = t.c_str();
  char* e = nullptr;
  double v = std::strtod(b, &e);
  if (e == b || !std::isfinite(v)) return std::nullopt;
  for (const char* p = b; p < e; ++p) {  // refuse hex floats, "inf", "nan"
    if (!(std::isdigit(static_cast<unsigned char>(*p)) || *p == '.' || *p == '-' || *p == '+' || *p == 'e' ||
          *p == 'E')) {
      return std::nullopt;
    }
  }
  std::string rest = Trim(std::string_view(e));
  if (!rest.empty() && !allow_unit) return std::nullopt;
  if (!rest.empty() && !std::isalpha(static_cast<unsigned char>(rest[0])) && rest[0] != '%') return std::nullopt;
  return v;
}

}  // namespace foreprint
