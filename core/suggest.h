// suggest.h — "did you mean" for ids typed by people.
//
// Candidates are (key, id) pairs: several keys (id, aliases) can lead to one id. Matching is on
// NormalizeKey() forms, so case, spaces and punctuation don't count. Prefix and substring matches
// rank first, then edit distance; ties keep the candidates' order. Returns at most `limit` ids.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace foreprint {

struct SuggestionCandidate {
  std::string key;  // any spelling that leads to `id`
  std::string id;   // what is suggested
};

std::vector<std::string> Suggest(std::string_view query, const std::vector<SuggestionCandidate>& candidates,
                                 size_t limit = 5);
// The same over plain names (each name is its own id): keys, enum values, prior names.
std::vector<std::string> SuggestName(std::string_view query, const std::vector<std::string>& names, size_t limit = 5);

// "unknown device 'H10' — did you mean: A, B, C" (or a hint to list them when nothing is close).
std::string UnknownIdMessage(std::string_view what, std::string_view query,
                             const std::vector<std::string>& suggestions, std::string_view list_hint);

}  // namespace foreprint
