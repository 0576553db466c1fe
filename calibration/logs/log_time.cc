#include "calibration/logs/log_time.h"

#include <cmath>
#include <string>

#include "calibration/logs/csv_fields.h"
#include "estimator/text.h"
#include "estimator/utc_time.h"

namespace foreprint {
namespace {

bool Digits(const std::string& s, size_t pos, size_t n, int* out) {
  if (pos + n > s.size()) return false;
  int v = 0;
  for (size_t i = pos; i < pos + n; ++i) {
    if (s[i] < '0' || s[i] > '9') return false;
    v = v * 10 + (s[i] - '0');
  }
  *out = v;
  return true;
}

}  // namespace

std::optional<double> ParseLogTimeSeconds(std::string_view text) {
  std::string s = Trim(text);
  if (s.empty()) return std::nullopt;
  // Epoch seconds: digits and one dot only.
  if (s.find_first_not_of("0123456789.") == std::string::npos) {
    auto v = ParseLogNumber(s);
    if (v && *v > 1e8 && *v < 1e11) return v;  // 1973 … 5138
    return std::nullopt;
  }
  int y, mo, d, h = 0, mi = 0, sec = 0;
  if (!Digits(s, 0, 4, &y) || s.size() < 10 || (s[4] != '-' && s[4] != '/') || !Digits(s, 5, 2, &mo) ||
      s[7] != s[4] || !Digits(s, 8, 2, &d)) {
    return std::nullopt;
  }
  if (mo < 1 || mo > 12 || d < 1 || d > 31) return std::nullopt;
  double frac = 0;
  size_t p = 10;
  if (p < s.size() && (s[p] == 'T' || s[p] == ' ')) {
    if (!Digits(s, p + 1, 2, &h) || p + 3 >= s.size() || s[p + 3] != ':' || !Digits(s, p + 4, 2, &mi)) {
      return std::nullopt;
    }
    p += 6;
    if (p < s.size() && s[p] == ':') {
      if (!Digits(s, p + 1, 2, &sec)) return std::nullopt;
      p += 3;
      if (p < s.size() && s[p] == '.') {
        size_t q = p + 1;
        double scale = 0.1;
        while (q < s.size() && std::isdigit(static_cast<unsigned char>(s[q]))) {
          frac += (s[q] - '0') * scale;
          scale /= 10;
          ++q;
        }
        p = q;
      }
    }
  }
  if (h > 23 || mi > 59 || sec > 60) return std::nullopt;
  return HoursFromCivil(y, mo, d, 0) * 3600.0 + h * 3600.0 + mi * 60.0 + sec + frac;
}

std::optional<double> ParseClockDuration(std::string_view text) {
  std::string s = Trim(text);
  double days = 0;
  size_t comma = s.find(',');
  if (comma != std::string::npos) {
    auto d = ParseLogNumber(s.substr(0, s.find(' ')));
    if (!d) return std::nullopt;
    days = *d;
    s = Trim(s.substr(comma + 1));
  }
  double parts[3] = {0, 0, 0};
  int n = 0;
  size_t start = 0;
  while (n < 3) {
    size_t colon = s.find(':', start);
    auto v = ParseLogNumber(s.substr(start, colon == std::string::npos ? std::string::npos : colon - start));
    if (!v || *v < 0) return std::nullopt;
    parts[n++] = *v;
    if (colon == std::string::npos) break;
    start = colon + 1;
  }
  if (n != 3) return std::nullopt;
  return days * 86400 + parts[0] * 3600 + parts[1] * 60 + parts[2];
}

}  // namespace foreprint
