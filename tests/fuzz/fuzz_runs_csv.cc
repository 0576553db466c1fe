// fuzz_runs_csv.cc — any bytes as a runs.csv (calibrate --runs): parse, write back, parse again.
#include <cstdint>
#include <cstdlib>
#include <string>

#include "calibration/run_record.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace foreprint;
  const std::string s(reinterpret_cast<const char*>(data), size);
  auto runs = ParseRuns(s, "runs.csv");
  if (!runs) return 0;
  std::string text = RunsHeader() + "\n";
  for (const auto& r : *runs) text += RunCsvLine(r) + "\n";
  auto again = ParseRuns(text, "again.csv");
  if (!again || again->size() != runs->size()) std::abort();  // what we write we can read back
  return 0;
}
