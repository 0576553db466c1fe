#include "core/utc_time.h"

#include <cmath>
#include <cstdio>

#include "core/text.h"

namespace foreprint {
namespace {

// Days since 1970-01-01 for a proleptic Gregorian date (H. Hinnant's days_from_civil).
long long DaysFromCivil(long long y, unsigned m, unsigned d) {
  y -= m <= 2;
  const long long era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<long long>(doe) - 719468;
}

int DaysInMonth(int y, int m) {
  static const int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
  return m == 2 && leap ? 29 : kDays[m - 1];
}


}  // namespace

double HoursFromCivil(int year, int month, int day, double hour) {
  return static_cast<double>(DaysFromCivil(year, static_cast<unsigned>(month), static_cast<unsigned>(day))) * 24.0 +
         hour;
}

Result<double> ParseIsoUtc(std::string_view text) {
  const std::string s = Trim(text);
  auto bad = [&](const std::string& why) {
    return MakeError("'" + s + "' is not an ISO 8601 time (" + why + "); write e.g. 2025-03-01T00:00Z");
  };
  int y, mo, d, h = 0, mi = 0, sec = 0;
  if (!ParseDigits(s, 0, 4, &y) || s.size() < 10 || s[4] != '-' || !ParseDigits(s, 5, 2, &mo) || s[7] != '-' ||
      !ParseDigits(s, 8, 2, &d)) {
    return bad("expected YYYY-MM-DD");
  }
  if (mo < 1 || mo > 12 || d < 1 || d > DaysInMonth(y, mo)) return bad("no such date");
  size_t p = 10;
  double offset_hours = 0;
  if (p < s.size() && (s[p] == 'T' || s[p] == ' ')) {
    if (!ParseDigits(s, p + 1, 2, &h)) return bad("expected HH:MM after T");
    p += 3;
    if (p < s.size() && s[p] == ':') {
      if (!ParseDigits(s, p + 1, 2, &mi)) return bad("expected minutes");
      p += 3;
      if (p < s.size() && s[p] == ':') {
        if (!ParseDigits(s, p + 1, 2, &sec)) return bad("expected seconds");
        p += 3;
      }
    }
    if (h > 23 || mi > 59 || sec > 60) return bad("time of day out of range");
    if (p < s.size()) {
      if (s[p] == 'Z' || s[p] == 'z') {
        ++p;
      } else if (s[p] == '+' || s[p] == '-') {
        int oh, om = 0;
        if (!ParseDigits(s, p + 1, 2, &oh)) return bad("bad zone offset");
        size_t q = p + 3;
        if (q < s.size() && s[q] == ':') ++q;
        if (q < s.size() && !ParseDigits(s, q, 2, &om)) return bad("bad zone offset");
        if (q < s.size()) q += 2;
        offset_hours = (s[p] == '+' ? 1 : -1) * (oh + om / 60.0);
        p = q;
      }
    }
  }
  if (p != s.size()) return bad("unexpected '" + s.substr(p) + "'");
  return HoursFromCivil(y, mo, d, h + mi / 60.0 + sec / 3600.0) - offset_hours;
}

CivilTime CivilFromHours(double hours_since_epoch) {
  double day_f = std::floor(hours_since_epoch / 24.0);
  long long z = static_cast<long long>(day_f) + 719468;
  const long long era = (z >= 0 ? z : z - 146096) / 146097;
  const unsigned doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const long long y = static_cast<long long>(yoe) + era * 400;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  const unsigned d = doy - (153 * mp + 2) / 5 + 1;
  const unsigned m = mp < 10 ? mp + 3 : mp - 9;
  double rem = hours_since_epoch - day_f * 24.0;
  int hour = static_cast<int>(std::floor(rem));
  int minute = static_cast<int>(std::floor((rem - hour) * 60.0 + 1e-9));
  if (minute >= 60) minute = 59;
  return CivilTime{static_cast<int>(y + (m <= 2)), static_cast<int>(m), static_cast<int>(d), hour, minute};
}

std::string FormatIsoUtc(double hours_since_epoch) {
  CivilTime c = CivilFromHours(hours_since_epoch);
  char buf[40];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02dZ", c.year, c.month, c.day, c.hour, c.minute);
  return buf;
}

}  // namespace foreprint
