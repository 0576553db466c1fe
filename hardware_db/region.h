// region.h — one grid region (country, state, province, cloud region) from hardware_db/regions.yaml.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/units.h"

namespace foreprint {

struct Region {
  std::string id;               // "FR", "US-CA", "aws:us-east-1"
  std::vector<std::string> aliases;
  std::string name;
  std::string kind;             // country | us-state | ca-province | subnational | cloud | world
  std::string provider;         // aws | gcp | azure for cloud regions, else empty
  std::string grid;             // id of the grid region a cloud region draws from
  std::string location;         // city / country of a cloud region
  GramsPerKwh ci;               // annual location-based grid intensity
  int year = 0;                 // year of `ci`
  std::string source;
  std::optional<double> pue;    // only where the operator publishes one for this site
  std::string pue_source;
  std::string hourly_profile;   // EIA-930 balancing authority code, when mapped
  int line = 0;
};

// A PUE value and where it comes from.
struct SourcedValue {
  double value = 0;
  std::string source;
};

}  // namespace foreprint
