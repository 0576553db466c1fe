// quantity_parser.h — numbers as people write them in configs.
//
// Counts take an optional magnitude suffix: K=1e3, M=1e6, B|G=1e9, T=1e12, P=1e15, E=1e18
// ("7B", "2T", "350M", "1.2e24", "7 B"). Physical values need their unit:
// power "400 W" | "0.4 kW"; carbon intensity "385 g/kWh" | "0.385 kg/kWh" | "385 kg/MWh" |
// "849 lb/MWh"; durations "36 h" | "3 days" | "90 min" | "5400 s".
// Every parser returns an Error (no location; the caller adds file/line/field) on text it
// cannot read completely, and never returns NaN or infinity.
#pragma once

#include <string_view>

#include "core/error.h"
#include "core/units.h"

namespace foreprint {

Result<double> ParseCount(std::string_view text);
Result<Watts> ParsePower(std::string_view text);
Result<GramsPerKwh> ParseCarbonIntensity(std::string_view text);
Result<Seconds> ParseDuration(std::string_view text);

// A plain decimal number with nothing after it ("1.1", "2e-3").
Result<double> ParsePlainNumber(std::string_view text);

}  // namespace foreprint
