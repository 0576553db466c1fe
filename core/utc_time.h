// utc_time.h — ISO 8601 instants as hours since 1970-01-01T00:00Z.
//
// Accepts "2025-03-01", "2025-03-01T00:00Z", "2025-03-01T06:30:00+02:00", "2025-03-01 00:00".
// A missing zone means UTC. Hours are doubles so a year of hourly steps stays exact.
#pragma once

#include <string>
#include <string_view>

#include "core/error.h"

namespace foreprint {

struct CivilTime {
  int year, month, day, hour, minute;
};

Result<double> ParseIsoUtc(std::string_view text);
CivilTime CivilFromHours(double hours_since_epoch);
std::string FormatIsoUtc(double hours_since_epoch);  // "2025-03-01T00:00Z"
double HoursFromCivil(int year, int month, int day, double hour);

}  // namespace foreprint
