// BoAmps reports (the JSON CodeCarbon writes as boamps_report_<run_id>.json): recognised by their
// content, energy from measures[].powerConsumption (kWh unless a unit is given), the draft layout.
#include <catch2/catch.hpp>

#include "calibration/logs/log_reader.h"
#include "temp_log.h"
#include "test_util.h"

using namespace foreprint;
using test::AnyWarning;
using test::ReadText;

TEST_CASE("BoAmps: the real reports, whatever the file is called", "[logs][boamps]") {
  auto a = ReadLog(test::TestData("logs/boamps/01-Boavizta-BoAmps.json"), LogFormat::kAuto);
  REQUIRE(a.ok());
  CHECK(a->format == LogFormat::kBoamps);
  CHECK(a->energy_total_kwh == Approx(0.0004784439185735));
  CHECK(a->duration_s == Approx(3.508045196533203));
  CHECK(a->device_model == "2 x Tesla V100S-PCIE-32GB");
  CHECK(*a->device_count == 2);
  CHECK(a->location == "France");
  CHECK(a->scope == EnergyScope::kItMeasured);
  auto wh = ReadLog(test::TestData("logs/boamps/02-Boavizta-BoAmps.json"), LogFormat::kAuto);
  REQUIRE(wh.ok());
  CHECK(wh->energy_total_kwh == Approx(0.351));  // 351 Wh
  CHECK(*wh->ci_g_per_kwh == 25);
  auto strings = ReadLog(test::TestData("logs/boamps/03-Boavizta-BoAmps.json"), LogFormat::kAuto);
  REQUIRE(strings.ok());
  CHECK(strings->energy_total_kwh == Approx(0.359554063044399));  // "0.359554063044399"
  CHECK(strings->device_model == "tesla V100 PCIE");
  auto draft = ReadLog(test::TestData("logs/boamps/04-Boavizta-BoAmps.json"), LogFormat::kAuto);
  REQUIRE(draft.ok());
  CHECK(draft->energy_total_kwh == Approx(0.459));  // CodeCarbon 459 Wh; the wattmeter's null is no measure
  CHECK(AnyWarning(*draft, "the pre-0.1 draft layout"));
  // Detected by content under any name.
  auto named = ReadText("report.txt", "{\n \"measures\": [{\"measurementMethod\": \"codecarbon\", \"powerConsumption\": 2}]\n}\n");
  REQUIRE(named.ok());
  CHECK(named->format == LogFormat::kBoamps);
  CHECK(named->energy_total_kwh == 2);
}

TEST_CASE("BoAmps: several measures, units, empty values, damaged files", "[logs][boamps]") {
  const std::string two_tools =
      "{\"measures\": [{\"measurementMethod\": \"codecarbon\", \"powerConsumption\": 1.5},"
      " {\"measurementMethod\": \"wattmeter\", \"unit\": \"Wh\", \"powerConsumption\": 1800},"
      " {\"measurementMethod\": \"codecarbon\", \"powerConsumption\": \"0.5\", \"measurementDuration\": \"60\"},"
      " {\"measurementMethod\": \"codecarbon\", \"powerConsumption\": \"\"}]}";
  auto r = ReadText("boamps_report_x.json", two_tools);
  REQUIRE(r.ok());
  CHECK(r->energy_total_kwh == Approx(2.0));  // codecarbon's two measures; the wattmeter measured the same task
  CHECK(r->duration_s == 60);
  CHECK(AnyWarning(*r, "measures by other methods (wattmeter, 1.80 kWh) measure the same task: only 'codecarbon' is used"));
  CHECK(AnyWarning(*r, "measures[3]: powerConsumption '' in '' is not an energy: not used"));
  auto none = ReadText("boamps_report_y.json", "{\"measures\": [{\"measurementMethod\": \"codecarbon\"}]}", LogFormat::kBoamps);
  REQUIRE_FALSE(none.ok());
  CHECK(none.error().message.find("no measure with an energy") != std::string::npos);
  auto cut = ReadText("boamps_report_z.json", "{\"measures\": [{\"powerConsumption\": 1", LogFormat::kBoamps);
  REQUIRE_FALSE(cut.ok());
  CHECK(cut.error().message == "not a BoAmps report: not a JSON object");
}
