// fuzz_database.cc — any bytes as devices.yaml, regions.yaml, instances.yaml, fitted.yaml, the hourly
// profile CSVs and OpenCarbonEval's table: each loader returns a value or an error, never crashes.
#include <cstdint>
#include <string>

#include "hardware_db/hourly_profile.h"
#include "estimator/model_params.h"
#include "estimator/throughput_oce.h"
#include "hardware_db/device_db.h"
#include "hardware_db/instance_db.h"
#include "hardware_db/region_db.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace foreprint;
  const std::string s(reinterpret_cast<const char*>(data), size);
  if (auto db = DeviceDb::Parse(s, "devices.yaml")) {
    for (const auto& d : db->devices()) db->Find(d.id);
    db->Find("H10");
  }
  if (auto db = RegionDb::Parse(s, "regions.yaml")) {
    for (const auto& g : db->regions()) db->PueFor(g);
    db->Find("nowhere");
  }
  if (auto p = ModelParams::Parse(s, "fitted.yaml")) ModelParams::Parse(p->ToYaml(), "again.yaml");
  if (auto devices = DeviceDb::Builtin(); devices) {
    if (auto regions = RegionDb::Builtin(); regions) {
      if (auto db = InstanceDb::Parse(s, "instances.yaml", **devices, **regions)) {
        for (const auto& in : db->instances()) db->Cheapest(in.accelerator, in.prices.front().region, 3);
        db->Find("p5.48xlarg");
      }
    }
  }
  HourlyProfiles::Parse(s, "hourly.csv");
  HourlyProfiles::Parse(s, "hourly.csv", "Electricity Maps", 0);
  OceTable::Parse(s, "oce.csv");
  return 0;
}
