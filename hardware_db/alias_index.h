// alias_index.h — finds an item by id or alias, ignoring case, spaces and punctuation.
//
// Lookup tries the exact lower-case spelling first, then the NormalizeKey() form
// ("NVIDIA A100 SXM4 80 GB" = "nvidia-a100-sxm4-80gb"). Two items may not share a key in either
// form; Add() reports the clash so the database loader can name the line.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/suggest.h"

namespace foreprint {

class AliasIndex {
 public:
  // Maps `key` to item `index` (whose id is `id`). Returns the id of the item that already owns
  // the key when it is a different item, else nullopt.
  std::optional<std::string> Add(std::string_view key, size_t index, const std::string& id);

  std::optional<size_t> Find(std::string_view query) const;
  std::vector<std::string> Suggest(std::string_view query, size_t limit = 5) const;

 private:
  struct Entry {
    size_t index;
    std::string id;
  };
  std::unordered_map<std::string, Entry> exact_;       // lower-case key
  std::unordered_map<std::string, Entry> normalized_;  // NormalizeKey(key)
  std::vector<SuggestionCandidate> candidates_;
};

}  // namespace foreprint
