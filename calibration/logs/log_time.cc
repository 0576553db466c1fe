#include "calibration/logs/log_time.h"

#include <cmath>
#include <string>

#include "calibration/logs/csv_fields.h"
#include "core/text.h"
#include "core/utc_time.h"

namespace foreprint {
namespace {

bool Digit(char c) { return c >= '0' && c <= '9'; }

// n decimal digits of s at pos.
bool Digits(const std::string& s, size_t pos, size_t n, int* out) {
  if (pos + n > s.size()) return false;
  int v = 0;
  for (size_t i = pos; i < pos + n; ++i) {
    if (!Digit(s[i])) return false;
    v = v * 10 + (s[i] - '0');
  }
  *out = v;
  return true;
}

// Epoch seconds, or milli/micro/nanoseconds told apart by magnitude (years 1973 … 5138).
std::optional<double> EpochNumber(const std::string& s) {
  auto v = ParseLogNumber(s);
  if (!v) return std::nullopt;
  for (double scale : {1.0, 1e3, 1e6, 1e9}) {
    if (*v > 1e8 * scale && *v < 1e11 * scale) return *v / scale;
  }
  return std::nullopt;
}

// "HH:MM[:SS[.fff|,fff]]" at s[p]; advances p.
bool ClockAt(const std::string& s, size_t* p, double* seconds) {
  int h, mi, sec = 0;
  size_t q = *p;
  if (!Digits(s, q, 2, &h) || q + 2 >= s.size() || s[q + 2] != ':' || !Digits(s, q + 3, 2, &mi)) {
    return false;
  }
  q += 5;
  double frac = 0;
  if (q < s.size() && s[q] == ':') {
    if (!Digits(s, q + 1, 2, &sec)) return false;
    q += 3;
    if (q < s.size() && (s[q] == '.' || s[q] == ',') && q + 1 < s.size() && Digit(s[q + 1])) {
      double scale = 0.1;
      for (++q; q < s.size() && Digit(s[q]); ++q, scale /= 10) frac += (s[q] - '0') * scale;
    }
  }
  if (h > 23 || mi > 59 || sec > 60) return false;
  *seconds = h * 3600.0 + mi * 60.0 + sec + frac;
  *p = q;
  return true;
}

// "Z", "+02:00", "-0500", " UTC" … after the clock: the offset to subtract, in seconds.
std::optional<double> ZoneAt(const std::string& s, size_t p) {
  while (p < s.size() && s[p] == ' ') ++p;
  if (p == s.size() || s[p] == 'Z' || s[p] == 'z' || std::isalpha(static_cast<unsigned char>(s[p]))) return 0.0;
  if (s[p] != '+' && s[p] != '-') return std::nullopt;
  int hh, mm = 0;
  if (!Digits(s, p + 1, 2, &hh)) return std::nullopt;
  size_t q = p + 3;
  if (q < s.size() && s[q] == ':') ++q;
  if (q < s.size() && !Digits(s, q, 2, &mm)) return std::nullopt;
  if (hh > 14 || mm > 59) return std::nullopt;
  return (s[p] == '-' ? -1.0 : 1.0) * (hh * 3600.0 + mm * 60.0);
}

bool ValidDate(int y, int mo, int d) { return y >= 1970 && y <= 9999 && mo >= 1 && mo <= 12 && d >= 1 && d <= 31; }

// "Wed Oct 30 18:42:33 2024" (also "Oct  3", and with a zone name before the year).
std::optional<double> CtimeSeconds(const std::string& s) {
  static const char* kMonths[] = {"jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"};
  std::vector<std::string> words;
  size_t i = 0;
  while (i < s.size() && words.size() < 7) {
    while (i < s.size() && s[i] == ' ') ++i;
    size_t j = s.find(' ', i);
    if (j == std::string::npos) j = s.size();
    if (j > i) words.push_back(s.substr(i, j - i));
    i = j;
  }
  if (words.size() < 5) return std::nullopt;
  int mo = 0;
  for (int k = 0; k < 12; ++k) {
    if (ToLower(words[1].substr(0, 3)) == kMonths[k]) mo = k + 1;
  }
  int d, y;
  if (!mo || words[2].size() > 2 || !Digits(words[2], 0, words[2].size(), &d)) return std::nullopt;
  const std::string& year = words.back();
  if (year.size() != 4 || !Digits(year, 0, 4, &y) || !ValidDate(y, mo, d)) return std::nullopt;
  size_t p = 0;
  double clock;
  if (!ClockAt(words[3], &p, &clock) || p != words[3].size()) return std::nullopt;
  return HoursFromCivil(y, mo, d, 0) * 3600.0 + clock;
}

}  // namespace

std::optional<double> ParseLogTimeSeconds(std::string_view text) {
  if (text.size() > 64) return std::nullopt;
  std::string s = Trim(text);
  if (s.empty()) return std::nullopt;
  if (s.find_first_not_of("0123456789.") == std::string::npos) return EpochNumber(s);
  int y, mo, d;
  if (!Digits(s, 0, 4, &y) || s.size() < 10 || (s[4] != '-' && s[4] != '/') || !Digits(s, 5, 2, &mo) ||
      s[7] != s[4] || !Digits(s, 8, 2, &d)) {
    return CtimeSeconds(s);
  }
  if (!ValidDate(y, mo, d)) return std::nullopt;
  double clock = 0, offset = 0;
  size_t p = 10;
  if (p < s.size() && (s[p] == 'T' || s[p] == ' ') && p + 1 < s.size() && Digit(s[p + 1])) {
    ++p;
    if (!ClockAt(s, &p, &clock)) return std::nullopt;
    auto zone = ZoneAt(s, p);
    if (!zone) return std::nullopt;
    offset = *zone;
  } else if (p < s.size() && s[p] != ' ') {
    return std::nullopt;
  }
  return HoursFromCivil(y, mo, d, 0) * 3600.0 + clock - offset;
}

std::optional<double> ParseTimeOfDay(std::string_view text) {
  if (text.size() > 32) return std::nullopt;
  const std::string s = Trim(text);
  size_t p = 0;
  double clock;
  if (s.size() < 8 || !ClockAt(s, &p, &clock) || p != s.size()) return std::nullopt;
  return clock;
}

std::optional<double> ParseClockDuration(std::string_view text) {
  if (text.size() > 64) return std::nullopt;
  std::string s = Trim(text);
  if (s.size() > 2 && s.compare(s.size() - 2, 2, " s") == 0) s = Trim(s.substr(0, s.size() - 2));  // 1.0.0–1.0.4
  double days = 0;
  const size_t comma = s.find(',');
  if (comma != std::string::npos) {  // "1 day, 2:03:04" / "3 days, 0:00:01"
    auto d = ParseLogNumber(s.substr(0, s.find(' ')));
    if (!d || *d < 0) return std::nullopt;
    days = *d;
    s = Trim(s.substr(comma + 1));
  }
  double parts[3] = {0, 0, 0};
  int n = 0;
  size_t start = 0;
  for (;;) {
    const size_t colon = s.find(':', start);
    auto v = ParseLogNumber(s.substr(start, colon == std::string::npos ? std::string::npos : colon - start));
    if (!v || *v < 0 || n == 3) return std::nullopt;
    parts[n++] = *v;
    if (colon == std::string::npos) break;
    start = colon + 1;
  }
  if (n != 3) return std::nullopt;
  const double seconds = days * 86400 + parts[0] * 3600 + parts[1] * 60 + parts[2];
  if (!(seconds <= 1e10)) return std::nullopt;  // three centuries: garbage, not a duration
  return seconds;
}

bool HasSubSecondDigits(std::string_view stamp) {
  const std::string s = Trim(stamp);
  const size_t colon = s.rfind(':');
  const size_t from = colon == std::string::npos ? 0 : colon;
  for (size_t i = from; i + 1 < s.size(); ++i) {
    if ((s[i] == '.' || s[i] == ',') && Digit(s[i + 1])) return true;
  }
  // Epoch milli-, micro- or nanoseconds: an integer of 12 digits or more.
  return s.size() >= 12 && s.find_first_not_of("0123456789") == std::string::npos;
}

}  // namespace foreprint
