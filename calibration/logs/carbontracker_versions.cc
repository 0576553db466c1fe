#include "calibration/logs/carbontracker_versions.h"

#include <cctype>

#include "calibration/logs/csv_fields.h"
#include "calibration/logs/line_reader.h"
#include "calibration/logs/log_text.h"
#include "core/text.h"

namespace foreprint {
namespace {

constexpr int kSetupLines = 200;  // the version and PUE lines come first; interleaved runs repeat them

// "1.1.6" → {1, 1, 6}; false unless it starts with major.minor.
bool ParseVersion(std::string_view v, int out[3]) {
  out[0] = out[1] = out[2] = 0;
  int part = 0, digits = 0;
  for (char c : v) {
    if (std::isdigit(static_cast<unsigned char>(c))) {
      out[part] = out[part] * 10 + (c - '0');
      if (++digits > 4) return false;
    } else if (c == '.' && digits > 0 && part < 2) {
      ++part;
      digits = 0;
    } else {
      break;
    }
  }
  return part >= 1 && digits > 0;
}

// The leading decimal number of `s` ("1.58 (Rhonda …" → 1.58).
std::optional<double> LeadingDecimal(std::string_view s) {
  size_t n = 0;
  while (n < s.size() && n < 12 && (std::isdigit(static_cast<unsigned char>(s[n])) || s[n] == '.')) ++n;
  while (n > 0 && s[n - 1] == '.') --n;
  return ParseLogNumber(s.substr(0, n));
}

}  // namespace

std::optional<double> CarbontrackerPue(std::string_view version) {
  int v[3];
  if (!ParseVersion(version, v)) return std::nullopt;
  if (v[0] >= 2) return 1.58;
  if (v[0] < 1) return std::nullopt;
  if (v[1] == 0) return 1.0;
  if (v[1] >= 2) return 1.55;
  if (v[2] <= 2) return 1.58;
  if (v[2] <= 4) return 1.67;
  if (v[2] <= 6) return 1.59;
  return 1.55;
}

std::string CarbontrackerVersionIn(std::string_view line) {
  const std::string lower = ToLower(line);
  const std::string key = "carbontracker version ";
  const size_t p = lower.find(key);
  if (p == std::string::npos) return "";
  std::string v = Trim(line.substr(p + key.size()));
  v = v.substr(0, v.find_first_of(" \t"));
  int parts[3];
  return ParseVersion(v, parts) ? Snippet(v, 20) : std::string();
}

CarbontrackerSetup ReadCarbontrackerSetup(const std::string& path) {
  CarbontrackerSetup setup;
  auto in = LineReader::Open(path);
  if (!in) return setup;
  std::string line;
  for (int i = 0; i < kSetupLines && in->Next(&line); ++i) {
    if (setup.version.empty()) setup.version = CarbontrackerVersionIn(line);
    const std::string lower = ToLower(line);
    const std::string key = "pue coefficient of ";
    if (size_t p = lower.find(key); p != std::string::npos && !setup.pue) {
      if (auto v = LeadingDecimal(std::string_view(line).substr(p + key.size())); v && *v >= 1 && *v <= 3) setup.pue = v;
    }
    if (!setup.version.empty() && setup.pue) break;
  }
  return setup;
}

}  // namespace foreprint
