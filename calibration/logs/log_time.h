// log_time.h — timestamps as trackers write them, in seconds since 1970-01-01.
//
// Accepts "2024/10/30 18:42:33.189" (nvidia-smi), "2022-09-26T18:48:52" (CodeCarbon),
// "2023-10-24 18:10:25" (eco2AI), an optional zone suffix, and plain epoch seconds
// ("1763736779.573550209"). Times without a zone are taken as UTC: only differences matter here.
#pragma once

#include <optional>
#include <string_view>

namespace foreprint {

std::optional<double> ParseLogTimeSeconds(std::string_view text);

// "1 day, 2:03:04", "0:00:20", "12:34:56.7" (Carbontracker durations) → seconds.
std::optional<double> ParseClockDuration(std::string_view text);

}  // namespace foreprint
