// datagen.cc — a build step, not part of foreprint: validates hardware_db/devices.yaml and
// regions.yaml with the real loaders (a bad row fails the build with file:line) and writes the
// compact JSON copies that are compiled into the binary, so `foreprint` starts without parsing YAML.
// Usage: foreprint_datagen DEVICES.yaml REGIONS.yaml OUT_DEVICES.json OUT_REGIONS.json
//        foreprint_datagen --water WATER.yaml REGIONS.yaml OUT_WATER.json   (sites and grids checked against regions)
#include <iostream>
#include <string_view>

#include "core/data_files.h"
#include "hardware_db/device_db.h"
#include "hardware_db/region_db.h"
#include "hardware_db/water_db.h"

namespace foreprint {
// The generator runs before anything is embedded.
std::span<const EmbeddedFile> EmbeddedFiles() { return {}; }
}  // namespace foreprint

namespace {

int Fail(const foreprint::Error& e) {
  std::cerr << "error: " << e.Format() << "\n";
  return 2;
}

// --water WATER.yaml REGIONS.yaml OUT_WATER.json
int WaterMain(char** argv) {
  using namespace foreprint;
  auto wtext = ReadTextFile(argv[2]);
  if (!wtext) return Fail(wtext.error());
  auto rtext = ReadTextFile(argv[3]);
  if (!rtext) return Fail(rtext.error());
  auto water = WaterDb::Parse(*wtext, argv[2]);
  if (!water) return Fail(water.error());
  auto regions = RegionDb::Parse(*rtext, argv[3]);
  if (!regions) return Fail(regions.error());
  if (auto st = water->CheckRegions(*regions, argv[2]); !st) return Fail(st.error());
  if (auto st = WriteFileAtomically(argv[4], water->ToJson()); !st) return Fail(st.error());
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  using namespace foreprint;
  if (argc == 5 && std::string_view(argv[1]) == "--water") return WaterMain(argv);
  if (argc != 5) {
    std::cerr << "usage: foreprint_datagen DEVICES.yaml REGIONS.yaml OUT_DEVICES.json OUT_REGIONS.json\n";
    return 2;
  }
  auto dtext = ReadTextFile(argv[1]);
  auto rtext = ReadTextFile(argv[2]);
  if (!dtext || !rtext) {
    std::cerr << "error: " << (dtext ? rtext.error() : dtext.error()).Format() << "\n";
    return 2;
  }
  auto devices = DeviceDb::Parse(*dtext, argv[1]);
  if (!devices) {
    std::cerr << "error: " << devices.error().Format() << "\n";
    return 2;
  }
  auto regions = RegionDb::Parse(*rtext, argv[2]);
  if (!regions) {
    std::cerr << "error: " << regions.error().Format() << "\n";
    return 2;
  }
  for (auto [path, text] : {std::pair{argv[3], devices->ToJson()}, {argv[4], regions->ToJson()}}) {
    if (auto st = WriteFileAtomically(path, text); !st) {
      std::cerr << "error: " << st.error().Format() << "\n";
      return 2;
    }
  }
  return 0;
}
