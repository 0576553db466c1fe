// fuzz_logs.cc — any bytes as a tracker log, through every reader and format detection.
// Invariants: no crash or hang; whatever is read is finite and non-negative.
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <string>

#include "calibration/logs/log_reader.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace foreprint;
  const std::string text(reinterpret_cast<const char*>(data), size);
  using Reader = Result<LogSummary> (*)(LineReader&, const std::string&);
  for (Reader read : {ReadCodeCarbon, ReadEco2ai, ReadCarbontracker, ReadNvidiaSmi, ReadZeus}) {
    LineReader in = LineReader::FromString(text);
    auto s = read(in, "fuzz.log");
    if (!s) continue;
    for (double v : {s->duration_s, s->energy_total_kwh, s->co2e_kg.value_or(0), s->ci_g_per_kwh.value_or(0)}) {
      if (!std::isfinite(v) || v < 0) std::abort();
    }
  }
  DetectFormat(text.substr(0, text.find('\n')), "fuzz.log");
  return 0;
}
