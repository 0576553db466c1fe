// Bad input never crashes, hangs or is silently misread: junk bytes, huge lines, invalid UTF-8,
// headers that change, odd line ends — and the CLI's exit codes and JSON stay well-formed.
#include <catch2/catch.hpp>
#include <cmath>
#include <nlohmann/json.hpp>
#include <random>

#include "calibration/logs/log_reader.h"
#include "calibration/run_record.h"
#include "temp_log.h"
#include "test_util.h"

using namespace foreprint;
using test::AnyWarning;
using test::ReadText;

namespace {

using Reader = Result<LogSummary> (*)(LineReader&, const std::string&);
const Reader kReaders[] = {ReadCodeCarbon, ReadEco2ai, ReadCarbontracker, ReadNvidiaSmi, ReadZeus};

void CheckSane(const LogSummary& s) {
  for (double v : {s.duration_s, s.energy_total_kwh, s.co2e_kg.value_or(0), s.ci_g_per_kwh.value_or(0),
                   s.cpu_kwh.value_or(0), s.gpu_kwh.value_or(0), s.ram_kwh.value_or(0)}) {
    CHECK(std::isfinite(v));
    CHECK(v >= 0);
  }
  CHECK(s.rows >= 0);
  CHECK(s.skipped_rows >= 0);
  CHECK(s.warnings.size() <= 101);
}

const char* kCodeCarbonV22 =
    "timestamp,project_name,run_id,duration,emissions,emissions_rate,cpu_power,gpu_power,ram_power,cpu_energy,"
    "gpu_energy,ram_energy,energy_consumed,country_name,country_iso_code,region,codecarbon_version\n";

}  // namespace

TEST_CASE("junk bytes through every reader: an error or sane numbers, never a crash", "[logs][robust]") {
  std::mt19937 rng(20240601);
  const std::string alphabet = std::string("0123456789.,;:-+eE \t\r\n\"WkJx/[]", 31) + std::string("\0\xff\xfe\xef", 4);
  const std::vector<std::string> heads = {
      "", kCodeCarbonV22, "id,duration(s),power_consumption(kWh),CO2_emissions(kg)\n",
      "timestamp, index, power.draw [W]\n", "elapsed_time,gpu0_energy\n", "Actual consumption for 2 epoch(s):\n"};
  for (int i = 0; i < 300; ++i) {
    std::string text = heads[i % heads.size()];
    const int n = static_cast<int>(rng() % 400);
    for (int k = 0; k < n; ++k) text += alphabet[rng() % alphabet.size()];
    for (Reader read : kReaders) {
      LineReader in = LineReader::FromString(text);
      auto s = read(in, "junk.log");
      if (s) CheckSane(*s);
    }
    DetectFormat(text, "junk.log");
  }
}

TEST_CASE("huge lines: cut at 1 MiB, skipped with their line number, no deep recursion", "[logs][robust]") {
  // A Carbontracker location line of 300,000 characters and a Zeus header padded with spaces.
  const std::string ct = "Carbon intensity for the next 0:00:20 is predicted to be 162.51 gCO2/kWh at detected location: " +
                         std::string(300000, 'x') + "\nActual consumption for 1 epoch(s):\n\tTime:\t0:00:10\n"
                         "\tEnergy:\t0.5 kWh\n\tCO2eq:\t1 g\n";
  auto a = ReadText("long_carbontracker.log", ct);
  REQUIRE(a.ok());
  CHECK(a->energy_total_kwh == 0.5);
  CHECK(a->location.size() < 400);
  auto b = ReadText("spaces.csv", "," + std::string(500000, ' ') + "gpu0_energy\n1,2\n");
  REQUIRE(b.ok());
  CHECK(b->format == LogFormat::kZeus);
  // A 2 MiB line between two good CodeCarbon rows.
  const std::string row = "2025-01-01T00:00:00,p,r1,10,0.1,0,1,1,1,0.1,0.1,0.1,0.3,France,FRA,,2.2.2\n";
  const std::string big = std::string(kCodeCarbonV22) + row + std::string(2 << 20, 'z') + "\n" +
                          "2025-01-01T00:00:00,p,r2,10,0.1,0,1,1,1,0.1,0.1,0.1,0.3,France,FRA,,2.2.2\n";
  auto c = ReadText("big.csv", big);
  REQUIRE(c.ok());
  CHECK(c->rows == 2);
  CHECK(c->skipped_rows == 1);
  CHECK(AnyWarning(*c, "big.csv:3: line longer than 1 MiB: skipped"));
  // 10,000-character fields are just text.
  const std::string wide = std::string(kCodeCarbonV22) +
                           "2025-01-01T00:00:00," + std::string(10000, 'p') + ",r1,10,0.1,0,1,1,1,0.1,0.1,0.1,0.3,"
                           "France,FRA,,2.2.2\n";
  auto d = ReadText("wide.csv", wide);
  REQUIRE(d.ok());
  CHECK(d->energy_total_kwh == Approx(0.3));
}

