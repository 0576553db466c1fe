// Hand-made edge cases for the log readers: every one has a known answer.
#include "temp_path.h"
#include <catch2/catch.hpp>
#include <unistd.h>
#include <cstdio>
#include <filesystem>
#include <fstream>

#include "calibration/logs/csv_fields.h"
#include "calibration/logs/log_reader.h"
#include "calibration/logs/log_time.h"

using namespace foreprint;

namespace {

// Writes `text` to a temporary file; removed when the object goes.
struct TempFile {
  explicit TempFile(const std::string& name, const std::string& text)
      : path((std::filesystem::temp_directory_path() / (foreprint::test::TempPrefix() + name)).string()) {
    std::ofstream(path, std::ios::binary) << text;
  }
  ~TempFile() { std::remove(path.c_str()); }
  std::string path;
};

const char* kCodeCarbonHeader =
    "timestamp,project_name,run_id,duration,emissions,emissions_rate,cpu_power,gpu_power,ram_power,cpu_energy,"
    "gpu_energy,ram_energy,energy_consumed,country_name,country_iso_code,region,cloud_provider,cloud_region,pue\n";

std::string CcRow(const std::string& run, double duration, double energy, double co2, double pue = 1.0,
                  const std::string& end = "2025-01-01T00:00:00") {
  // Components add up: cpu 10 %, gpu 80 %, ram 10 % of the IT energy (energy / pue).
  const double it = energy / pue;
  return end + ",p," + run + "," + std::to_string(duration) + "," + std::to_string(co2) + ",0,10,100,5," +
         std::to_string(0.1 * it) + "," + std::to_string(0.8 * it) + "," + std::to_string(0.1 * it) + "," +
         std::to_string(energy) + ",France,FRA,,,," + std::to_string(pue) + "\n";
}

bool test_warning(const LogSummary& s, const std::string& part) {
  for (const auto& w : s.warnings) {
    if (w.find(part) != std::string::npos) return true;
  }
  return false;
}

Result<LogSummary> ReadText(const std::string& name, const std::string& text, LogFormat f = LogFormat::kAuto) {
  TempFile t(name, text);
  return ReadLog(t.path, f);
}

}  // namespace

TEST_CASE("empty files, header-only files and unknown headers are clear errors", "[logs][edge]") {
  CHECK(ReadText("empty.csv", "").error().message == "the file is empty");
  CHECK(ReadText("blank.csv", "\n\n  \n").error().message == "the file is empty");
  CHECK(ReadText("header.csv", kCodeCarbonHeader).error().message == "header only: the log has no rows");
  auto unknown = ReadText("unknown.csv", "a,b,c\n1,2,3\n");
  CHECK(unknown.error().message.rfind("cannot tell which tracker wrote this file", 0) == 0);
  CHECK(unknown.error().line == 1);
  auto binary = ReadText("binary.csv", std::string("\x7f" "ELF\0\0\0\x01\x02", 9));
  CHECK(!binary.ok());
}

TEST_CASE("a wrong delimiter: semicolons (with decimal commas) are read and named; one column is an error",
          "[logs][edge]") {
  std::string semi = "timestamp;duration;emissions;energy_consumed\n2025-01-01T00:00:00;10;0,1;0,25\n";
  auto r = ReadText("semi.csv", semi);
  REQUIRE(r.ok());
  CHECK(r->format == LogFormat::kCodeCarbon);
  CHECK(r->energy_total_kwh == Approx(0.25));
  CHECK(*r->co2e_kg == Approx(0.1));
  REQUIRE(!r->warnings.empty());
  CHECK(r->warnings[0].find("semi.csv:1: fields are separated by ';', not commas") != std::string::npos);
  std::string pipes = "timestamp|duration|emissions|energy_consumed\n2025-01-01T00:00:00|10|0.1|0.25\n";
  auto p = ReadText("pipes.csv", pipes, LogFormat::kCodeCarbon);
  REQUIRE(!p.ok());
  CHECK(p.error().message == "not a CodeCarbon emissions.csv: no 'duration' column (is the delimiter a comma?)");
  CHECK(ReadText("pipes2.csv", pipes).error().message.rfind("cannot tell which tracker wrote this file", 0) == 0);
}

