// carbontracker_versions.h — which PUE a Carbontracker release multiplied its energy by, and what a
// standard log (`*_carbontracker.log`) says about the run that wrote it.
//
// The PUE per release (carbontracker/constants.py, by the commit that released it):
//   1.0.0–1.0.7  none (IT energy)            1.1.0–1.1.2  1.58 (15d4eed, Ascierto 2018)
//   1.1.3–1.1.4  1.67 (6b02bf0, 2019 survey)  1.1.5–1.1.6  1.59 (ebd96ec, "avg. for 2020")
//   1.1.7–1.2.x  1.55 (449752b, PUE_2022)      2.0 and later 1.58 (42a4a91, PUE_2023, Bizo 2023)
// The output log (`*_carbontracker_output.log`), which holds the totals, never states the version
// or the PUE; only the standard log does ("carbontracker version 1.1.6", "… multiplied by a PUE
// coefficient of 1.59 …").
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace foreprint {

// The PUE assumed when nothing says which release wrote a log: 2.x's (the current release line).
inline constexpr double kCarbontrackerAssumedPue = 1.58;

// "1.1.6" → 1.59; "1.0.4" → 1.0 (none); nullopt for an unreadable version.
std::optional<double> CarbontrackerPue(std::string_view version);

// The version and the stated PUE of a standard log, from its first lines.
struct CarbontrackerSetup {
  std::string version;          // "1.1.6"; empty when not stated
  std::optional<double> pue;    // "PUE coefficient of …"
};
// The version in a line "… carbontracker version 1.1.6", or "".
std::string CarbontrackerVersionIn(std::string_view line);
// Reads the first 200 lines of `path`; an empty setup when the file cannot be read.
CarbontrackerSetup ReadCarbontrackerSetup(const std::string& path);

}  // namespace foreprint
