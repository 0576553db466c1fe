#include "calibration/mlperf_validation.h"

#include <algorithm>
#include <cmath>
#include <functional>
#include <future>
#include <map>
#include <set>
#include <thread>

#include "calibration/mlperf_runs.h"

namespace foreprint {
namespace {

constexpr double kForwardFirstRound = 3.0;      // forward-in-time test predicts v3.0 … v5.0
constexpr int kMinRankedDevices = 3;            // a ranking needs at least three systems

bool IsMlperf(const PreparedRun& r) { return r.setting == Setting::kBenchmark && r.time_ok; }

// Runs `fold(k)` for k in [0, n) on the machine's cores; each fold refits on its own Ceres problem.
Status ParallelFolds(size_t n, const std::function<Status(size_t)>& fold) {
  const size_t workers = std::max<size_t>(1, std::min<size_t>(n, std::thread::hardware_concurrency()));
  std::vector<std::future<Status>> tasks;
  for (size_t w = 0; w < workers; ++w) {
    tasks.push_back(std::async(std::launch::async, [&, w]() -> Status {
      for (size_t k = w; k < n; k += workers) {
        if (auto st = fold(k); !st) return st;
      }
      return {};
    }));
  }
  Status result;
  for (auto& t : tasks) {
    Status st = t.get();
    if (!st && result) result = st;
  }
  return result;
}

// Refits with `include` and predicts the run time (minutes) of each run in `predict`.
Status RefitAndPredict(const std::vector<PreparedRun>& runs, const std::vector<bool>& include,
                       const FitOptions& opts, const std::vector<size_t>& predict, std::vector<double>& minutes_out) {
  auto fit = Fit(runs, include, opts);
  if (!fit) return fit.error();
  for (size_t i : predict) minutes_out[i] = PredictDeviceHours(fit->params, runs[i]) / runs[i].count * 60.0;
  return {};
}

double RunMinutes(const PreparedRun& r) { return *r.run->wall_hours * 60.0; }

std::vector<double> Ranks(const std::vector<double>& v) {
  std::vector<size_t> idx(v.size());
  for (size_t i = 0; i < idx.size(); ++i) idx[i] = i;
  std::sort(idx.begin(), idx.end(), [&](size_t a, size_t b) { return v[a] < v[b]; });
  std::vector<double> rank(v.size());
  for (size_t i = 0; i < idx.size();) {
    size_t j = i;
    while (j + 1 < idx.size() && v[idx[j + 1]] == v[idx[i]]) ++j;
    for (size_t k = i; k <= j; ++k) rank[idx[k]] = 0.5 * (i + j) + 1;
    i = j + 1;
  }
  return rank;
}

double MedianOf(std::vector<double> v) {
  if (v.empty()) return 0;
  std::sort(v.begin(), v.end());
  const size_t n = v.size();
  return n % 2 ? v[n / 2] : 0.5 * (v[n / 2 - 1] + v[n / 2]);
}

Status LeaveOneSystemOut(const std::vector<PreparedRun>& runs, const FitOptions& opts, std::vector<double>& pred,
                         int& systems) {
  std::map<std::string, std::vector<size_t>> by_group;
  for (size_t i = 0; i < runs.size(); ++i) if (IsMlperf(runs[i])) by_group[runs[i].run->group].push_back(i);
  std::vector<const std::vector<size_t>*> groups;
  for (const auto& [g, members] : by_group) groups.push_back(&members);
  systems = static_cast<int>(groups.size());
  return ParallelFolds(groups.size(), [&](size_t k) {
    std::vector<bool> include(runs.size(), true);
    for (size_t i : *groups[k]) include[i] = false;
    return RefitAndPredict(runs, include, opts, *groups[k], pred);
  });
}

// Rounds k ≥ v3.0: fit on published runs and MLPerf rounds before k.
Status ForwardInTime(const std::vector<PreparedRun>& runs, const FitOptions& opts, std::vector<double>& pred,
                     std::vector<std::string>& rounds_out) {
  std::set<std::pair<double, std::string>> rounds;
  for (const auto& r : runs) {
    if (IsMlperf(r) && MlperfRoundOrder(r.run->round) >= kForwardFirstRound)
      rounds.insert({MlperfRoundOrder(r.run->round), r.run->round});
  }
  std::vector<std::pair<double, std::string>> list(rounds.begin(), rounds.end());
  for (const auto& r : list) rounds_out.push_back(r.second);
  return ParallelFolds(list.size(), [&](size_t k) {
    std::vector<bool> include(runs.size(), true);
    std::vector<size_t> predict;
    for (size_t i = 0; i < runs.size(); ++i) {
      if (runs[i].setting != Setting::kBenchmark) continue;
      const double order = MlperfRoundOrder(runs[i].run->round);
      include[i] = order < list[k].first;
      if (IsMlperf(runs[i]) && order == list[k].first) predict.push_back(i);
    }
    return RefitAndPredict(runs, include, opts, predict, pred);
  });
}

Status FamilyHeldOut(const std::vector<PreparedRun>& runs, const FitOptions& opts, std::vector<double>& pred) {
  std::map<std::string, std::vector<size_t>> by_set;
  for (size_t i = 0; i < runs.size(); ++i) if (IsMlperf(runs[i])) by_set[FamilyHoldOutSet(runs[i].family)].push_back(i);
  std::vector<std::pair<std::string, const std::vector<size_t>*>> sets;
  for (const auto& [s, members] : by_set) sets.push_back({s, &members});
  return ParallelFolds(sets.size(), [&](size_t k) {
    std::vector<bool> include(runs.size());
    for (size_t i = 0; i < runs.size(); ++i) include[i] = FamilyHoldOutSet(runs[i].family) != sets[k].first;
    return RefitAndPredict(runs, include, opts, *sets[k].second, pred);
  });
}

Metric SummariseRows(const std::vector<MlperfCvRow>& rows, const std::function<bool(const MlperfCvRow&)>& keep,
                     double MlperfCvRow::*field) {
  std::vector<double> p, a;
  for (const auto& r : rows) {
    if (!keep(r) || r.*field <= 0) continue;
    p.push_back(r.*field);
    a.push_back(r.actual_minutes);
  }
  return Summarise(p, a);
}

// Energy of each MLPerf power row (never in the fit) from the full fit's power model, given its hours.
void PowerOutOfSample(const std::vector<PreparedRun>& runs, const FitResult& full, MlperfCvReport& rep) {
  std::vector<double> p, tdp, a;
  for (const auto& r : runs) {
    if (!r.run->energy_only || !r.device || !r.run->energy_kwh || !r.run->device_hours) continue;
    p.push_back(PredictEnergyKwh(full.params, r));
    tdp.push_back(*r.run->device_hours * r.device->tdp.value() / 1000.0);
    a.push_back(*r.run->energy_kwh);
  }
  rep.power = Summarise(p, a);
  rep.power_tdp = Summarise(tdp, a);
}

void Rankings(const std::vector<PreparedRun>& runs, MlperfCvReport& rep) {
  std::map<std::pair<std::string, std::string>, std::vector<const MlperfCvRow*>> cells;
  for (const auto& row : rep.rows) cells[{row.round, row.benchmark}].push_back(&row);
  std::vector<double> rhos;
  for (const auto& [key, members] : cells) {
    std::set<std::string> devices;
    for (const auto* m : members) devices.insert(m->device);
    if (static_cast<int>(devices.size()) < kMinRankedDevices) continue;
    // Per-device throughput ∝ 1 / (run time × count) for the same benchmark's work.
    std::vector<double> pred, meas;
    for (const auto* m : members) {
      pred.push_back(1.0 / (m->loso_minutes * m->count));
      meas.push_back(1.0 / (m->actual_minutes * m->count));
    }
    RankingRow rr{key.first, key.second, static_cast<int>(members.size()), Spearman(pred, meas)};
    rhos.push_back(rr.spearman);
    rep.ranking.push_back(rr);
  }
  (void)runs;
  rep.median_spearman = MedianOf(rhos);
}

}  // namespace

std::string FamilyHoldOutSet(const std::string& family) {
  if (family == "Gaudi" || family == "Gaudi2" || family == "Gaudi3") return "Gaudi";
  if (family == "TPUv5e" || family == "TPUv5p" || family == "TPUv6e") return "TPU v5/v6";
  return family;
}

double Spearman(const std::vector<double>& a, const std::vector<double>& b) {
  if (a.size() != b.size() || a.size() < 2) return 0;
  const std::vector<double> ra = Ranks(a), rb = Ranks(b);
  double ma = 0, mb = 0;
  for (size_t i = 0; i < ra.size(); ++i) {
    ma += ra[i];
    mb += rb[i];
  }
  ma /= ra.size();
  mb /= rb.size();
  double sab = 0, saa = 0, sbb = 0;
  for (size_t i = 0; i < ra.size(); ++i) {
    sab += (ra[i] - ma) * (rb[i] - mb);
    saa += (ra[i] - ma) * (ra[i] - ma);
    sbb += (rb[i] - mb) * (rb[i] - mb);
  }
  return saa > 0 && sbb > 0 ? sab / std::sqrt(saa * sbb) : 0;
}

Result<MlperfCvReport> MlperfValidation(const std::vector<PreparedRun>& runs, const FitResult& full,
                                        const FitOptions& options) {
  FitOptions opts = options;
  opts.covariance = false;
  opts.tolerance = kRefitTolerance;
  opts.start = &full.params;
  MlperfCvReport rep;
  std::vector<double> loso(runs.size(), 0), forward(runs.size(), 0), family(runs.size(), 0);
  std::vector<std::string> rounds;
  if (auto st = LeaveOneSystemOut(runs, opts, loso, rep.systems); !st) return st.error();
  if (auto st = ForwardInTime(runs, opts, forward, rounds); !st) return st.error();
  if (auto st = FamilyHeldOut(runs, opts, family); !st) return st.error();
  PowerOutOfSample(runs, full, rep);
  for (size_t i = 0; i < runs.size(); ++i) {
    const PreparedRun& r = runs[i];
    if (!IsMlperf(r)) continue;
    MlperfCvRow row{r.run->name, r.run->group, r.run->round, r.run->benchmark, r.run->device, r.family, r.dtype};
    row.count = r.count;
    row.actual_minutes = RunMinutes(r);
    row.loso_minutes = loso[i];
    row.forward_minutes = forward[i];
    row.family_out_minutes = family[i];
    row.static30_minutes = *r.run->flops / (kStaticMfu * r.peak_flops * r.count) / 60.0;
    rep.rows.push_back(row);
  }
  auto all = [](const MlperfCvRow&) { return true; };
  rep.loso = SummariseRows(rep.rows, all, &MlperfCvRow::loso_minutes);
  rep.static30 = SummariseRows(rep.rows, all, &MlperfCvRow::static30_minutes);
  rep.family_out = SummariseRows(rep.rows, all, &MlperfCvRow::family_out_minutes);
  const std::set<std::string> modern = {"Blackwell", "CDNA3", "Gaudi", "TPU v5/v6"};
  rep.family_out_modern = SummariseRows(
      rep.rows, [&](const MlperfCvRow& r) { return modern.count(FamilyHoldOutSet(r.family)) > 0; },
      &MlperfCvRow::family_out_minutes);
  for (const auto& round : rounds) {
    rep.forward.push_back({round, SummariseRows(rep.rows, [&](const MlperfCvRow& r) { return r.round == round; },
                                                &MlperfCvRow::forward_minutes)});
  }
  std::set<std::string> sets;
  for (const auto& r : rep.rows) sets.insert(FamilyHoldOutSet(r.family));
  for (const auto& s : sets) {
    rep.family_out_by_set.push_back(
        {s, SummariseRows(rep.rows, [&](const MlperfCvRow& r) { return FamilyHoldOutSet(r.family) == s; },
                          &MlperfCvRow::family_out_minutes)});
  }
  Rankings(runs, rep);
  return rep;
}

}  // namespace foreprint
