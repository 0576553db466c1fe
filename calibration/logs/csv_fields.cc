#include "calibration/logs/csv_fields.h"

#include <cmath>
#include <cstdlib>

#include "core/text.h"

namespace foreprint {
namespace {

bool Space(char c) { return c == ' ' || c == '\t'; }

void TrimInPlace(std::string* s) {
  size_t b = 0, e = s->size();
  while (b < e && Space((*s)[b])) ++b;
  while (e > b && Space((*s)[e - 1])) --e;
  if (b > 0 || e < s->size()) *s = s->substr(b, e - b);
}

}  // namespace

Status SplitCsvLine(std::string_view line, char delimiter, std::vector<std::string>* out) {
  size_t n = 0;
  auto next = [&]() -> std::string& {
    if (n == out->size()) out->emplace_back();
    std::string& f = (*out)[n++];
    f.clear();
    return f;
  };
  std::string* field = &next();
  bool quoted = false, was_quoted = false, blank = true;
  for (size_t i = 0; i < line.size(); ++i) {
    const char c = line[i];
    if (quoted) {
      if (c == '"') {
        if (i + 1 < line.size() && line[i + 1] == '"') {
          *field += '"';
          ++i;
        } else {
          quoted = false;
        }
      } else {
        *field += c;
      }
    } else if (c == '"' && blank) {
      quoted = was_quoted = true;
      blank = false;
      field->clear();
    } else if (c == delimiter) {
      if (!was_quoted) TrimInPlace(field);
      field = &next();
      was_quoted = false;
      blank = true;
    } else {
      if (!Space(c)) blank = false;
      *field += c;
    }
  }
  if (quoted) {
    out->resize(n);
    return MakeError("unterminated quoted field");
  }
  if (!was_quoted) TrimInPlace(field);
  out->resize(n);
  return {};
}

Result<std::vector<std::string>> SplitCsvLine(std::string_view line, char delimiter) {
  std::vector<std::string> out;
  Status st = SplitCsvLine(line, delimiter, &out);
  if (!st) return st.error();
  return out;
}

char DetectDelimiter(std::string_view header_line) {
  size_t comma = 0, semicolon = 0, tab = 0;
  bool quoted = false;
  for (char c : header_line) {
    if (c == '"') quoted = !quoted;
    if (quoted) continue;
    comma += c == ',';
    semicolon += c == ';';
    tab += c == '\t';
  }
  if (comma > 0) return ',';
  if (semicolon >= tab && semicolon > 0) return ';';
  if (tab > 0) return '\t';
  return ',';
}

CsvHeader::CsvHeader(const std::vector<std::string>& names) {
  for (size_t i = 0; i < names.size(); ++i) {
    std::string key = ToLower(Trim(names[i]));
    names_.push_back(key);
    if (!index_.emplace(key, i).second && !key.empty()) duplicates_.push_back(key);  // the first wins
  }
}

std::optional<size_t> CsvHeader::Find(std::string_view name) const {
  auto it = index_.find(ToLower(name));
  if (it == index_.end()) return std::nullopt;
  return it->second;
}

std::optional<size_t> CsvHeader::FindAny(std::initializer_list<std::string_view> names) const {
  for (std::string_view n : names) {
    if (auto c = Find(n)) return c;
  }
  return std::nullopt;
}

std::optional<double> ParseLogNumber(std::string_view s, bool allow_unit) {
  size_t b = 0, e = s.size();
  while (b < e && Space(s[b])) ++b;
  while (e > b && Space(s[e - 1])) --e;
  s = s.substr(b, e - b);
  if (s.empty() || s.size() > 64) return std::nullopt;
  // Only [+-]digits[.digits][e[+-]digits]: no hex floats, "inf", "nan" or locale surprises.
  size_t i = 0;
  if (s[i] == '+' || s[i] == '-') ++i;
  size_t digits = 0;
  while (i < s.size() && std::isdigit(static_cast<unsigned char>(s[i]))) ++i, ++digits;
  if (i < s.size() && s[i] == '.') {
    ++i;
    while (i < s.size() && std::isdigit(static_cast<unsigned char>(s[i]))) ++i, ++digits;
  }
  if (digits == 0) return std::nullopt;
  if (i < s.size() && (s[i] == 'e' || s[i] == 'E')) {
    size_t j = i + 1;
    if (j < s.size() && (s[j] == '+' || s[j] == '-')) ++j;
    size_t exp_digits = 0;
    while (j < s.size() && std::isdigit(static_cast<unsigned char>(s[j]))) ++j, ++exp_digits;
    if (exp_digits > 0) i = j;  // else "e" starts a unit? only with allow_unit, checked below
  }
  std::string_view rest = s.substr(i);
  while (!rest.empty() && Space(rest.front())) rest.remove_prefix(1);
  if (!rest.empty()) {
    if (!allow_unit) return std::nullopt;
    if (!std::isalpha(static_cast<unsigned char>(rest[0])) && rest[0] != '%') return std::nullopt;
  }
  char buf[72];
  s.substr(0, i).copy(buf, i);
  buf[i] = '\0';
  const double v = std::strtod(buf, nullptr);
  if (!std::isfinite(v)) return std::nullopt;
  return v;
}

}  // namespace foreprint
