// Carbontracker's text logs: console output captured into any file, the *_output.log with its
// Actual and Predicted blocks, the full log with epoch lines only, interrupted runs, several runs.
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>

#include "calibration/logs/log_reader.h"
#include "temp_log.h"

using namespace foreprint;
using test::AnyWarning;
using test::ReadText;

TEST_CASE("Carbontracker console output: Actual for the monitored epoch, Predicted for all", "[logs][carbontracker]") {
  const std::string log =
      "CarbonTracker: The following components were found: GPU with device(s) GeForce RTX 2080 Ti.\n"
      "CarbonTracker: Average carbon intensity during training was 294.00 gCO2/kWh at detected location: "
      "Copenhagen, Capital Region, DK.\n"
      "CarbonTracker: \nActual consumption for 1 epoch(s):\n\tTime:\t0:00:25\n\tEnergy:\t0.001845 kWh\n"
      "\tCO2eq:\t0.542342 g\n\tThis is equivalent to:\n\t0.004509 km travelled by car\n"
      "CarbonTracker: Carbon intensity for the next 0:01:40 is predicted to be 300.00 gCO2/kWh at detected "
      "location: Copenhagen, Capital Region, DK.\n"
      "CarbonTracker: \nPredicted consumption for 5 epoch(s):\n\tTime:\t0:02:05\n\tEnergy:\t0.009223 kWh\n"
      "\tCO2eq:\t2.711708 g\n\tThis is equivalent to:\n\t0.022544 km travelled by car\n"
      "CarbonTracker: Finished monitoring.\n";
  auto r = ReadText("train.txt", log);  // recognised by its text, not its name
  REQUIRE(r.ok());
  CHECK(r->format == LogFormat::kCarbontracker);
  CHECK(r->duration_s == 25);
  CHECK(r->energy_total_kwh == Approx(0.001845));
  CHECK(*r->co2e_kg == Approx(0.000542342));
  CHECK(*r->ci_g_per_kwh == Approx(294));  // the average during training, not the forecast
  CHECK(r->location == "Copenhagen, Capital Region, DK");
  CHECK(r->device_model == "GeForce RTX 2080 Ti");
  CHECK(*r->device_count == 1);
  CHECK(*r->pue == Approx(1.58));
  CHECK(r->scope == EnergyScope::kFacilityMeasured);
  CHECK(*r->epochs == 1);
  CHECK(*r->epochs_planned == 5);
  CHECK(*r->tracker_predicted_kwh == Approx(0.009223));
  CHECK(AnyWarning(*r, "the measured total covers 1 of 5 planned epochs"));
  CHECK(AnyWarning(*r, "it predicted 0.00922 kWh for all of them"));
}

TEST_CASE("Carbontracker full log without a total: energy from the epoch lines", "[logs][carbontracker]") {
  // Epoch 1: 600 s × (200 + 100 + 50) W = 210,000 J; epoch 2: 600 s × 300 W = 180,000 J;
  // × PUE 1.58 = 616,200 J = 0.171167 kWh.
  const std::string log =
      "2020-04-09 14:37:42 - carbontracker version 1.1.6\n"
      "2020-04-09 14:37:42 - Only predicted and actual consumptions are multiplied by a PUE coefficient of 1.58 "
      "(Rhonda Ascierto, 2019, Uptime Institute Global Data Center Survey).\n"
      "2020-04-09 14:37:42 - The following components were found: GPU with device(s) GeForce RTX 2080 Ti, GeForce "
      "RTX 2080 Ti. CPU with device(s) cpu:0.\n"
      "2020-04-09 14:37:42 - Monitoring thread started.\n"
      "2020-04-09 14:47:42 - Epoch 1:\n2020-04-09 14:47:42 - Duration: 0:10:00.00\n"
      "2020-04-09 14:47:42 - Average power usage (W) for gpu: [200. 100.]\n"
      "2020-04-09 14:47:42 - Average power usage (W) for cpu: [50.]\n"
      "2020-04-09 14:57:42 - Epoch 2:\n2020-04-09 14:57:42 - Duration: 0:10:00.00\n"
      "2020-04-09 14:57:42 - Average power usage (W) for gpu: [200. 100.]\n"
      "2020-04-09 14:57:42 - Average power usage (W) for cpu: None\n";
  auto r = ReadText("2020-04-09T143742Z_carbontracker.log", log);
  REQUIRE(r.ok());
  CHECK(r->duration_s == 1200);
  CHECK(r->energy_total_kwh == Approx(616200 / 3.6e6));
  CHECK(!r->co2e_kg);
  CHECK(*r->epochs == 2);
  CHECK(*r->device_count == 2);
  CHECK(AnyWarning(*r, "energy computed from the epoch lines (duration × average power × PUE 1.58)"));
}

