// fuzz_logs.cc — any bytes as a tracker log, through every reader (CodeCarbon, eco2AI, Carbontracker
// alone and paired, nvidia-smi and look-alikes, Zeus, BoAmps, MLPerf power) and format detection.
// Invariants: no crash or hang; whatever is read is finite and non-negative.
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <vector>

#include "calibration/logs/log_reader.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace foreprint;
  const std::string text(reinterpret_cast<const char*>(data), size);
  using Reader = Result<LogSummary> (*)(LineReader&, const std::string&);
  for (Reader read : {ReadCodeCarbon, ReadEco2ai, ReadCarbontracker, ReadNvidiaSmi, ReadZeus, ReadBoamps,
                      ReadMlperfPower}) {
    LineReader in = LineReader::FromString(text);
    auto s = read(in, "fuzz.log");
    if (!s) continue;
    for (double v : {s->duration_s, s->energy_total_kwh, s->co2e_kg.value_or(0), s->ci_g_per_kwh.value_or(0)}) {
      if (!std::isfinite(v) || v < 0) std::abort();
    }
  }
  {  // an output log read with what a paired standard log stated
    LineReader in = LineReader::FromString(text);
    auto s = ReadCarbontrackerPaired(in, "fuzz_carbontracker_output.log", CarbontrackerSetup{"1.1.3", std::nullopt});
    if (s && (!std::isfinite(s->energy_total_kwh) || s->energy_total_kwh < 0)) std::abort();
  }
  std::vector<std::string> head;
  for (size_t start = 0; start < text.size() && head.size() < 50;) {
    const size_t end = std::min(text.find('\n', start), text.size());
    head.push_back(text.substr(start, end - start));
    start = end + 1;
  }
  DetectFormat(head, "fuzz.log");
  CarbontrackerPue(text.substr(0, 16));
  return 0;
}
