// datagen.cc — a build step, not part of foreprint: validates hardware_db/devices.yaml, regions.yaml and
// instances.yaml with the real loaders (a bad row fails the build with file:line), checks that every
// region's hourly_profile names a profile in the hourly files, and writes the compact JSON copies that
// are compiled into the binary, so `foreprint` starts without parsing YAML.
// Usage: foreprint_datagen SOURCE_DIR OUT_DIR
//   reads SOURCE_DIR/hardware_db/{devices,regions,instances}.yaml and the hourly files
//   (hardware_db/hourly_profile.h), writes OUT_DIR/{devices,regions,instances,hourly_profiles}.json
//        foreprint_datagen --water WATER.yaml REGIONS.yaml OUT_WATER.json   (sites and grids checked against regions)
#include <iostream>
#include <string_view>

#include "core/data_files.h"
#include "hardware_db/device_db.h"
#include "hardware_db/hourly_profile.h"
#include "hardware_db/instance_db.h"
#include "hardware_db/region_db.h"
#include "hardware_db/water_db.h"

namespace foreprint {
// The generator runs before anything is embedded.
std::span<const EmbeddedFile> EmbeddedFiles() { return {}; }

namespace {

int Fail(const Error& e) {
  std::cerr << "error: " << e.Format() << "\n";
  return 2;
}

Result<HourlyProfiles> LoadProfiles(const std::string& src) {
  return HourlyProfiles::LoadFiles([&](const char* path) -> Result<std::pair<std::string, std::string>> {
    const std::string full = src + "/" + path;
    auto text = ReadTextFile(full);
    if (!text) return text.error();
    return std::pair{std::move(*text), full};
  });
}

// Every hourly_profile in regions.yaml must name a loaded profile: a typo would otherwise silently
// leave the region on its annual value.
Status CheckProfiles(const RegionDb& regions, const HourlyProfiles& profiles, const std::string& file) {
  for (const auto& g : regions.regions()) {
    if (!g.hourly_profile.empty() && !profiles.Find(g.hourly_profile)) {
      Error e = MakeError("hourly_profile '" + g.hourly_profile + "' is in none of the hourly files");
      return e.At(file, g.line).Field("regions." + g.id + ".hourly_profile");
    }
  }
  return {};
}

int Run(const std::string& src, const std::string& out) {
  const std::string dir = src + "/hardware_db/";
  auto dtext = ReadTextFile(dir + "devices.yaml");
  if (!dtext) return Fail(dtext.error());
  auto devices = DeviceDb::Parse(*dtext, dir + "devices.yaml");
  if (!devices) return Fail(devices.error());
  auto rtext = ReadTextFile(dir + "regions.yaml");
  if (!rtext) return Fail(rtext.error());
  auto regions = RegionDb::Parse(*rtext, dir + "regions.yaml");
  if (!regions) return Fail(regions.error());
  auto itext = ReadTextFile(dir + "instances.yaml");
  if (!itext) return Fail(itext.error());
  auto instances = InstanceDb::Parse(*itext, dir + "instances.yaml", *devices, *regions);
  if (!instances) return Fail(instances.error());
  auto profiles = LoadProfiles(src);
  if (!profiles) return Fail(profiles.error());
  if (auto st = CheckProfiles(*regions, *profiles, dir + "regions.yaml"); !st) return Fail(st.error());
  for (auto [name, text] : {std::pair{"/devices.json", devices->ToJson()}, {"/regions.json", regions->ToJson()},
                            {"/instances.json", instances->ToJson()}, {"/hourly_profiles.json", profiles->ToJson()}}) {
    if (auto st = WriteFileAtomically(out + name, text); !st) return Fail(st.error());
  }
  return 0;
}

// --water WATER.yaml REGIONS.yaml OUT_WATER.json
int WaterMain(char** argv) {
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
}  // namespace foreprint

int main(int argc, char** argv) {
  if (argc == 5 && std::string_view(argv[1]) == "--water") return foreprint::WaterMain(argv);
  if (argc != 3) {
    std::cerr << "usage: foreprint_datagen SOURCE_DIR OUT_DIR\n";
    return 2;
  }
  return foreprint::Run(argv[1], argv[2]);
}
