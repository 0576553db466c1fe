// Real tracker logs from public repositories (tests/data/logs, provenance in SOURCES.csv). The
// expected totals were computed independently (Python csv + datetime, trapezoid by hand).
#include "calibration/logs/log_reader.h"

#include <catch2/catch.hpp>

#include "core/csv.h"
#include "core/data_files.h"
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

TEST_CASE("every real log's totals match an independent computation", "[logs]") {
  // Python one-off: csv.DictReader; CodeCarbon runs keyed by run_id (v1.x: experiment_id; "None"
  // and empty ids are runs of their own), the longest row of a run kept; eco2AI rows summed.
  struct Expected {
    const char* file;
    LogFormat format;
    long rows;
    int runs;
    double duration_s, energy_kwh, co2e_kg;
  };
  const Expected all[] = {
      {"codecarbon/01-dataforgoodfr-climatewatch.csv", LogFormat::kCodeCarbon, 2, 2, 34.463451623916626,
       0.00033542366561080497, 0.000142415497896302},
      {"codecarbon/02-huggingface-peft.csv", LogFormat::kCodeCarbon, 3, 3, 27.745439529418945, 0.0010023564548352431,
       0.00056763446037319803},
      {"codecarbon/03-CrystalGazers-TAED2_CrystalGazers.csv", LogFormat::kCodeCarbon, 2, 2, 2632.2796940803528,
       0.012430027720530744, 0.0023617052669008144},
      {"codecarbon/04-sjhuskey-dll-hybrid.csv", LogFormat::kCodeCarbon, 1, 1, 5531.2557058334351, 0.079126030866834909,
       0.037459973246103395},
      {"codecarbon/05-1gni5-green-hackathon.csv", LogFormat::kCodeCarbon, 1, 1, 423.06187272071838,
       0.0069700267990235416, 0.00046971010598619652},
      {"codecarbon/06-se4ai2324-uniba-ITdisambiguation.csv", LogFormat::kCodeCarbon, 1, 1, 27513.106770813465,
       0.6212128493797443, 0.0014767587675622636},
      {"codecarbon/07-JacobHeldt-SyntheticEye.csv", LogFormat::kCodeCarbon, 3, 3, 339969.72558522224,
       6.5582190888937486, 1.3803472718956882},
      {"codecarbon/08-IlayMalinyak-LightSpec.csv", LogFormat::kCodeCarbon, 7, 7, 3073.618342992384,
       0.26942489366136813, 0.15705504498734024},
      {"codecarbon/09-Spain-AI-worshop-ia-sostenible.csv", LogFormat::kCodeCarbon, 13, 13, 711.26743338800179,
       0.020070613438406805, 0.0017010048160263037},
      {"codecarbon/10-mlops-2526q1-mds-upc-TikkaMasalAI.csv", LogFormat::kCodeCarbon, 1, 1, 116.10263690000284,
       0.012530141106151948, 0.0021808710595257468},
      {"codecarbon/11-Akialess-nnLandmark.csv", LogFormat::kCodeCarbon, 1, 1, 1.5153613869988476,
       1.2337170316766916e-05, 1.7038495809377285e-06},
      {"codecarbon/12-BaekChoiLee-jetson_nano_edgeai.csv", LogFormat::kCodeCarbon, 2, 2, 16.321528898086399,
       1.6417636354346644e-05, 7.0688924321819713e-06},
      {"eco2ai/01-Ahmed-Khaled-Saleh-Fed-Sophia-pytorch.csv", LogFormat::kEco2ai, 3, 3, 8228.6582794189453,
       0.3273358713735981, 0.12790649173923344},
      {"eco2ai/02-vladimir-laz-raman_spectras.csv", LogFormat::kEco2ai, 50, 7, 174963.43262672424, 2.3029173046522136,
       0.55398978680713451},
      {"eco2ai/03-Afouene-Graduation-Internship.csv", LogFormat::kEco2ai, 2, 2, 23335.190553188324,
       0.10953361118803119, 0.062485967775269755},
  };
  for (const auto& x : all) {
    INFO(x.file);
    LogSummary s = Read(x.file);
    CHECK(s.format == x.format);
    CHECK(s.rows == x.rows);
    CHECK(s.runs == x.runs);
    CHECK(s.skipped_rows == 0);
    CHECK(s.duration_s == Approx(x.duration_s).epsilon(1e-12));
    CHECK(s.energy_total_kwh == Approx(x.energy_kwh).epsilon(1e-12));
    REQUIRE(s.co2e_kg);
    CHECK(*s.co2e_kg == Approx(x.co2e_kg).epsilon(1e-12));
    CHECK(s.scope == EnergyScope::kItMeasured);  // every one of them ran with PUE 1.0 (or before the pue column)
    CHECK(*s.pue == 1.0);
  }
}