TEST_CASE("Carbontracker: an interrupted run, a total in kg and days", "[logs][carbontracker]") {
  const std::string log =
      "2021-01-01 00:00:00 - carbontracker version 1.2.5\n"
      "2021-01-02 02:00:00 - Training was interrupted before all 10 epochs were monitored.\n"
      "2021-01-02 02:00:00 - \nActual consumption for 3 epoch(s):\n\tTime:\t1 day, 2:00:00\n"
      "\tEnergy:\t12.5 kWh\n\tCO2eq:\t1.25 kg\n";
  auto r = ReadText("x_carbontracker_output.log", log);
  REQUIRE(r.ok());
  CHECK(r->duration_s == 93600);
  CHECK(r->energy_total_kwh == 12.5);
  CHECK(*r->co2e_kg == 1.25);
  CHECK(*r->epochs == 3);
  CHECK(*r->epochs_planned == 10);
  CHECK(AnyWarning(*r, "output.log:2: 2021-01-02 02:00:00 - Training was interrupted before all 10 epochs"));
  CHECK(AnyWarning(*r, "covers 3 of 10 planned epochs"));
}

TEST_CASE("Carbontracker: several runs in one file are summed; a stated PUE is used", "[logs][carbontracker]") {
  std::string log;
  for (const char* kwh : {"1.0", "2.0"}) {
    log += "2021-01-01 00:00:00 - carbontracker version 1.2.5\n"
           "2021-01-01 00:00:00 - Only predicted and actual consumptions are multiplied by a PUE coefficient of 1.2.\n"
           "2021-01-01 01:00:00 - \nActual consumption for 1 epoch(s):\n\tTime:\t1:00:00\n\tEnergy:\t" +
           std::string(kwh) + " kWh\n\tCO2eq:\t100 g\n";
  }
  auto r = ReadText("two_carbontracker.log", log);
  REQUIRE(r.ok());
  CHECK(r->rows == 2);
  CHECK(r->runs == 2);
  CHECK(r->energy_total_kwh == Approx(3.0));
  CHECK(*r->co2e_kg == Approx(0.2));
  CHECK(r->duration_s == 7200);
  CHECK(*r->pue == Approx(1.2));
}

TEST_CASE("Carbontracker's two files of one run are counted once", "[logs][carbontracker]") {
  const auto dir = std::filesystem::temp_directory_path() / "foreprint-test-ct-pair";
  std::filesystem::create_directories(dir);
  const std::string full = "2021-01-01 00:00:00 - carbontracker version 1.2.5\n"
                           "2021-01-01 00:10:00 - Epoch 1:\n2021-01-01 00:10:00 - Duration: 0:10:00\n"
                           "2021-01-01 00:10:00 - Average power usage (W) for gpu: [100.]\n";
  const std::string output = "2021-01-01 00:10:00 - \nActual consumption for 1 epoch(s):\n\tTime:\t0:10:00\n"
                             "\tEnergy:\t0.0263 kWh\n\tCO2eq:\t5 g\n";
  std::ofstream(dir / "2021-01-01T000000Z_carbontracker.log") << full;
  std::ofstream(dir / "2021-01-01T000000Z_carbontracker_output.log") << output;
  LogSet both = ReadLogs({dir.string()}, LogFormat::kAuto);
  REQUIRE(both.logs.size() == 1);
  CHECK(both.logs[0].file.find("_output.log") != std::string::npos);
  CHECK(both.logs[0].energy_total_kwh == Approx(0.0263));
  CHECK(AnyWarning(both.logs[0], "_carbontracker.log is not counted again"));
  // Without a total in the _output.log, the full log's epochs are used: 600 s × 100 W × 1.58.
  std::ofstream(dir / "2021-01-01T000000Z_carbontracker_output.log") << "2021-01-01 00:00:00 - carbontracker\n";
  LogSet fallback = ReadLogs({dir.string()}, LogFormat::kAuto);
  REQUIRE(fallback.logs.size() == 1);
  CHECK(fallback.logs[0].energy_total_kwh == Approx(600 * 100 * 1.58 / 3.6e6));
  CHECK(fallback.errors.size() == 1);
  std::filesystem::remove_all(dir);
}
