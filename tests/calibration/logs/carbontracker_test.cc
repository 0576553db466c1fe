// Carbontracker's text logs: console output captured into any file, the *_output.log with its
// Actual and Predicted blocks, the full log with epoch lines only, interrupted runs, several runs.
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>

#include "calibration/logs/log_reader.h"
#include "temp_log.h"
#include "test_util.h"

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
  // Without a total in the _output.log, the full log's epochs are used: 600 s × 100 W × 1.55, the
  // PUE of version 1.2.5 (the log states no PUE line).
  std::ofstream(dir / "2021-01-01T000000Z_carbontracker_output.log") << "2021-01-01 00:00:00 - carbontracker\n";
  LogSet fallback = ReadLogs({dir.string()}, LogFormat::kAuto);
  REQUIRE(fallback.logs.size() == 1);
  CHECK(fallback.logs[0].energy_total_kwh == Approx(600 * 100 * 1.55 / 3.6e6));
  CHECK(*fallback.logs[0].pue == Approx(1.55));
  CHECK(fallback.errors.size() == 1);
  std::filesystem::remove_all(dir);
}

TEST_CASE("Carbontracker 1.0.0–1.0.4: 'First N epoch(s):' is the measurement, no PUE applied", "[logs][carbontracker]") {
  const std::string log =
      "2020-05-02 12:00:10,123 - CarbonTrackerThread - INFO - CarbonTracker: \nFirst 1 epoch(s):\n"
      "\tTime: 0:00:34.567891 s\n\tEnergy: 0.0048 kWh\n\tCO2eq: 0.2480 g\n"
      "2020-05-02 12:00:10,456 - MainThread - INFO - CarbonTracker: \nPrediction for 10 epoch(s):\n"
      "\tTime: 0:05:45.678910 s\n\tEnergy: 0.0477 kWh\n\tCO2eq: 2.4804 g\n";
  auto r = ReadText("2020-05-02T12:00Z_carbontracker_output.log", log);
  REQUIRE(r.ok());
  CHECK(r->energy_total_kwh == Approx(0.0048));
  CHECK(r->duration_s == Approx(34.567891));
  CHECK(*r->pue == 1.0);
  CHECK(r->scope == EnergyScope::kItMeasured);
  CHECK(*r->tracker_predicted_kwh == Approx(0.0477));  // reported, not added
  CHECK(*r->epochs_planned == 10);
  CHECK_FALSE(AnyWarning(*r, "assumed"));
}

TEST_CASE("Carbontracker 1.2.0+ and 2.x: 'Actual consumption:' without an epoch count", "[logs][carbontracker]") {
  const std::string log =
      "2023-09-11 10:00:24 - CarbonTracker: \nActual consumption:\n\tTime:\t0:00:24\n"
      "\tEnergy:\t0.000286936393 kWh\n\tCO2eq:\t0.043470863590 g\n\tThis is equivalent to:\n"
      "\t0.000404380126 km travelled by car\n2023-09-11 10:00:24 - CarbonTracker: Finished monitoring.\n";
  auto r = ReadText("34014.419685_2023-09-11T100000Z_carbontracker_output.log", log);
  REQUIRE(r.ok());
  CHECK(r->energy_total_kwh == Approx(0.000286936393));
  CHECK(*r->epochs == 1);
  CHECK(AnyWarning(*r, "the PUE Carbontracker applied is not stated in this log"));  // output log alone
  CHECK(*r->pue == Approx(1.58));
}

TEST_CASE("Carbontracker: several measured blocks in one file are runs, summed with a warning; forecasts are not",
          "[logs][carbontracker]") {
  // Two trackers started together (1.1.6 names files by the second): each writes Actual then Predicted.
  std::string log;
  for (const char* kwh : {"0.007037", "0.008436"}) {
    log += std::string("2022-05-20 11:08:54 - CarbonTracker: \nActual consumption for 1 epoch(s):\n\tTime:\t0:00:52\n"
                       "\tEnergy:\t") + kwh + " kWh\n\tCO2eq:\t1.0 g\n"
                       "2022-05-20 11:08:55 - CarbonTracker: \nPredicted consumption for 108 epoch(s):\n"
                       "\tTime:\t1:32:46\n\tEnergy:\t0.8 kWh\n\tCO2eq:\t97.6 g\n";
  }
  auto r = ReadText("2022-05-20T110802Z_carbontracker_output.log", log);
  REQUIRE(r.ok());
  CHECK(r->runs == 2);
  CHECK(r->energy_total_kwh == Approx(0.015473));
  CHECK(r->duration_s == 104);
  CHECK(*r->tracker_predicted_kwh == Approx(1.6));  // both runs' forecasts, reported only
  CHECK(*r->epochs_planned == 216);
  CHECK(AnyWarning(*r, "2 'Actual consumption' blocks: 2 runs written to one log, summed (2 of them ran at the same "
                       "time); each process measured the whole CPU"));
}

