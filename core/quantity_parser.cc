#include "core/quantity_parser.h"

#include <cctype>
#include <cmath>
#include <cstdlib>
#include <string>

#include "core/text.h"

namespace foreprint {
namespace {

struct Split {
  double number = 0;
  std::string rest;  // trimmed text after the number
};

// Reads the leading decimal number of `text`; the rest (trimmed) is returned for the unit.
Result<Split> SplitNumber(std::string_view text) {
  std::string s = Trim(text);
  if (s.empty()) return MakeError("empty value: expected a number");
  const char* begin = s.c_str();
  char* end = nullptr;
  double v = std::strtod(begin, &end);
  if (end == begin) return MakeError("'" + s + "' is not a number");
  // strtod accepts "inf", "nan" and hex floats: refuse them.
  std::string head(begin, static_cast<const char*>(end));
  for (char c : head) {
    if (!(std::isdigit(static_cast<unsigned char>(c)) || c == '.' || c == 'e' || c == 'E' ||
          c == '+' || c == '-')) {
      return MakeError("'" + s + "' is not a finite decimal number");
    }
  }
  if (!std::isfinite(v)) return MakeError("'" + s + "' is out of range");
  return Split{v, Trim(std::string_view(end))};
}

}  // namespace

Result<double> ParsePlainNumber(std::string_view text) {
  auto split = SplitNumber(text);
  if (!split) return split.error();
  if (!split->rest.empty()) {
    return MakeError("'" + Trim(text) + "' is not a plain number (unexpected '" + split->rest + "')");
  }
  return split->number;
}

Result<double> ParseCount(std::string_view text) {
  auto split = SplitNumber(text);
  if (!split) return split.error();
  const std::string& r = split->rest;
  double scale = 1;
  if (!r.empty()) {
    if (r.size() != 1) {
      return MakeError("'" + Trim(text) + "': unknown suffix '" + r +
                       "' (use K, M, B, T, P or E, e.g. 7B, 2T, 1.2e24)");
    }
    switch (std::toupper(static_cast<unsigned char>(r[0]))) {
      case 'K': scale = 1e3; break;
      case 'M': scale = 1e6; break;
      case 'B':
      case 'G': scale = 1e9; break;
      case 'T': scale = 1e12; break;
      case 'P': scale = 1e15; break;
      case 'E': scale = 1e18; break;
      default:
        return MakeError("'" + Trim(text) + "': unknown suffix '" + r +
                         "' (use K, M, B, T, P or E, e.g. 7B, 2T, 1.2e24)");
    }
  }
  double v = split->number * scale;
  if (!std::isfinite(v)) return MakeError("'" + Trim(text) + "' is out of range");
  return v;
}

Result<Watts> ParsePower(std::string_view text) {
  auto split = SplitNumber(text);
  if (!split) return split.error();
  std::string unit = ToLower(split->rest);
  if (unit == "w") return Watts(split->number);
  if (unit == "kw") return Watts(split->number * 1e3);
  if (unit.empty()) {
    return MakeError("'" + Trim(text) + "' has no unit: write it as '" + Trim(text) + " W' or in kW");
  }
  return MakeError("'" + Trim(text) + "': unknown power unit '" + split->rest + "' (use W or kW)");
}

Result<GramsPerKwh> ParseCarbonIntensity(std::string_view text) {
  auto split = SplitNumber(text);
  if (!split) return split.error();
  std::string unit = ToLower(split->rest);
  // Tolerate the gas name people put in the unit: "gCO2e/kWh", "kg CO2eq/kWh".
  for (const char* gas : {"co2eq", "co2e", "co2"}) {
    auto pos = unit.find(gas);
    if (pos != std::string::npos) unit.erase(pos, std::string(gas).size());
  }
  std::string compact;
  for (char c : unit) if (c != ' ') compact += c;
  double v = split->number;
  if (compact == "g/kwh" || compact == "kg/mwh") return GramsPerKwh(v);
  if (compact == "kg/kwh" || compact == "t/mwh") return GramsPerKwh(v * 1000.0);
  if (compact == "lb/mwh" || compact == "lbs/mwh") return GramsPerKwh(v * 0.45359237);
  if (compact.empty()) {
    return MakeError("'" + Trim(text) + "' has no unit: write '" + Trim(text) +
                     " g/kWh' or, for kilograms, 'kg/kWh'");
  }
  return MakeError("'" + Trim(text) + "': unknown carbon-intensity unit '" + split->rest +
                   "' (use g/kWh, kg/kWh, kg/MWh or lb/MWh)");
}

Result<Seconds> ParseDuration(std::string_view text) {
  auto split = SplitNumber(text);
  if (!split) return split.error();
  std::string unit = ToLower(split->rest);
  double v = split->number;
  if (unit == "s" || unit == "sec" || unit == "seconds" || unit == "second") return Seconds(v);
  if (unit == "min" || unit == "minutes" || unit == "minute") return Seconds(v * 60);
  if (unit == "h" || unit == "hour" || unit == "hours") return Hours(v);
  if (unit == "d" || unit == "day" || unit == "days") return Hours(v * 24);
  if (unit.empty()) return MakeError("'" + Trim(text) + "' has no unit: use s, min, h or days");
  return MakeError("'" + Trim(text) + "': unknown time unit '" + split->rest + "' (use s, min, h or days)");
}

}  // namespace foreprint
