#include "calibration/logs/carbontracker_epochs.h"

#include <algorithm>

namespace foreprint {
namespace {

constexpr size_t kMaxOpenEpochs = 4096;

bool Has(const std::vector<std::string>& v, const std::string& x) { return std::find(v.begin(), v.end(), x) != v.end(); }

}  // namespace

bool CarbontrackerEpochs::Complete(const Epoch& e) const {
  if (e.components.empty()) return false;
  for (const auto& k : known_) {
    if (!Has(e.components, k)) return false;
  }
  return true;
}

void CarbontrackerEpochs::Close(const Epoch& e) {
  if (!e.any) {
    ++unmeasured_;
    return;
  }
  ++measured_;
  seconds_ += e.seconds;
  joules_ += e.seconds * e.watts;
}

void CarbontrackerEpochs::Duration(double seconds) {
  while (!open_.empty() && Complete(open_.front())) {
    Close(open_.front());
    open_.pop_front();
  }
  if (!open_.empty() && open_.back().components.empty()) interleaved_ = true;  // a Duration before its powers
  if (open_.size() >= kMaxOpenEpochs) {
    Close(open_.front());
    open_.pop_front();
  }
  open_.push_back(Epoch{seconds, 0, false, {}});
}

void CarbontrackerEpochs::Power(const std::string& component, std::optional<double> watts) {
  if (!Has(known_, component)) known_.push_back(component);
  for (Epoch& e : open_) {
    if (Has(e.components, component)) continue;
    e.components.push_back(component);
    if (watts) {
      e.watts += *watts;
      e.any = true;
    }
    return;
  }
  // A power line without an open epoch (a log cut before its Duration): nothing to pair it with.
}

void CarbontrackerEpochs::Finish() {
  for (const Epoch& e : open_) Close(e);
  open_.clear();
}

}  // namespace foreprint