TEST_CASE("Carbontracker: interleaved standard logs of concurrent trackers pair lines in order", "[logs][carbontracker]") {
  // Two processes: 10 s at (100 + 50) W and 20 s at (200 + 30) W, × PUE 1.59 (stated):
  // (1,500 + 4,600) J × 1.59 = 9,699 J.
  const std::string log =
      "2022-05-25 18:54:22 - carbontracker version 1.1.6\n2022-05-25 18:54:22 - carbontracker version 1.1.6\n"
      "2022-05-25 18:54:22 - Only predicted and actual consumptions are multiplied by a PUE coefficient of 1.59 (…).\n"
      "2022-05-25 18:55:01 - Epoch 1:\n2022-05-25 18:55:01 - Epoch 1:\n"
      "2022-05-25 18:55:01 - Duration: 0:00:10.00\n2022-05-25 18:55:01 - Duration: 0:00:20.00\n"
      "2022-05-25 18:55:01 - Average power usage (W) for gpu: [100.]\n"
      "2022-05-25 18:55:01 - Average power usage (W) for gpu: [200.]\n"
      "2022-05-25 18:55:01 - Average power usage (W) for cpu: [20. 30.]\n"
      "2022-05-25 18:55:01 - Average power usage (W) for cpu: [10. 20.]\n";
  auto r = ReadText("2022-05-25T185422Z_carbontracker.log", log);
  REQUIRE(r.ok());
  CHECK(r->energy_total_kwh == Approx(9699 / 3.6e6));
  CHECK(r->duration_s == 30);
  CHECK(*r->pue == Approx(1.59));
  CHECK(AnyWarning(*r, "the epoch lines of several trackers interleave"));
}

TEST_CASE("Carbontracker: a zero-length run is warned about; epochs without power are not a measurement",
          "[logs][carbontracker]") {
  auto zero = ReadText("z_carbontracker_output.log",
                       "2022-05-10 17:27:18 - CarbonTracker: \nActual consumption for 1 epoch(s):\n\tTime:\t0:00:00\n"
                       "\tEnergy:\t0.000000 kWh\n\tCO2eq:\t0.000000 g\n");
  REQUIRE(zero.ok());
  CHECK(zero->energy_total_kwh == 0);
  CHECK(AnyWarning(*zero, "the 'Actual consumption' block measured nothing (Time 0, Energy 0)"));
  auto none = ReadText("n_carbontracker.log",
                       "2026-05-27 17:48:40 - carbontracker version 2.4.4\n2026-05-27 17:48:41 - Epoch 1:\n"
                       "2026-05-27 17:48:41 - Duration: 0:00:00.00\n"
                       "2026-05-27 17:48:41 - Average power usage (W) for gpu: None\n"
                       "2026-05-27 17:48:41 - Average power usage (W) for cpu: None\n");
  REQUIRE_FALSE(none.ok());
  CHECK(none.error().message == "no 'Actual consumption' block, and every epoch's power is None: nothing was measured");
}

