#include "core/suggest.h"

#include <algorithm>
#include <map>

#include "core/text.h"

namespace foreprint {
namespace {

// Lower is better; negative means "not close enough to suggest".
double Score(const std::string& q, const std::string& k) {
  if (q.empty() || k.empty()) return -1;
  if (k.rfind(q, 0) == 0) return 0.0;  // ties keep the database order
  if (q.rfind(k, 0) == 0 && 2 * k.size() >= q.size()) return 0.5;
  if (k.find(q) != std::string::npos && q.size() >= 3) return 1.0;
  int full = EditDistance(q, k);
  int prefix = EditDistance(q, k.substr(0, q.size())) + 1;
  int d = std::min(full, prefix);
  int allowed = std::max<int>(1, static_cast<int>(q.size()) / 3);
  if (d > allowed) return -1;
  return 1.0 + d;
}

}  // namespace

std::vector<std::string> SuggestName(std::string_view query, const std::vector<std::string>& names, size_t limit) {
  std::vector<SuggestionCandidate> candidates;
  for (const auto& n : names) candidates.push_back({n, n});
  return Suggest(query, candidates, limit);
}

std::vector<std::string> Suggest(std::string_view query, const std::vector<SuggestionCandidate>& candidates,
                                 size_t limit) {
  const std::string q = NormalizeKey(query);
  struct Best {
    double score;
    size_t order;
  };
  std::map<std::string, Best> best;  // id → best score
  for (size_t i = 0; i < candidates.size(); ++i) {
    double s = Score(q, NormalizeKey(candidates[i].key));
    if (s < 0) continue;
    auto it = best.find(candidates[i].id);
    if (it == best.end()) {
      best.emplace(candidates[i].id, Best{s, i});
    } else if (s < it->second.score) {
      it->second.score = s;
    }
  }
  std::vector<std::pair<std::string, Best>> ranked(best.begin(), best.end());
  std::sort(ranked.begin(), ranked.end(), [](const auto& a, const auto& b) {
    if (a.second.score != b.second.score) return a.second.score < b.second.score;
    return a.second.order < b.second.order;
  });
  std::vector<std::string> out;
  for (const auto& r : ranked) {
    if (out.size() >= limit) break;
    out.push_back(r.first);
  }
  return out;
}

std::string UnknownIdMessage(std::string_view what, std::string_view query,
                             const std::vector<std::string>& suggestions, std::string_view list_hint) {
  std::string msg = "unknown " + std::string(what) + " '" + std::string(query);
  if (!suggestions.empty()) {
    msg += "' — did you mean: " + Join(suggestions, ", ");
  } else {
    msg += "' — run '" + std::string(list_hint) + "' to see them all";
  }
  return msg;
}

}  // namespace foreprint
