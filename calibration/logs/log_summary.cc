#include "calibration/logs/log_summary.h"

#include "calibration/logs/log_text.h"
#include "core/text.h"

namespace foreprint {
namespace {
const std::vector<std::string> kNames = {"auto",       "codecarbon", "eco2ai", "carbontracker",
                                         "nvidia-smi", "zeus",       "boamps", "mlperf"};
}

const std::vector<std::string>& LogFormatNames() { return kNames; }
std::string ToString(LogFormat f) { return kNames[static_cast<size_t>(f)]; }

std::optional<LogFormat> ParseLogFormat(const std::string& s) {
  for (size_t i = 0; i < kNames.size(); ++i) if (ToLower(s) == kNames[i]) return static_cast<LogFormat>(i);
  return std::nullopt;
}

void LogSummary::Warn(int line, const std::string& message) {
  // A pathological file could produce millions of warnings: keep the first 100 and count the rest.
  constexpr size_t kMaxWarnings = 100;
  if (warnings.size() < kMaxWarnings) {
    warnings.push_back(ValidUtf8(file + (line > 0 ? ":" + std::to_string(line) : "") + ": " + message));
  } else if (warnings.size() == kMaxWarnings) {
    warnings.push_back(ValidUtf8(file) + ": further warnings omitted");
  }
}

}  // namespace foreprint