TEST_CASE("CodeCarbon component energies and devices by header name, whatever the version", "[logs]") {
  LogSummary rtx = Read("codecarbon/07-JacobHeldt-SyntheticEye.csv");
  CHECK(*rtx.gpu_kwh == Approx(1.989511318552226));
  CHECK(*rtx.cpu_kwh == Approx(4.013526042530932));
  CHECK(*rtx.device_count == 1);
  CHECK(rtx.device_model == "1 x NVIDIA GeForce RTX 3050 Laptop GPU");
  CHECK(rtx.location == "United States / new york");
  LogSummary gcp = Read("codecarbon/02-huggingface-peft.csv");  // v1.x on GCP
  CHECK(gcp.location == "gcp:us-central1");
  CHECK(!gcp.cpu_kwh);
  LogSummary m4 = Read("codecarbon/04-sjhuskey-dll-hybrid.csv");
  CHECK(*m4.gpu_kwh == 0);
  CHECK(*m4.ci_g_per_kwh == Approx(0.037459973246103395 * 1000 / 0.079126030866834909));
}

TEST_CASE("eco2AI: the GPU name and count come from ' N device(s)'", "[logs]") {
  LogSummary gtx = Read("eco2ai/03-Afouene-Graduation-Internship.csv");
  CHECK(gtx.device_model == "NVIDIA GeForce GTX 1650");
  CHECK(*gtx.device_count == 1);
  CHECK(gtx.location == "SA/Mecca Region");
}

TEST_CASE("a directory is read in name order, unreadable files reported", "[logs]") {
  // tests/data/logs holds 88 files a directory scan takes (40 CodeCarbon, 8 eco2AI, 17 Carbontracker,
  // 16 nvidia-smi, 1 Zeus .csv/.log files, 4 BoAmps .json reports, SOURCES.csv and
  // expected_totals.csv). expected_totals.csv lists 86 of them: 75 are read and 11 are refused;
  // the two tables are no logs either. The counts are derived from expected_totals.csv here.
  auto text = ReadTextFile(test::TestData("logs/expected_totals.csv"));
  REQUIRE(text.ok());
  auto table = CsvTable::Parse(*text, "expected_totals.csv");
  REQUIRE(table.ok());
  size_t read = 0, refused = 0;
  for (size_t r = 0; r < table->rows(); ++r) {
    if (table->Get(r, "file").rfind("shared:", 0) == 0) continue;  // not under tests/data/logs
    (table->Get(r, "foreprint") == "refuse" ? refused : read) += 1;
  }
  CHECK(read == 75);
  CHECK(refused == 11);
  LogSet set = ReadLogs({test::TestData("logs")}, LogFormat::kAuto);
  CHECK(set.logs.size() == read);
  CHECK(set.errors.size() == refused + 2);  // and SOURCES.csv, expected_totals.csv
  REQUIRE(!set.logs.empty());
  CHECK(set.logs.front().file.find("boamps/01-") != std::string::npos);
  for (size_t i = 1; i < set.logs.size(); ++i) CHECK(set.logs[i - 1].file < set.logs[i].file);
}
