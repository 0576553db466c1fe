// MLPerf Training power logs: the real Dell v4.1 result read in place from the shared reference
// (never copied into the project), and hand-made folders for shared meters, switches and estimates.
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>

#include "calibration/logs/log_reader.h"
#include "temp_log.h"
#include "test_util.h"

using namespace foreprint;
using test::AnyWarning;

namespace {

const std::string kDell =
    "../shared/reference/mlperf/samples/v4.1/Dell/results/8xXE9680x8H100-SXM-80GB-POWER/llama2_70b_lora/power";

std::string Line(double time_ms, const std::string& key, const std::string& value, const std::string& meta = "") {
  char t[32];
  std::snprintf(t, sizeof t, "%.0f", time_ms);
  return ":::MLLOG {\"namespace\": \"\", \"time_ms\": " + std::string(t) + ", \"event_type\": \"POINT_IN_TIME\", \"key\": \"" +
         key + "\", \"value\": " + value + ", \"metadata\": {" + meta + "}}\n";
}

// A meter from t0 (ms) sampling every second for `seconds` at `watts`.
std::string Meter(double t0, int seconds, double watts) {
  std::string s = Line(t0, "power_measurement_start", "null");
  for (int i = 1; i <= seconds; ++i) s += Line(t0 + 1000.0 * i, "power_reading", std::to_string(watts));
  return s + Line(t0 + 1000.0 * seconds, "power_measurement_stop", "null");
}

}  // namespace

TEST_CASE("MLPerf: Dell's 8 × XE9680 LoRA run — nodes summed, the switch 5 h off is reported apart", "[logs][mlperf]") {
  const std::string power = test::SourcePath(kDell);
  if (!std::filesystem::exists(power)) {
    WARN("the shared MLPerf reference is not beside this checkout: skipped");
    return;
  }
  LogSet set = ReadLogs({power}, LogFormat::kAuto);
  REQUIRE(set.errors.empty());
  REQUIRE(set.logs.size() == 1);
  const LogSummary& s = set.logs[0];
  CHECK(s.format == LogFormat::kMlperf);
  CHECK(s.file.find("result_0") != std::string::npos);
  // Σ reading × Δt per node (independent_totals.py): 4.9105925 kWh over 310 s; the switch 0.0597 kWh.
  CHECK(s.energy_total_kwh == Approx(4.9105925).epsilon(1e-9));
  CHECK(*s.nodes_kwh == Approx(4.9105925).epsilon(1e-9));
  CHECK(*s.interconnect_kwh == Approx(0.05972472222).epsilon(1e-9));
  CHECK(s.duration_s == 310);
  CHECK(s.scope == EnergyScope::kItMeasured);
  CHECK(AnyWarning(s, "sw_0.txt: its measurement does not overlap the nodes' (its clock is 5.00 h behind)"));
  CHECK(AnyWarning(s, "node power measured AC with conversion_eff 0.960 stated"));
  // One node file alone.
  auto node = ReadLog(power + "/result_0/node_0.txt", LogFormat::kAuto);
  REQUIRE(node.ok());
  CHECK(node->energy_total_kwh == Approx(0.5966236111).epsilon(1e-9));
}

TEST_CASE("MLPerf: byte-identical node files, a switch inside the run, an estimated switch", "[logs][mlperf]") {
  const auto dir = std::filesystem::temp_directory_path() / "foreprint-test-mlperf" / "result_0";
  std::filesystem::create_directories(dir);
  const double t0 = 1.7e12;
  std::ofstream(dir / "node_0.txt") << Meter(t0, 100, 3000);  // 300 kJ
  std::ofstream(dir / "node_1.txt") << Meter(t0, 100, 3600);  // 360 kJ
  std::ofstream(dir / "node_2.txt") << Meter(t0, 100, 3600);  // a copy of node_1
  // The switch starts 50 s before the nodes and stops 50 s after: only the nodes' 100 s count.
  std::ofstream(dir / "sw_0.txt") << Meter(t0 - 50000, 200, 360);  // 36 kJ inside the run
  LogSet set = ReadLogs({dir.parent_path().string()}, LogFormat::kAuto);
  REQUIRE(set.logs.size() == 1);
  const LogSummary& s = set.logs[0];
  CHECK(*s.nodes_kwh == Approx(1020000 / 3.6e6));
  CHECK(*s.interconnect_kwh == Approx(36000 / 3.6e6));
  CHECK(s.energy_total_kwh == Approx(1056000 / 3.6e6));
  CHECK(AnyWarning(s, "node_2.txt is byte-identical to node_1.txt"));
  CHECK(AnyWarning(s, "counting each once gives 0.1833 kWh"));
  CHECK(AnyWarning(s, "sw_0.txt: the switch measured only part of the nodes' run") == false);
  // An estimated switch: 1,000 W over the nodes' 100 s.
  std::ofstream(dir / "sw_0.txt") << Line(t0, "interconnect_power_est", "1000.0");
  LogSet est = ReadLogs({dir.string()}, LogFormat::kAuto);
  REQUIRE(est.logs.size() == 1);
  CHECK(*est.logs[0].interconnect_kwh == Approx(100000 / 3.6e6));
  CHECK(AnyWarning(est.logs[0], "interconnect power estimated (interconnect_power_est 1000 W × the nodes' 100.0 s)"));
  std::filesystem::remove_all(dir.parent_path());
}
