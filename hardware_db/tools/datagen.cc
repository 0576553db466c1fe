// datagen.cc — a build step, not part of foreprint: validates hardware_db/devices.yaml and
// regions.yaml with the real loaders (a bad row fails the build with file:line) and writes the
// compact JSON copies that are compiled into the binary, so `foreprint` starts without parsing YAML.
// Usage: foreprint_datagen DEVICES.yaml REGIONS.yaml OUT_DEVICES.json OUT_REGIONS.json
#include <iostream>

#include "core/data_files.h"
#include "hardware_db/device_db.h"
#include "hardware_db/region_db.h"

namespace foreprint {
// The generator runs before anything is embedded.
std::span<const EmbeddedFile> EmbeddedFiles() { return {}; }
}  // namespace foreprint

int main(int argc, char** argv) {
  using namespace foreprint;
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
