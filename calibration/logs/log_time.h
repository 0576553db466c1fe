// log_time.h — timestamps and durations as trackers write them.
//
// ParseLogTimeSeconds → seconds since 1970-01-01. Accepts "2024/10/30 18:42:33.189" (nvidia-smi),
// "2022-09-26T18:48:52" (CodeCarbon), "2023-10-24 18:10:25" (eco2AI), "2024-01-01 12:00:00,123"
// (Python logging), "Wed Oct 30 18:42:33 2024" (ctime, `date`), a zone suffix ("Z", "+02:00" is
// applied; a zone name is ignored), and epoch seconds, milliseconds, micro- or nanoseconds
// ("1763736779.573550209", "1763736779573"). Times without a zone are taken as UTC: only
// differences matter here.
#pragma once

#include <optional>
#include <string_view>

namespace foreprint {

std::optional<double> ParseLogTimeSeconds(std::string_view text);

// "18:42:33", "18:42:33.189" (a time of day without a date) → seconds since midnight.
std::optional<double> ParseTimeOfDay(std::string_view text);

// "1 day, 2:03:04", "0:00:20", "12:34:56.7", "0:00:34.567891 s" (Carbontracker durations) → seconds.
std::optional<double> ParseClockDuration(std::string_view text);

// Whether a timestamp's text resolves less than a second: a fraction after the seconds
// ("18:42:33.189", "…:33,189", "1763736779.57") or epoch milli-, micro- or nanoseconds.
bool HasSubSecondDigits(std::string_view stamp);

}  // namespace foreprint
