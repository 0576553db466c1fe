// fuzz_quantity.cc — the number, unit and time parsers on any text: no crash, never NaN/inf.
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <string>

#include "core/quantity_parser.h"
#include "core/utc_time.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace foreprint;
  const std::string s(reinterpret_cast<const char*>(data), size);
  auto check = [](double v) {
    if (!std::isfinite(v)) std::abort();
  };
  if (auto v = ParseCount(s)) check(*v);
  if (auto v = ParsePlainNumber(s)) check(*v);
  if (auto v = ParsePower(s)) check(v->value());
  if (auto v = ParseCarbonIntensity(s)) check(v->value());
  if (auto v = ParseDuration(s)) check(v->value());
  if (auto v = ParseIsoUtc(s)) {
    check(*v);
    if (!ParseIsoUtc(FormatIsoUtc(*v))) std::abort();  // what we print we can read back
  }
  return 0;
}
