// instance_db.h — rentable cloud instances (hardware_db/instances.yaml): lookup by id with "did you
// mean", what each cloud region offers, and the cheapest way to rent N accelerators there.
//
// Parse() validates every row against the device and region databases (accelerator = a devices.yaml
// id; every price region = a regions.yaml cloud region of the instance's provider; count ≥ 1;
// devices_per_host ≥ count; on-demand > 0; spot, when given, below on-demand; unique ids) and reports
// the first problem with file and line. Availability of a device in a region:
//   not cloud        the region is not a cloud region (a country, state, …): anything can be placed there
//   no catalog data  a cloud region the catalog has no row for (the catalog is partial; INSTANCES_SOURCES.md),
//                    for a device its provider rents elsewhere
//   offered          an instance with that accelerator is priced there
//   not offered      the catalog covers the region but no instance there has that accelerator, or the
//                    provider rents the device in none of its regions (no TPU on AWS or Azure)
// Host power of an instance = vCPUs × (min + utilization × (max − min)) W per vCPU of its provider
// (Cloud Carbon Footprint's coefficients, cited in the file's `host_power` section).
#pragma once

#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/error.h"
#include "hardware_db/alias_index.h"
#include "hardware_db/device_db.h"
#include "hardware_db/instance.h"
#include "hardware_db/region_db.h"

namespace foreprint {

enum class Availability { kNotCloud, kNoCatalogData, kOffered, kNotOffered };

struct HostPowerModel {
  double utilization = 0;
  std::map<std::string, std::pair<double, double>> per_vcpu_w;  // provider → (min, max) W per vCPU
  std::string source;
  std::optional<Watts> For(const std::string& provider, std::optional<double> vcpus) const;
};

// Instances of one type to rent for a device count, and what they cost per hour together.
struct Rental {
  const Instance* instance = nullptr;
  const InstancePrice* price = nullptr;
  double instances = 0;          // ceil(count / instance->count)
  double usd_per_hour = 0;       // instances × on-demand price
};

class InstanceDb {
 public:
  static Result<InstanceDb> Parse(const std::string& text, const std::string& file, const DeviceDb& devices,
                                  const RegionDb& regions);
  // Compact JSON written at build time (hardware_db/tools/datagen.cc) and read back at run time.
  std::string ToJson() const;
  static Result<InstanceDb> FromJson(const std::string& text, const std::string& file);
  static Result<const InstanceDb*> Builtin();

  const std::vector<Instance>& instances() const { return instances_; }
  const HostPowerModel& host_power() const { return host_power_; }
  // provider → "catalog <repo>@<commit>, <date>", for notes
  const std::map<std::string, std::string>& catalog_of() const { return catalog_of_; }

  Result<const Instance*> Find(std::string_view id) const;
  const Instance* TryFind(std::string_view id) const;
  std::vector<std::string> Suggest(std::string_view query, size_t limit = 5) const;

  Availability Of(const std::string& device_id, const Region& region) const;
  bool HasCatalogData(const std::string& region_id) const { return by_region_.count(region_id) > 0; }
  // The instance type with the lowest total on-demand price for `count` accelerators in the region
  // (whole instances, so count is rounded up). A run that fills at least one whole host (an instance
  // with count == devices_per_host) rents whole hosts, as multi-node training does; smaller runs rent
  // the cheapest sizes.
  std::optional<Rental> Cheapest(const std::string& device_id, const std::string& region_id, double count) const;
  // Regions (ids) where `instance` is priced, for error messages.
  std::vector<std::string> RegionsOf(const Instance& instance) const;

 private:
  Status BuildIndex(const std::string& file);
  std::vector<Instance> instances_;
  HostPowerModel host_power_;
  std::map<std::string, std::string> catalog_of_;
  AliasIndex index_;
  struct Offer {
    size_t instance, price;  // indices into instances_ and its prices (the database is copied and moved)
  };
  std::unordered_map<std::string, std::vector<Offer>> by_region_;
  std::set<std::pair<std::string, std::string>> provider_devices_;  // (provider, device id) rented anywhere
};

}  // namespace foreprint
