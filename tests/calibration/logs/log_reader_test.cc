// Real tracker logs from public repositories (tests/data/logs, provenance in SOURCES.csv). The
// expected totals were computed independently (Python csv + datetime, trapezoid by hand).
#include "calibration/logs/log_reader.h"

#include <catch2/catch.hpp>

#include "test_util.h"

using namespace foreprint;

namespace {
LogSummary Read(const std::string& rel, LogFormat format = LogFormat::kAuto) {
  auto s = ReadLog(test::TestData("logs/" + rel), format);
  INFO(rel << ": " << (s ? std::string() : s.error().Format()));
  REQUIRE(s.ok());
  return *s;
}
}  // namespace

TEST_CASE("CodeCarbon v1.x with CR CR LF line ends and non-ASCII text", "[logs]") {
  LogSummary s = Read("codecarbon/01-dataforgoodfr-climatewatch.csv");
  CHECK(s.format == LogFormat::kCodeCarbon);
  CHECK(s.rows == 2);
  CHECK(s.runs == 2);
  CHECK(s.skipped_rows == 0);
  CHECK(s.duration_s == Approx(34.463451623916626));
  CHECK(s.energy_total_kwh == Approx(0.000335423665610805));
  CHECK(*s.co2e_kg == Approx(0.000142415497896302));
  CHECK(!s.gpu_kwh);
  CHECK(s.scope == EnergyScope::kItMeasured);
  CHECK(s.location == "France / île-de-france");
}

TEST_CASE("CodeCarbon v2.0 header, v3.0 with GPU energy, v3.2 with moved columns", "[logs]") {
  LogSummary v2 = Read("codecarbon/03-CrystalGazers-TAED2_CrystalGazers.csv");
  CHECK(v2.duration_s == Approx(2632.279694080353));
  CHECK(v2.energy_total_kwh == Approx(0.012430027720530744));
  CHECK(*v2.co2e_kg == Approx(0.0023617052669008144));
  LogSummary a100 = Read("codecarbon/08-IlayMalinyak-LightSpec.csv");
  CHECK(a100.rows == 7);
  CHECK(a100.energy_total_kwh == Approx(0.2694248936613681));
  CHECK(*a100.gpu_kwh == Approx(0.1752118568360499));
  CHECK(a100.duration_s == Approx(3073.618342992384));
  CHECK(a100.device_model.find("A100") != std::string::npos);
  LogSummary jetson = Read("codecarbon/12-BaekChoiLee-jetson_nano_edgeai.csv");
  CHECK(jetson.energy_total_kwh == Approx(1.6417636354346644e-05));
  CHECK(*jetson.co2e_kg == Approx(7.068892432181971e-06));
  LogSummary v32 = Read("codecarbon/11-Akialess-nnLandmark.csv");
  CHECK(*v32.gpu_kwh == Approx(4.8627816679885916e-06));
}

TEST_CASE("CodeCarbon: 'None' run ids are separate runs; inconsistent values are warned about", "[logs]") {
  LogSummary none = Read("codecarbon/09-Spain-AI-worshop-ia-sostenible.csv");
  CHECK(none.rows == 13);
  CHECK(none.runs == 13);
  CHECK(none.energy_total_kwh == Approx(0.020070613438406805));
  LogSummary odd = Read("codecarbon/06-se4ai2324-uniba-ITdisambiguation.csv");
  CHECK(odd.energy_total_kwh == Approx(0.6212128493797443));
  bool power = false, mismatch = false;
  for (const auto& w : odd.warnings) {
    power = power || w.find(":2: cpu_power 68367 W is implausible") != std::string::npos;
    mismatch = mismatch || w.find("differs from cpu + gpu + ram") != std::string::npos;
  }
  CHECK(power);
  CHECK(mismatch);
}

TEST_CASE("eco2AI: quoted commas, per-epoch increments, nan cost", "[logs]") {
  LogSummary fed = Read("eco2ai/01-Ahmed-Khaled-Saleh-Fed-Sophia-pytorch.csv");
  CHECK(fed.format == LogFormat::kEco2ai);
  CHECK(fed.rows == 3);
  CHECK(fed.duration_s == Approx(8228.658279418945));
  CHECK(fed.energy_total_kwh == Approx(0.3273358713735981));
  CHECK(*fed.co2e_kg == Approx(0.12790649173923344));
  CHECK(*fed.device_count == 2);
  CHECK(fed.location == "US/Iowa");
  LogSummary raman = Read("eco2ai/02-vladimir-laz-raman_spectras.csv");
  CHECK(raman.rows == 50);
  CHECK(raman.runs == 7);
  CHECK(raman.duration_s == Approx(174963.43262672424));
  CHECK(raman.energy_total_kwh == Approx(2.3029173046522136));
  CHECK(*raman.co2e_kg == Approx(0.5539897868071345));
  CHECK(raman.device_model == "Tesla V100-PCIE-32GB");
}

TEST_CASE("nvidia-smi native format and the epoch-seconds variant integrate by trapezoid", "[logs]") {
  LogSummary native = Read("nvidia-smi/01-PranavDani-Flame.csv");
  CHECK(native.format == LogFormat::kNvidiaSmi);
  CHECK(native.rows == 73);
  CHECK(native.duration_s == Approx(3.624000072479248).epsilon(1e-6));
  CHECK(native.energy_total_kwh == Approx(2.2172314320007953e-05).epsilon(1e-6));
  CHECK(native.scope == EnergyScope::kAcceleratorMeasured);
  LogSummary variant = Read("nvidia-smi/02-nhatminh-hoang-CoralMonSter.csv");
  CHECK(variant.rows == 120);
  CHECK(variant.duration_s == Approx(63.05003261566162).epsilon(1e-6));
  CHECK(variant.energy_total_kwh == Approx(0.00029732322881288005).epsilon(1e-6));
}

TEST_CASE("a Carbontracker log with only a traceback is an error that says why", "[logs]") {
  auto s = ReadLog(test::TestData("logs/carbontracker/01-StrombergNLP-Low-Carbon-NLP.log"), LogFormat::kAuto);
  REQUIRE(!s.ok());
  CHECK(s.error().message.find("no 'Actual consumption' block: the run failed") != std::string::npos);
  CHECK(s.error().message.find("NoComponentsAvailableError") != std::string::npos);
}

TEST_CASE("a directory is read in name order, unreadable files reported", "[logs]") {
  LogSet set = ReadLogs({test::TestData("logs")}, LogFormat::kAuto);
  CHECK(set.logs.size() == 11);
  REQUIRE(set.errors.size() == 2);  // the failed Carbontracker run and SOURCES.csv
  CHECK(set.logs.front().file.find("codecarbon/01-") != std::string::npos);
}
