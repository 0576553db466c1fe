// The whole corpus of real logs (tests/data/logs, provenance in SOURCES.csv, and the MLPerf power
// logs read in place from the shared reference): for every file, the energy the readers report
// equals the independent total of tests/data/logs/independent_totals.py (expected_totals.csv)
// within 0.1 %, or a warning names why not, or the refusal is the expected one — each listed with
// its reason in expected_totals.csv (columns foreprint, foreprint_reason).
#include <catch2/catch.hpp>
#include <cmath>
#include <filesystem>

#include "calibration/logs/log_reader.h"
#include "core/csv.h"
#include "core/data_files.h"
#include "test_util.h"

using namespace foreprint;

namespace {

constexpr double kAgreement = 1e-3;  // 0.1 %

// A row's file: under tests/data/logs, or "shared:…" beside the checkout (null when absent).
std::optional<std::string> PathOf(const std::string& file) {
  const std::string shared = "shared:";
  if (file.rfind(shared, 0) != 0) return test::TestData("logs/" + file);
  const std::string path = test::SourcePath("../shared/" + file.substr(shared.size()));
  if (!std::filesystem::exists(path)) return std::nullopt;
  return path;
}

// A file through ReadLog, a folder (an MLPerf result) through ReadLogs, as `validate` reads them.
Result<LogSummary> ReadAsValidate(const std::string& path) {
  if (!std::filesystem::is_directory(path)) return ReadLog(path, LogFormat::kAuto);
  LogSet set = ReadLogs({path}, LogFormat::kAuto);
  if (!set.errors.empty()) return set.errors.front();
  if (set.logs.size() != 1) return MakeError("a folder read as " + std::to_string(set.logs.size()) + " logs");
  return set.logs.front();
}

bool Agrees(double got, double expected) {
  return expected == 0 ? got == 0 : std::abs(got - expected) <= kAgreement * std::abs(expected);
}

bool Warns(const LogSummary& s, const std::string& part) {
  for (const auto& w : s.warnings) {
    if (w.find(part) != std::string::npos) return true;
  }
  return false;
}

}  // namespace

TEST_CASE("every real log: the energy agrees with the independent total, or a warning or the refusal says why",
          "[logs][corpus]") {
  auto text = ReadTextFile(test::TestData("logs/expected_totals.csv"));
  REQUIRE(text.ok());
  auto table = CsvTable::Parse(*text, "expected_totals.csv");
  REQUIRE(table.ok());
  int agree = 0, warned = 0, refused = 0;
  for (size_t r = 0; r < table->rows(); ++r) {
    const std::string& file = table->Get(r, "file");
    const std::string& expect = table->Get(r, "foreprint");
    const std::string& reason = table->Get(r, "foreprint_reason");
    INFO(file << " (expected: " << expect << (reason.empty() ? "" : ", '" + reason + "'") << ")");
    const auto path = PathOf(file);
    if (!path) continue;  // the shared reference is not beside this checkout
    auto s = ReadAsValidate(*path);
    if (expect == "refuse") {
      REQUIRE_FALSE(s.ok());
      CHECK(s.error().message.find(reason) != std::string::npos);
      ++refused;
      continue;
    }
    REQUIRE(s.ok());
    const double expected = std::stod(table->Get(r, "energy_kwh"));
    INFO("read " << s->energy_total_kwh << " kWh, independent " << expected << " kWh");
    if (expect == "warn" && !Agrees(s->energy_total_kwh, expected)) {
      CHECK(Warns(*s, reason));
      ++warned;
    } else {
      CHECK(Agrees(s->energy_total_kwh, expected));
      ++agree;
    }
  }
  CHECK(agree + warned + refused >= 86);
  WARN("corpus: " << agree << " agree within 0.1 %, " << warned << " differ with a warning, " << refused
                  << " refused as expected");
}