TEST_CASE("a truncated last row and shifted columns are skipped with file:line, not misread", "[logs][edge]") {
  std::string text = std::string(kCodeCarbonHeader) + CcRow("a", 100, 1.0, 0.1) + CcRow("b", 200, 2.0, 0.2) +
                     "2025-01-01T00:00:00,p,c,300,0.3,0,10,100";  // cut mid-row
  auto r = ReadText("trunc.csv", text);
  REQUIRE(r.ok());
  CHECK(r->rows == 2);
  CHECK(r->skipped_rows == 1);
  CHECK(r->energy_total_kwh == Approx(3.0));
  REQUIRE(!r->warnings.empty());
  CHECK(r->warnings[0].find((foreprint::test::TempPrefix() + "trunc.csv:4: row has 8 fields, the header 19")) != std::string::npos);
}

TEST_CASE("NaN, empty and negative numbers skip the row", "[logs][edge]") {
  std::string text = std::string(kCodeCarbonHeader) + CcRow("a", 100, 1.0, 0.1);
  text += "2025-01-01T00:00:00,p,b,nan,0.1,0,10,100,5,0.1,0.8,0.1,1.0,France,FRA,,,,1\n";
  text += "2025-01-01T00:00:00,p,c,100,,0,10,100,5,0.1,0.8,0.1,1.0,France,FRA,,,,1\n";
  text += "2025-01-01T00:00:00,p,d,100,0.1,0,10,100,5,0.1,0.8,0.1,-1.0,France,FRA,,,,1\n";
  auto r = ReadText("nan.csv", text);
  REQUIRE(r.ok());
  CHECK(r->rows == 1);
  CHECK(r->skipped_rows == 3);
  CHECK(r->energy_total_kwh == Approx(1.0));
}

TEST_CASE("BOM and CRLF are accepted; cumulative rows of one run keep the longest", "[logs][edge]") {
  // r1 started at 00:00:00 and was flushed at 00:01:40 and 00:03:20.
  std::string text = "\xEF\xBB\xBF" + std::string(kCodeCarbonHeader) +
                     CcRow("r1", 100, 1.0, 0.1, 1.0, "2025-01-01T00:01:40") +
                     CcRow("r1", 200, 2.0, 0.2, 1.0, "2025-01-01T00:03:20") + CcRow("r2", 50, 0.5, 0.05);
  std::string crlf;
  for (char c : text) {
    if (c == '\n') crlf += '\r';
    crlf += c;
  }
  auto r = ReadText("bom.csv", crlf);
  REQUIRE(r.ok());
  CHECK(r->rows == 3);
  CHECK(r->runs == 2);
  CHECK(r->duration_s == Approx(250));
  CHECK(r->energy_total_kwh == Approx(2.5));
  CHECK(*r->co2e_kg == Approx(0.25));
}

TEST_CASE("CodeCarbon: a run id reused by runs with different start times counts each run", "[logs][edge]") {
  // Same id, starts at 00:00:00 and 01:00:00 (end − duration): two runs, 1.0 + 2.0 kWh.
  auto r = ReadText("reused.csv", std::string(kCodeCarbonHeader) + CcRow("x", 100, 1.0, 0.1, 1.0, "2025-01-01T00:01:40") +
                                      CcRow("x", 200, 2.0, 0.2, 1.0, "2025-01-01T01:03:20"));
  REQUIRE(r.ok());
  CHECK(r->runs == 2);
  CHECK(r->energy_total_kwh == Approx(3.0));
  CHECK(test_warning(*r, "reused.csv:2: run x names 2 runs with different start times: each is counted"));
}

TEST_CASE("CodeCarbon with a PUE is facility scope", "[logs][edge]") {
  auto r = ReadText("pue.csv", std::string(kCodeCarbonHeader) + CcRow("a", 100, 1.2, 0.1, 1.2));
  REQUIRE(r.ok());
  CHECK(r->scope == EnergyScope::kFacilityMeasured);
  CHECK(*r->pue == Approx(1.2));
}

