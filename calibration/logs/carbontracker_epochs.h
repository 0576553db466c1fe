// carbontracker_epochs.h — the energy a Carbontracker standard log's epoch lines imply, as
// Carbontracker computes its total: Σ over epochs of Duration × Σ components' average power (W)
// (× its PUE, applied by the caller).
//
// Trackers started together write one log (1.0.x–1.2.x share one logger, and ≤ 1.1.6 name files
// by the second), so their lines interleave: "Epoch 1:", "Epoch 1:", "Duration: …", "Duration: …",
// "… for gpu: …", "… for gpu: …", "… for cpu: …", "… for cpu: …". Each Duration opens an epoch and
// each component's power line goes to the oldest open epoch that lacks that component (first in,
// first out), which reproduces every run's own total. `None` (no sample in the epoch) adds
// nothing; an epoch whose components are all None measured nothing and is left out. Memory: the
// open epochs, at most 4096 (the oldest is then closed).
#pragma once

#include <deque>
#include <optional>
#include <string>
#include <vector>

namespace foreprint {

class CarbontrackerEpochs {
 public:
  void Duration(double seconds);
  // One "Average power usage (W) for <component>: …" line: the summed watts, nullopt for None.
  void Power(const std::string& component, std::optional<double> watts);
  void Finish();  // closes every open epoch

  int measured() const { return measured_; }      // epochs with at least one power reading
  int unmeasured() const { return unmeasured_; }  // epochs whose every component was None
  double seconds() const { return seconds_; }     // of the measured epochs
  double joules() const { return joules_; }       // before any PUE
  bool interleaved() const { return interleaved_; }

 private:
  struct Epoch {
    double seconds = 0, watts = 0;
    bool any = false;                     // a reading that is not None
    std::vector<std::string> components;  // those that reported (None included)
  };
  bool Complete(const Epoch& e) const;
  void Close(const Epoch& e);

  std::deque<Epoch> open_;
  std::vector<std::string> known_;  // components seen so far
  int measured_ = 0, unmeasured_ = 0;
  double seconds_ = 0, joules_ = 0;
  bool interleaved_ = false;
};

}  // namespace foreprint
