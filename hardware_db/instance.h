// instance.h — one rentable cloud instance type from hardware_db/instances.yaml: which accelerator
// and how many, its host, and its on-demand price per region.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/units.h"

namespace foreprint {

struct InstancePrice {
  std::string region;                  // regions.yaml id of the instance's provider, "aws:us-east-1"
  double on_demand_usd_per_hour = 0;   // per instance
  std::optional<double> spot_usd_per_hour;
};

struct Instance {
  std::string id;                   // the provider's instance type, "p5.48xlarge"
  std::string provider;             // aws | gcp | azure
  std::string kind;                 // vm | tpu | accelerator_only (price of the accelerators alone)
  std::string accelerator;          // devices.yaml id
  int count = 0;                    // accelerators per instance (TPU: chips)
  std::string catalog_accelerator;  // the catalog's own name
  std::optional<double> vcpus, memory_gb;
  int devices_per_host = 0;         // accelerators in the whole physical host (>= count)
  std::optional<Watts> host_power;  // host watts (instances.yaml host_power × vCPUs); none without vCPUs
  std::string price_date;
  std::string source;
  std::vector<std::string> notes;
  std::vector<InstancePrice> prices;  // sorted by region id
  int line = 0;

  const InstancePrice* PriceIn(std::string_view region_id) const;
  bool accelerator_only() const { return kind == "accelerator_only"; }
};

}  // namespace foreprint