TEST_CASE("Carbontracker: the Actual block is read, with its PUE and epochs", "[logs][edge]") {
  std::string log =
      "2020-04-09 14:37:42 - carbontracker version 1.1.6\n"
      "2020-04-09 14:37:42 - Only predicted and actual consumptions are multiplied by a PUE coefficient of 1.58 "
      "(Rhonda Ascierto, 2019, Uptime Institute Global Data Center Survey).\n"
      "2020-04-09 14:37:53 - Epoch 1:\nDuration: 0:00:10.23\n"
      "2020-04-09 14:37:53 - Carbon intensity for the next 0:00:20 is predicted to be 162.51 gCO2/kWh at detected "
      "location: Copenhagen, Capital Region, DK.\n"
      "2020-04-09 14:37:53 - \nPredicted consumption for 2 epoch(s):\n\tTime:\t0:00:20\n\tEnergy:\t0.000543 kWh\n"
      "\tCO2eq:\t0.088318 g\n\tThis is equivalent to:\n\t0.000734 km travelled by car\n"
      "2020-04-09 14:38:03 - Epoch 2:\nDuration: 0:00:10.11\n"
      "2020-04-09 14:38:13 - \nActual consumption for 2 epoch(s):\n\tTime:\t1 day, 0:00:20\n\tEnergy:\t1.5 kWh\n"
      "\tCO2eq:\t0.25 kg\n\tThis is equivalent to:\n\t2.07 km travelled by car\n";
  auto r = ReadText("run_carbontracker_output.log", log);
  REQUIRE(r.ok());
  CHECK(r->format == LogFormat::kCarbontracker);
  CHECK(r->duration_s == Approx(86420));
  CHECK(r->energy_total_kwh == Approx(1.5));
  CHECK(*r->co2e_kg == Approx(0.25));
  CHECK(*r->pue == Approx(1.58));
  CHECK(r->scope == EnergyScope::kFacilityMeasured);
  CHECK(*r->ci_g_per_kwh == Approx(162.51));
  CHECK(r->location == "Copenhagen, Capital Region, DK");
  auto predicted_only = ReadText("p_carbontracker.log", log.substr(0, log.find("2020-04-09 14:38:03")));
  REQUIRE(!predicted_only.ok());
  CHECK(predicted_only.error().message == "no 'Actual consumption' block (only a prediction of 5.43e-04 kWh)");
}

TEST_CASE("nvidia-smi: several GPUs by index, gaps and [N/A] rows", "[logs][edge]") {
  // Two GPUs at 100 W and 200 W for 10 s each, then a 2-minute pause, then 10 s more.
  std::string log = "timestamp, index, name, power.draw [W]\n";
  auto row = [&](int t, int gpu, const char* watts) {
    char buf[120];
    std::snprintf(buf, sizeof buf, "2025/01/01 00:%02d:%02d.000, %d, NVIDIA A100-SXM4-40GB, %s\n", t / 60, t % 60,
                  gpu, watts);
    log += buf;
  };
  for (int t = 0; t <= 10; ++t) {
    row(t, 0, "100.00 W");
    row(t, 1, "200.00 W");
  }
  row(11, 1, "[N/A]");
  for (int t = 130; t <= 140; ++t) {
    row(t, 0, "100.00 W");
    row(t, 1, "200.00 W");
  }
  auto r = ReadText("smi.csv", log);
  REQUIRE(r.ok());
  CHECK(*r->device_count == 2);
  CHECK(r->skipped_rows == 1);
  CHECK(r->energy_total_kwh == Approx((100 + 200) * 20 / 3.6e6));  // 20 s integrated per GPU
  CHECK(r->duration_s == Approx(140));
  bool gap = false;
  for (const auto& w : r->warnings) gap = gap || w.find("gap(s) longer than 60 s") != std::string::npos;
  CHECK(gap);
  CHECK(r->device_model == "NVIDIA A100-SXM4-40GB");
}

TEST_CASE("nvidia-smi: GPUs told apart by position when there is no index column", "[logs][edge]") {
  std::string log = "timestamp, power.draw [W]\n";
  for (int t = 0; t <= 4; ++t) {
    log += "2025/01/01 00:00:0" + std::to_string(t) + ".000, 50 W\n";
    log += "2025/01/01 00:00:0" + std::to_string(t) + ".000, 150 W\n";
  }
  auto r = ReadText("smi2.csv", log);
  REQUIRE(r.ok());
  CHECK(*r->device_count == 2);
  CHECK(r->energy_total_kwh == Approx(200 * 4 / 3.6e6));
}

TEST_CASE("nvidia-smi: a million rows stream through in bounded memory", "[logs][edge][slow]") {
  const auto path =
      (std::filesystem::temp_directory_path() / (foreprint::test::TempPrefix() + "1m.csv")).string();
  {
    std::ofstream out(path);
    out << "timestamp, power.draw [W]\n";
    char buf[64];
    for (int i = 0; i < 1000000; ++i) {  // 10 Hz for 100,000 s at a constant 300 W
      const int s = i / 10;
      std::snprintf(buf, sizeof buf, "2025/01/%02d %02d:%02d:%02d.%d00, 300.00 W\n", 1 + s / 86400, s / 3600 % 24,
                    s / 60 % 60, s % 60, i % 10);
      out << buf;
    }
  }
  auto r = ReadLog(path, LogFormat::kAuto);
  std::remove(path.c_str());
  REQUIRE(r.ok());
  CHECK(r->rows == 1000000);
  CHECK(r->duration_s == Approx(99999.9).epsilon(1e-9));
  CHECK(r->energy_total_kwh == Approx(300 * 99999.9 / 3.6e6).epsilon(1e-9));
}

