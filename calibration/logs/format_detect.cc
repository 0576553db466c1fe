#include "calibration/logs/format_detect.h"

#include <filesystem>

#include "calibration/logs/csv_fields.h"
#include "calibration/logs/log_reader.h"
#include "calibration/logs/log_text.h"
#include "core/text.h"

namespace foreprint {
namespace {

std::optional<LogFormat> FromHeader(const std::string& line) {
  auto names = SplitCsvLine(line, DetectDelimiter(line));
  if (!names || names->empty()) return std::nullopt;
  const CsvHeader h(*names);
  if (h.Find("energy_consumed") && h.Find("duration")) return LogFormat::kCodeCarbon;
  if (h.Find("power_consumption(kwh)")) return LogFormat::kEco2ai;
  for (const auto& n : h.names()) {
    if (IsZeusEnergyColumn(n, "gpu")) return LogFormat::kZeus;
  }
  if (IsZeusPowerLogHeader(h.names())) return LogFormat::kZeus;
  const PowerLogColumns c = FindPowerLogColumns(h);
  if (!c.power.empty() && (c.time || names->size() == 1)) return LogFormat::kNvidiaSmi;  // a lone power column: its reader says why not
  if (NoHeaderPowerLogColumns(*names)) return LogFormat::kNvidiaSmi;
  return std::nullopt;
}

}  // namespace

LogFormat DetectFormat(const std::vector<std::string>& head, const std::string& path) {
  if (LooksLikeBoamps(head)) return LogFormat::kBoamps;
  if (LooksLikeMlperfPower(head)) return LogFormat::kMlperf;
  if (!head.empty()) {
    if (auto f = FromHeader(head.front())) return *f;
  }
  for (const auto& line : head) {
    for (const char* mark : {"carbontracker:", "carbontracker version", "carbontracker.", "actual consumption for",
                             "predicted consumption for"}) {
      if (ContainsNoCase(line, mark)) return LogFormat::kCarbontracker;
    }
  }
  const std::string name = std::filesystem::path(path).filename().string();
  if (ContainsNoCase(name, "carbontracker")) return LogFormat::kCarbontracker;
  return LogFormat::kAuto;
}

LogFormat DetectFormat(const std::string& first_line, const std::string& path) {
  return DetectFormat(std::vector<std::string>{first_line}, path);
}

}  // namespace foreprint
