// region_db.h — grid carbon intensity and PUE by region (hardware_db/regions.yaml).
//
// Parse() validates every region (ranges: CI 0–1500 g/kWh, PUE 1.0–2.5; unique ids and aliases;
// `grid` names an existing region) and reports problems with file and line. Find() takes an id or
// alias, case-insensitively; unknown regions are errors with suggestions. PueFor() says which
// PUE applies (the site's, else the provider default, else the global default) and its source.
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.h"
#include "hardware_db/alias_index.h"
#include "hardware_db/region.h"

namespace foreprint {

class RegionDb {
 public:
  static Result<RegionDb> Parse(const std::string& text, const std::string& file);
  // Compact JSON written at build time (hardware_db/tools/datagen.cc) and read back at start-up.
  std::string ToJson() const;
  static Result<RegionDb> FromJson(const std::string& text, const std::string& file);
  static Result<const RegionDb*> Builtin();

  const std::vector<Region>& regions() const { return regions_; }
  const SourcedValue& global_pue() const { return global_pue_; }
  const std::map<std::string, SourcedValue>& provider_pue() const { return provider_pue_; }

  Result<const Region*> Find(std::string_view id_or_alias) const;
  const Region* TryFind(std::string_view id_or_alias) const;
  std::vector<std::string> Suggest(std::string_view query, size_t limit = 5) const;

  // The PUE that applies to `region` when the user gives none, with its source.
  SourcedValue PueFor(const Region& region) const;

 private:
  // Indexes ids and aliases and checks cross-references (grid, provider).
  Status BuildIndex(const std::string& file);
  std::vector<Region> regions_;
  SourcedValue global_pue_;
  std::map<std::string, SourcedValue> provider_pue_;
  AliasIndex index_;
};

}  // namespace foreprint
