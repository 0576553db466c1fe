// format_detect.h — which tracker wrote a log, from its first lines and its file name.
//
// Content decides first: a JSON object with BoAmps keys ("measures", "powerConsumption",
// "formatVersion", "measurementMethod") → BoAmps; ":::MLLOG" lines with power keys → MLPerf. Then
// CSV headers (by column names: energy_consumed + duration → CodeCarbon,
// power_consumption(kWh) → eco2AI, gpu<N>_energy → Zeus, a time and a power.draw-like column →
// nvidia-smi); then Carbontracker's text ("CarbonTracker:", "carbontracker version",
// "carbontracker.exceptions", "Actual consumption for") in any of the first 50 lines, or
// "carbontracker" in the file name. kAuto when nothing matches.
#pragma once

#include <string>
#include <vector>

#include "calibration/logs/log_summary.h"

namespace foreprint {

// `head`: the first non-empty lines of the file (the first one is the CSV header candidate).
LogFormat DetectFormat(const std::vector<std::string>& head, const std::string& path);
LogFormat DetectFormat(const std::string& first_line, const std::string& path);

}  // namespace foreprint