TEST_CASE("invalid UTF-8 in a log becomes U+FFFD; --json stays valid JSON", "[logs][robust][cli]") {
  test::TempLog t("latin1.csv", std::string(kCodeCarbonV22) +
                                    "2025-01-01T00:00:00,p,r1,10,0.1,0,1,1,1,0.1,0.1,0.1,0.3,France,FRA,\xEEle-de-france,"
                                    "2.2.2\n2025-01-01T00:00:00,p,r2,\xff\xfe,0.1\n");
  auto r = test::Cli({"validate", "--log", t.path, "--json"});
  REQUIRE(r.code == 0);
  auto j = nlohmann::json::parse(r.out);
  CHECK(j[0]["location"] == "France / \xEF\xBF\xBDle-de-france");
  CHECK(j[0]["skipped_rows"] == 1);
  CHECK(j[0]["warnings"][0].get<std::string>().find(":3: row has 5 fields, the header 17") != std::string::npos);
}

TEST_CASE("CodeCarbon upgraded mid-file: the new header maps the rows after it", "[logs][robust]") {
  // v2.2 rows, then a v2.3 header (pue added at the end) and a row with PUE 1.5.
  const std::string log =
      std::string(kCodeCarbonV22) + "2025-01-01T00:00:00,p,r1,10,0.1,0,1,1,1,0.1,0.1,0.1,0.3,France,FRA,,2.2.2\n" +
      "timestamp,project_name,run_id,duration,emissions,emissions_rate,cpu_power,gpu_power,ram_power,cpu_energy,"
      "gpu_energy,ram_energy,energy_consumed,country_name,country_iso_code,region,codecarbon_version,pue\n"
      "2025-01-02T00:00:00,p,r2,20,0.2,0,1,1,1,0.2,0.2,0.2,0.9,France,FRA,,2.3.4,1.5\n";
  auto r = ReadText("upgraded.csv", log);
  REQUIRE(r.ok());
  CHECK(r->rows == 2);
  CHECK(r->skipped_rows == 0);
  CHECK(r->energy_total_kwh == Approx(1.2));
  CHECK(*r->pue == Approx((0.3 * 1 + 0.9 * 1.5) / 1.2));
  CHECK(r->scope == EnergyScope::kFacilityMeasured);
  CHECK(AnyWarning(*r, "upgraded.csv:3: a new header: columns are mapped by its names from here on"));
}

TEST_CASE("trailing delimiters are harmless; empty rows and lone-CR files are handled", "[logs][robust]") {
  const std::string trailing = std::string(kCodeCarbonV22) +
                               "2025-01-01T00:00:00,p,r1,10,0.1,0,1,1,1,0.1,0.1,0.1,0.3,France,FRA,,2.2.2,\n" +
                               ",,,,,,,,,,,,,,,,\n";
  auto a = ReadText("trailing.csv", trailing);
  REQUIRE(a.ok());
  CHECK(a->rows == 1);
  CHECK(a->skipped_rows == 1);  // the row of empty fields
  CHECK(AnyWarning(*a, "trailing.csv:3: duration, emissions or energy_consumed missing"));
  auto b = ReadText("cr.csv", "elapsed_time,gpu0_energy\r10,3600000\r20,3600000\r");
  REQUIRE(b.ok());
  CHECK(b->rows == 2);
  CHECK(b->energy_total_kwh == Approx(2.0));
}

