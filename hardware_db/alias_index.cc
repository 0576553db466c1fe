#include "hardware_db/alias_index.h"

#include "core/text.h"

namespace foreprint {

std::optional<std::string> AliasIndex::Add(std::string_view key, size_t index, const std::string& id) {
  const std::string lower = ToLower(Trim(key));
  const std::string norm = NormalizeKey(key);
  for (auto* table : {&exact_, &normalized_}) {
    const std::string& k = table == &exact_ ? lower : norm;
    if (k.empty()) continue;
    auto it = table->find(k);
    if (it != table->end() && it->second.index != index) return it->second.id;
  }
  exact_.emplace(lower, Entry{index, id});
  if (!norm.empty()) normalized_.emplace(norm, Entry{index, id});
  candidates_.push_back({std::string(key), id});
  return std::nullopt;
}

std::optional<size_t> AliasIndex::Find(std::string_view query) const {
  auto it = exact_.find(ToLower(Trim(query)));
  if (it != exact_.end()) return it->second.index;
  const std::string norm = NormalizeKey(query);
  if (norm.empty()) return std::nullopt;
  auto jt = normalized_.find(norm);
  if (jt != normalized_.end()) return jt->second.index;
  return std::nullopt;
}

std::vector<std::string> AliasIndex::Suggest(std::string_view query, size_t limit) const {
  return foreprint::Suggest(query, candidates_, limit);
}

}  // namespace foreprint
