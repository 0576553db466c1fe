#include "core/quantity_parser.h"

#include <catch2/catch.hpp>

using namespace foreprint;

TEST_CASE("counts accept magnitude suffixes", "[units]") {
  CHECK(*ParseCount("7B") == 7e9);
  CHECK(*ParseCount("7e9") == 7e9);
  CHECK(*ParseCount("7000M") == 7e9);
  CHECK(*ParseCount("2T") == 2e12);
  CHECK(*ParseCount("350M") == 350e6);
  CHECK(*ParseCount("1.2e24") == 1.2e24);
  CHECK(*ParseCount(" 7 b ") == 7e9);
  CHECK(*ParseCount("1.28M") == Approx(1.28e6));
  CHECK(*ParseCount("3K") == 3000);
  CHECK(*ParseCount("10G") == 1e10);
}

TEST_CASE("bad counts are errors that say what is wrong", "[units]") {
  CHECK(ParseCount("7X").error().message.find("unknown suffix 'X'") != std::string::npos);
  CHECK(ParseCount("seven").error().message.find("not a number") != std::string::npos);
  CHECK(!ParseCount(""));
  CHECK(!ParseCount("inf"));
  CHECK(!ParseCount("nan"));
  CHECK(!ParseCount("0x10"));
  CHECK(!ParseCount("1e400"));
  CHECK(!ParseCount("7BB"));
}

TEST_CASE("power needs a unit", "[units]") {
  CHECK(ParsePower("400 W")->value() == 400);
  CHECK(ParsePower("0.4 kW")->value() == Approx(400));
  CHECK(ParsePower("350W")->value() == 350);
  CHECK(ParsePower("400").error().message.find("has no unit") != std::string::npos);
  CHECK(ParsePower("400 V").error().message.find("unknown power unit") != std::string::npos);
}

TEST_CASE("carbon intensity units convert to g/kWh", "[units]") {
  CHECK(ParseCarbonIntensity("385 g/kWh")->value() == 385);
  CHECK(ParseCarbonIntensity("0.385 kg/kWh")->value() == Approx(385));
  CHECK(ParseCarbonIntensity("385 kg/MWh")->value() == 385);
  CHECK(ParseCarbonIntensity("385 gCO2e/kWh")->value() == 385);
  CHECK(ParseCarbonIntensity("0.385 kg CO2eq/kWh")->value() == Approx(385));
  // eGRID publishes lb/MWh: 1000 lb/MWh = 453.59237 g/kWh.
  CHECK(ParseCarbonIntensity("1000 lb/MWh")->value() == Approx(453.59237));
  CHECK(!ParseCarbonIntensity("385"));
  CHECK(!ParseCarbonIntensity("385 g/MJ"));
}

TEST_CASE("durations", "[units]") {
  CHECK(ParseDuration("36 h")->value() == 36 * 3600);
  CHECK(ParseDuration("3 days")->value() == 3 * 86400);
  CHECK(ParseDuration("90 min")->value() == 5400);
  CHECK(ParseDuration("5400 s")->value() == 5400);
  CHECK(!ParseDuration("3 weeks"));
}

TEST_CASE("unit products carry the right scale", "[units]") {
  // 400 W for 1 h = 0.4 kWh; 0.4 kWh at 500 g/kWh = 0.2 kg.
  KilowattHours e = Watts(400) * Hours(1);
  CHECK(e.value() == Approx(0.4));
  CHECK((e * GramsPerKwh(500)).value() == Approx(0.2));
  CHECK((Flop(3.6e15) / Tflops(1)).value() == Approx(3600));
}