TEST_CASE("eco2AI: a pue column, component columns, CO2 missing in a row", "[logs][robust]") {
  const std::string log =
      "id,project_name,experiment_description,epoch,start_time,duration(s),power_consumption(kWh),"
      "CO2_emissions(kg),CPU_name,GPU_name,OS,region/country,cost,cpu_power(kWh),gpu_power(kWh),ram_power(kWh),pue\n"
      "a,p,d,,2024-01-01 00:00:00,100,1.5,0.5,cpu,NVIDIA A100 4 device(s),Linux,DE/Berlin,,0.2,0.7,0.1,1.5\n"
      "b,p,d,N/A,2024-01-01 01:00:00,100,1.5,,cpu,NVIDIA A100 4 device(s),Linux,DE/Berlin,,0.2,0.7,0.1,1.5\n";
  auto r = ReadText("eco.csv", log);
  REQUIRE(r.ok());
  CHECK(r->energy_total_kwh == 3.0);
  CHECK(*r->pue == 1.5);
  CHECK(r->scope == EnergyScope::kFacilityMeasured);
  CHECK(*r->gpu_kwh == Approx(1.4));
  CHECK(*r->device_count == 4);
  CHECK(r->device_model == "NVIDIA A100");
  CHECK(!r->co2e_kg);
  CHECK(AnyWarning(*r, "CO2_emissions(kg) is missing in some rows: no CO2e total is given"));
}

TEST_CASE("Zeus: GPU indices need not start at 0", "[logs][robust]") {
  auto r = ReadText("zeus2.csv", "start_time,window_name,elapsed_time,gpu2_energy,gpu3_energy\n"
                                 "1700000000.0,train,100,1800000,1800000\n1700000100.0,train,100,1800000,1800000\n");
  REQUIRE(r.ok());
  CHECK(r->format == LogFormat::kZeus);
  CHECK(r->energy_total_kwh == Approx(2.0));
  CHECK(r->duration_s == 200);
  CHECK(*r->device_count == 2);
}

TEST_CASE("validate exit codes: 2 when nothing is read, 0 with warnings when rows are skipped", "[logs][robust][cli]") {
  test::TempLog header_only("hdr.csv", kCodeCarbonV22);
  auto a = test::Cli({"validate", "--log", header_only.path});
  CHECK(a.code == 2);
  CHECK(a.err.find("header only: the log has no rows") != std::string::npos);
  test::TempLog skipped("skip.csv", std::string(kCodeCarbonV22) +
                                        "2025-01-01T00:00:00,p,r1,10,0.1,0,1,1,1,0.1,0.1,0.1,0.3,France,FRA,,2.2.2\n"
                                        "2025-01-01T00:00:00,p,r2,nan,0.1,0,1,1,1,0.1,0.1,0.1,0.3,France,FRA,,2.2.2\n");
  auto b = test::Cli({"validate", "--log", skipped.path, header_only.path});
  CHECK(b.code == 0);
  CHECK(b.err.find("warning: " + skipped.path + ":3: duration, emissions or energy_consumed missing") !=
        std::string::npos);
  CHECK(b.err.find("warning: " + header_only.path + ": header only") != std::string::npos);
  auto c = test::Cli({"validate", "--log", skipped.path, "--format", "zeus"});
  CHECK(c.code == 2);
  CHECK(c.err.find("not a Zeus log: no gpu<N>_energy column") != std::string::npos);
}

TEST_CASE("validate --emit-run: a GPU log without a config is an accelerator-measured run", "[logs][robust][cli]") {
  auto r = test::Cli({"validate", "--log", test::TestData("logs/nvidia-smi/02-nhatminh-hoang-CoralMonSter.csv"),
                      "--emit-run"});
  REQUIRE(r.code == 0);
  auto runs = ParseRuns(r.out, "emitted.csv");
  REQUIRE(runs.ok());
  REQUIRE(runs->size() == 1);
  const RunRecord& run = runs->front();
  CHECK(run.name == "02-nhatminh-hoang-CoralMonSter");
  CHECK(run.energy_scope == EnergyScope::kAcceleratorMeasured);
  CHECK(*run.energy_kwh == Approx(0.00029732322881288005));
  CHECK(*run.wall_hours == Approx(63.050032615661621 / 3600));
  CHECK(*run.count == 1);
  CHECK(*run.year == 2025);
}
