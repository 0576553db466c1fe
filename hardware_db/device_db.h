// device_db.h — the accelerator database (hardware_db/devices.yaml) and lookup by id or alias.
//
// Parse() validates every row (required keys, units, plausible ranges, unique ids and aliases)
// and reports the first problem with file and line. Find() accepts ids, aliases and the bare
// family names listed under `default_variants`, ignoring case and punctuation; an unknown name
// is an error with "did you mean" suggestions, never a silent default.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/error.h"
#include "hardware_db/alias_index.h"
#include "hardware_db/device.h"

namespace foreprint {

struct DefaultVariant {
  std::string alias;   // e.g. "NVIDIA A100"
  std::string id;      // the device it stands for
  std::string reason;  // why this variant
};

class DeviceDb {
 public:
  static Result<DeviceDb> Parse(const std::string& text, const std::string& file);
  // The same database as compact JSON (written at build time by hardware_db/tools/datagen.cc, so
  // the binary doesn't parse YAML at every start) and back.
  std::string ToJson() const;
  static Result<DeviceDb> FromJson(const std::string& text, const std::string& file);
  // The database built into the binary (or read from the data directory); loaded once.
  static Result<const DeviceDb*> Builtin();

  const std::vector<Device>& devices() const { return devices_; }
  const std::vector<DefaultVariant>& default_variants() const { return defaults_; }
  const std::string& file() const { return file_; }

  Result<const Device*> Find(std::string_view id_or_alias) const;
  const Device* TryFind(std::string_view id_or_alias) const;
  std::vector<std::string> Suggest(std::string_view query, size_t limit = 5) const;
  // Bare names that map to `id` through default_variants.
  std::vector<std::string> DefaultAliasesOf(const std::string& id) const;

 private:
  // Indexes ids, aliases and default variants; an error names the clashing key.
  Status BuildIndex(const std::string& file);
  std::vector<Device> devices_;
  std::vector<DefaultVariant> defaults_;
  AliasIndex index_;
  std::string file_;
};

}  // namespace foreprint