TEST_CASE("Carbontracker: the PUE by version, and from the standard log beside an output log", "[logs][carbontracker]") {
  CHECK(*CarbontrackerPue("1.0.6") == 1.0);
  CHECK(*CarbontrackerPue("1.1.1") == 1.58);
  CHECK(*CarbontrackerPue("1.1.4") == 1.67);
  CHECK(*CarbontrackerPue("1.1.6") == 1.59);
  CHECK(*CarbontrackerPue("1.2.5") == 1.55);
  CHECK(*CarbontrackerPue("2.4.4") == 1.58);
  CHECK_FALSE(CarbontrackerPue("x"));
  // A 1.0.6 output log: its line format says it (threadName - levelname), and 1.0.x applied none.
  auto old = ReadText("o_carbontracker_output.log",
                      "2020-05-11 12:00:10,123 - MainThread - INFO - CarbonTracker: \nActual consumption for 1 epoch(s):"
                      "\n\tTime:\t1 day, 2:03:04.500000\n\tEnergy:\t9.123456 kWh\n\tCO2eq:\t912.3456 g\n");
  REQUIRE(old.ok());
  CHECK(*old->pue == 1.0);
  CHECK(old->duration_s == Approx(93784.5));
  // An output log with its standard log (version 1.1.3: PUE 1.67) and its error log in one folder.
  const auto dir = std::filesystem::temp_directory_path() / "foreprint-test-ct-version";
  std::filesystem::create_directories(dir);
  std::ofstream(dir / "27148_2020-08-24T120000Z_carbontracker.log") << "2020-08-24 12:00:00 - carbontracker version 1.1.3\n";
  std::ofstream(dir / "27148_2020-08-24T120000Z_carbontracker_output.log")
      << "2020-08-24 12:10:00 - CarbonTracker: \nActual consumption for 1 epoch(s):\n\tTime:\t0:10:00\n"
         "\tEnergy:\t0.5 kWh\n\tCO2eq:\t50 g\n";
  std::ofstream(dir / "27148_2020-08-24T120000Z_carbontracker_err.log")
      << "2020-08-24 12:10:00,001 - MainThread - WARNING - Epoch duration is too short\n";
  LogSet set = ReadLogs({dir.string()}, LogFormat::kAuto);
  std::filesystem::remove_all(dir);
  REQUIRE(set.logs.size() == 1);
  CHECK(set.errors.empty());
  CHECK(*set.logs[0].pue == Approx(1.67));
  CHECK_FALSE(AnyWarning(set.logs[0], "assumed"));
  CHECK(AnyWarning(set.logs[0], "_carbontracker_err.log holds no measurement: not read"));
}

TEST_CASE("Carbontracker: a numpy array wrapped onto the next line; 2.x's per-device average", "[logs][carbontracker]") {
  // 8 GPUs at 300–307 W (2,428 W) for 1 h, × PUE 1.59: 3.86052 kWh.
  const std::string wrapped =
      "2020-12-08 10:00:00 - carbontracker version 1.1.6\n2020-12-08 11:00:00 - Epoch 1:\n"
      "2020-12-08 11:00:00 - Duration: 1:00:00.00\n"
      "2020-12-08 11:00:00 - Average power usage (W) for gpu: [300. 301. 302. 303. 304. 305. 306.\n 307.]\n";
  auto r = ReadText("w_carbontracker.log", wrapped);
  REQUIRE(r.ok());
  CHECK(r->energy_total_kwh == Approx(2428 * 1.59 / 1000));
  const std::string v2 =
      "2024-09-20 12:00:00 - carbontracker version 2.0.0\n"
      "2024-09-20 12:00:00 - The following components were found: GPU with device(s) NVIDIA A100-SXM4-40GB, NVIDIA "
      "A100-SXM4-40GB.\n2024-09-20 13:00:00 - Epoch 1:\n2024-09-20 13:00:00 - Duration: 1:00:00.00\n"
      "2024-09-20 13:00:00 - Average power usage (W) for gpu: 300.0\n";
  auto s = ReadText("v2_carbontracker.log", v2);
  REQUIRE(s.ok());
  CHECK(s->energy_total_kwh == Approx(0.3 * 1.58));
  CHECK(AnyWarning(*s, "Carbontracker 2.x averages power over the devices of a component: with 2 GPUs its energy is "
                       "about 1/2 of theirs"));
}

TEST_CASE("Carbontracker's real logs: CO2eq and epochs of every measured block", "[logs][carbontracker]") {
  // Worked out by hand from the Actual blocks (sums over the blocks of a file): file, CO2eq g, epochs.
  struct Expected {
    const char* file;
    double co2_g;
    int epochs;
  };
  const Expected all[] = {{"02-PedramBakh-nc_nasbench.log", 0.248042, 1},   {"04-PedramBakh-nc_nasbench.log", 104.550859, 1},
                          {"05-PedramBakh-nc_nasbench.log", 1.562518, 6},   {"07-PedramBakh-nc_nasbench.log", 2.212659, 2},
                          {"08-PedramBakh-nc_nasbench.log", 0.230598, 1},   {"10-PedramBakh-nc_nasbench.log", 0.0, 1},
                          {"13-dadyownes15-carbontracker-redone.log", 0.0, 1}};
  for (const auto& x : all) {
    INFO(x.file);
    auto s = ReadLog(test::TestData(std::string("logs/carbontracker/") + x.file), LogFormat::kAuto);
    REQUIRE(s.ok());
    CHECK(*s->co2e_kg * 1000 == Approx(x.co2_g).margin(1e-9));
    CHECK(*s->epochs == x.epochs);
  }
}
