#include "calibration/run_record.h"

#include <catch2/catch.hpp>

using namespace foreprint;

namespace {
const char* kHeader =
    "name,modality,workload,params,active_params,tokens,flops,flops_source,device,device_string,count,device_hours,"
    "wall_hours,energy_kwh,energy_scope,pue,ci_g_per_kwh,tco2e,tco2e_kind,year,flag,source,notes\n";
}

TEST_CASE("runs.csv rows parse with empty cells as unknown", "[calibration]") {
  std::string csv = std::string(kHeader) +
                    "GPT-3,text,transformer,175000000000,,300000000000,3.14e+23,reported,V100-SXM2-32GB,V100,10000,3552000,"
                    "355.2,1287000,facility-measured,1.1,429,552.1,location,2020,,\"Patterson, 2021\",oce-validation x\n"
                    "Bad,text,transformer,,,,1e20,epoch,A100-SXM4-40GB,,8,,10,,,,,,,2021,above_peak|duplicate,src,\n";
  auto runs = ParseRuns(csv, "runs.csv");
  REQUIRE(runs.ok());
  REQUIRE(runs->size() == 2);
  const RunRecord& g = (*runs)[0];
  CHECK(*g.flops == 3.14e23);
  CHECK(*g.count == 10000);
  CHECK(g.energy_scope == EnergyScope::kFacilityMeasured);
  CHECK(g.HasMeasuredEnergy());
  CHECK(g.HasTime());
  CHECK(g.usable());
  CHECK(g.HasTag("oce-validation"));
  CHECK(!g.HasTag("oce"));
  CHECK(g.source == "Patterson, 2021");
  const RunRecord& b = (*runs)[1];
  CHECK(!b.usable());
  CHECK(b.flags == std::vector<std::string>{"above_peak", "duplicate"});
  CHECK(!b.device_hours);
  CHECK(b.line == 3);
}

TEST_CASE("a run written with RunCsvLine reads back the same", "[calibration]") {
  RunRecord r;
  r.name = "my run, v2";
  r.modality = "text";
  r.workload = "transformer";
  r.flops = 1.5e21;
  r.device = "H100-SXM5-80GB";
  r.count = 64;
  r.device_hours = 1234.5;
  r.energy_kwh = 900;
  r.energy_scope = EnergyScope::kAcceleratorMeasured;
  r.year = 2025;
  r.source = "nvidia-smi log";
  auto back = ParseRuns(RunsHeader() + "\n" + RunCsvLine(r) + "\n", "x.csv");
  REQUIRE(back.ok());
  REQUIRE(back->size() == 1);
  CHECK((*back)[0].name == "my run, v2");
  CHECK(*(*back)[0].device_hours == 1234.5);
  CHECK((*back)[0].energy_scope == EnergyScope::kAcceleratorMeasured);
}

TEST_CASE("bad run rows are errors with file and line", "[calibration]") {
  auto scope = ParseRuns(std::string(kHeader) + "x,text,transformer,,,,,,,,,,,5,joules,,,,,,,,\n", "r.csv");
  REQUIRE(!scope.ok());
  CHECK(scope.error().Format().rfind("r.csv:2: energy_scope: unknown scope 'joules'", 0) == 0);
  auto neg = ParseRuns(std::string(kHeader) + "x,text,transformer,,,,,,,,-3,,,,,,,,,,,,\n", "r.csv");
  CHECK(neg.error().field == "count");
  auto nocol = ParseRuns("name,flops\nx,1\n", "r.csv");
  CHECK(nocol.error().message.rfind("missing column 'device'", 0) == 0);
}

TEST_CASE("the shipped dataset has 100+ timed runs and every measured-energy run", "[calibration]") {
  auto runs = BuiltinRuns();
  REQUIRE(runs.ok());
  int timed = 0, measured = 0, oce = 0;
  for (const auto& r : *runs) {
    timed += r.HasTime();
    measured += r.HasMeasuredEnergy();
    oce += r.HasTag("oce-validation");
    CHECK(!r.source.empty());
  }
  CHECK(timed >= 100);
  CHECK(measured >= 20);
  CHECK(oce == 6);
}