TEST_CASE("Zeus windows are summed in joules", "[logs][edge]") {
  auto r = ReadText("zeus.csv", "window_name,elapsed_time,gpu0_energy,gpu1_energy,cpu0_energy\n"
                                "epoch1,10,3600000,3600000,360000\nepoch2,20,7200000,7200000,720000\n");
  REQUIRE(r.ok());
  CHECK(r->format == LogFormat::kZeus);
  CHECK(r->duration_s == 30);
  CHECK(r->energy_total_kwh == Approx(6.0));
  CHECK(*r->cpu_kwh == Approx(0.3));
  CHECK(*r->device_count == 2);
}

TEST_CASE("line reader: CR CR LF, lone CR, over-long lines", "[logs][edge]") {
  LineReader a = LineReader::FromString("one\r\r\ntwo\r\n\nthree");
  std::string l;
  std::vector<std::string> got;
  while (a.Next(&l)) got.push_back(l);
  CHECK(got == std::vector<std::string>{"one", "two", "", "three"});
  LineReader b = LineReader::FromString("x\ry\rz");
  got.clear();
  while (b.Next(&l)) got.push_back(l);
  CHECK(got == std::vector<std::string>{"x", "y", "z"});
  LineReader c = LineReader::FromString(std::string(LineReader::kMaxLine + 10, 'a') + "\nnext\n");
  REQUIRE(c.Next(&l));
  CHECK(c.Truncated());
  CHECK(l.size() == LineReader::kMaxLine);
  REQUIRE(c.Next(&l));
  CHECK(l == "next");
  CHECK(c.line_number() == 2);
}

TEST_CASE("line reader: UTF-16 with a surrogate pair split across reads; a cut file", "[logs][edge]") {
  // BOM + 32,766 'a' = 65,534 bytes: the 4 bytes of U+1F600 straddle the 64 KiB read boundary.
  std::string le = "\xFF\xFE";
  for (int i = 0; i < 32766; ++i) le += std::string("a\0", 2);
  le += std::string("\x3D\xD8\x00\xDE", 4);  // U+1F600 as D83D DE00
  le += std::string("\n\0x\0\xEE\0\n\0y", 9);  // "\nxî\ny" and half a code unit
  LineReader r = LineReader::FromString(le);
  std::string l;
  REQUIRE(r.Next(&l));
  CHECK(l == std::string(32766, 'a') + "\xF0\x9F\x98\x80");
  REQUIRE(r.Next(&l));
  CHECK(l == "x\xC3\xAE");
  REQUIRE(r.Next(&l));
  CHECK(l == "\xEF\xBF\xBD");  // 'y' with its second byte missing
  CHECK(!r.Next(&l));
  CHECK(r.Utf16());
  CHECK(!r.BinaryLooking());
}

TEST_CASE("log numbers and times", "[logs][edge]") {
  CHECK(*ParseLogNumber(" 22.89 W", true) == Approx(22.89));
  CHECK(!ParseLogNumber("22.89 W"));
  CHECK(!ParseLogNumber("[N/A]", true));
  CHECK(!ParseLogNumber("nan"));
  CHECK(!ParseLogNumber("inf"));
  CHECK(*ParseLogTimeSeconds("1970-01-02 00:00:01") == 86401);
  CHECK(*ParseLogTimeSeconds("1970/01/01 00:00:00.250") == Approx(0.25));
  CHECK(*ParseLogTimeSeconds("1763736779.573550209") == Approx(1763736779.57355));
  CHECK(!ParseLogTimeSeconds("yesterday"));
  CHECK(*ParseLogTimeSeconds("1970-01-01T01:00:00+01:00") == 0);
  CHECK(*ParseLogTimeSeconds("1970-01-01 00:00:01,500") == 1.5);
  CHECK(*ParseLogTimeSeconds("Thu Jan  1 00:01:00 1970") == 60);
  CHECK(*ParseLogTimeSeconds("1700000000123") == Approx(1700000000.123));
  CHECK(!ParseLogTimeSeconds("2024-13-01 00:00:00"));
  CHECK(!ParseLogTimeSeconds("12345"));
  CHECK(*ParseTimeOfDay("18:42:33.5") == 67353.5);
  CHECK(*ParseClockDuration("1 day, 2:03:04") == 93784);
  CHECK(!ParseClockDuration("1:2:3:4"));
  CHECK(*ParseClockDuration("0:00:20.5") == 20.5);
  CHECK(!ParseClockDuration("twenty"));
}
