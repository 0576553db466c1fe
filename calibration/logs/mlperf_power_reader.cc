// mlperf_power_reader.cc — MLPerf Training power logs (mlcommons/training_results_v4.0+,
// results/<system>/<benchmark>/power/result_<k>/node_<n>.txt and sw_<n>.txt): lines
// `:::MLLOG {"time_ms": …, "key": …, "value": …, "metadata": {…}}` with power_measurement_start,
// an optional conversion_eff (metadata.measurement_type "AC" or "DC"), one power_reading in W per
// sample, power_measurement_stop; a switch file holds power_reading samples or one
// interconnect_power_est (W).
//
// Integration rule — that of MLCommons' result summarizer (mlperf_logging/result_summarizer,
// _compute_power_node): energy = Σ reading × Δt, where Δt is the time since the previous reading
// (since power_measurement_start for the first): each reading stands for the interval that ends at
// it (a right-endpoint Riemann sum, not a trapezoid). Readings after power_measurement_stop are not
// counted; a reading earlier than the one before it is not integrated (files are streamed, not
// sorted). Energy is as measured (AC at the wall when measurement_type is AC); the DC figure
// (× conversion_eff) that MLCommons' summarizer reports is stated in a warning.
//
// A result folder is one run: its node files are summed (IT energy of the nodes); byte-identical
// node files (a meter shared by nodes, or a copy) are warned about. The switch is reported apart
// (interconnect): integrated within the nodes' run and added when its clock overlaps theirs, else
// (Dell's switch clock is 5 h off) reported separately, not added, with a warning; an
// interconnect_power_est is × the nodes' run time, added, and named an estimate. One file alone is
// read the same way.
#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

#include "calibration/logs/log_reader.h"
#include "calibration/logs/log_text.h"
#include "core/text.h"

namespace foreprint {
namespace {

using Json = nlohmann::json;

// One meter covers at most a rack (a GB200 NVL72 rack draws about 120 kW): a larger reading is garbage.
constexpr double kMaxMeterWatts = 1e6;
// time_ms is milliseconds since 1970: beyond 1e14 (the year 5138) it is garbage.
constexpr double kMaxTimeMs = 1e14;

struct Window {
  double from_ms = -1e300, to_ms = 1e300;
};

// One node_<n>.txt or sw_<n>.txt.
struct Meter {
  std::string file;
  std::optional<double> start_ms, stop_ms, eff, estimate_w;
  std::string type;  // measurement_type: "AC", "DC" or ""
  double joules = 0, window_joules = 0;  // all readings; those inside the window given
  long readings = 0, late = 0, backwards = 0, bad = 0;
  std::optional<double> prev_ms, first_ms, last_ms;
};

std::optional<double> NumberOf(const Json& v) {
  if (v.is_number()) return v.get<double>();
  if (v.is_object()) {
    auto it = v.find("value");
    if (it != v.end() && it->is_number()) return it->get<double>();
  }
  return std::nullopt;
}

void Reading(Meter& m, double t, const Json& value, const Window& w) {
  const auto watts = NumberOf(value);
  if (!watts || !std::isfinite(*watts) || *watts < 0 || *watts > kMaxMeterWatts) {
    ++m.bad;
    return;
  }
  ++m.readings;
  if (!m.first_ms) m.first_ms = t;
  m.last_ms = std::max(m.last_ms.value_or(t), t);
  if (!m.prev_ms) m.prev_ms = m.start_ms ? m.start_ms : std::optional<double>(t);
  if (t < *m.prev_ms) {
    ++m.backwards;
    return;
  }
  m.joules += *watts * (t - *m.prev_ms) / 1000;
  const double inside = std::min(t, w.to_ms) - std::max(*m.prev_ms, w.from_ms);
  if (inside > 0) m.window_joules += *watts * inside / 1000;
  m.prev_ms = t;
}

// One MLLOG line into the meter.
void ReadLine(Meter& m, const std::string& line, const Window& w) {
  const size_t at = line.find(":::MLLOG");
  if (at == std::string::npos) return;
  const Json j = Json::parse(line.begin() + static_cast<long>(at + 8), line.end(), nullptr, false);
  if (j.is_discarded() || !j.is_object()) {
    ++m.bad;
    return;
  }
  auto key_it = j.find("key");
  auto time_it = j.find("time_ms");
  if (key_it == j.end() || !key_it->is_string() || time_it == j.end() || !time_it->is_number()) return;
  const std::string key = key_it->get<std::string>();
  const double t = time_it->get<double>();
  if (!(t >= 0 && t <= kMaxTimeMs)) {
    ++m.bad;
    return;
  }
  const Json& value = j.contains("value") ? j["value"] : Json();
  if (key == "power_measurement_start" && !m.start_ms) {
    m.start_ms = t;
  } else if (key == "power_measurement_stop" && !m.stop_ms) {
    m.stop_ms = t;
  } else if (key == "power_reading") {
    if (m.stop_ms) ++m.late;
    else Reading(m, t, value, w);
  } else if (key == "conversion_eff") {
    m.eff = NumberOf(value);
    auto meta = j.find("metadata");
    if (meta != j.end() && meta->is_object() && meta->contains("measurement_type") && (*meta)["measurement_type"].is_string()) {
      m.type = Snippet(Trim((*meta)["measurement_type"].get<std::string>()), 10);
    }
  } else if (key == "interconnect_power_est") {
    m.estimate_w = NumberOf(value);
  }
}

Result<Meter> ReadMeter(LineReader& in, const std::string& file, const Window& w) {
  Meter m;
  m.file = file;
  std::string line;
  while (in.Next(&line)) {
    if (!in.Truncated()) ReadLine(m, line, w);
  }
  if (m.readings == 0 && !m.estimate_w) {
    Error e = MakeError("no power_reading (nor interconnect_power_est) in this MLPerf power log");
    return e.At(file);
  }
  return m;
}

std::string Name(const std::string& path) { return std::filesystem::path(path).filename().string(); }

// `prefix`: the file's name when the summary is a folder's.
void WarnMeter(LogSummary& s, const Meter& m, const std::string& prefix) {
  if (!m.start_ms && m.readings > 0) s.Warn(0, prefix + "no power_measurement_start: integrated from its first reading");
  if (m.late) s.Warn(0, prefix + std::to_string(m.late) + " reading(s) after power_measurement_stop are not counted");
  if (m.backwards) s.Warn(0, prefix + std::to_string(m.backwards) + " reading(s) earlier than the one before: not integrated");
  if (m.bad) s.Warn(0, prefix + std::to_string(m.bad) + " unreadable line(s) or reading(s) skipped");
}

double StartMs(const Meter& m) { return m.start_ms.value_or(m.first_ms.value_or(0)); }
// The stop, never before the start (a stop stamped earlier measures nothing).
double StopMs(const Meter& m) { return std::max(StartMs(m), m.stop_ms.value_or(m.last_ms.value_or(StartMs(m)))); }

// AC or DC, and the DC figure MLCommons' summarizer gives (× conversion_eff).
void WarnConversion(LogSummary& s, const std::vector<Meter>& nodes, double node_kwh) {
  double dc = 0;
  bool any = false;
  std::string type;
  for (const Meter& m : nodes) {
    dc += m.joules * m.eff.value_or(1.0) / 3.6e6;
    any = any || m.eff;
    if (type.empty()) type = m.type;
  }
  if (!any) return;
  s.Warn(0, "node power measured " + (type.empty() ? std::string("(AC or DC not stated)") : type) +
                " with conversion_eff " + FormatSig(nodes.front().eff.value_or(1.0), 3) + " stated: " +
                FormatSig(node_kwh, 4) + " kWh as measured; MLCommons' summarizer reports × conversion_eff, " +
                FormatSig(dc, 4) + " kWh");
}

bool SameBytes(const std::string& a, const std::string& b) {
  std::error_code ec;
  if (std::filesystem::file_size(a, ec) != std::filesystem::file_size(b, ec) || ec) return false;
  std::ifstream fa(a, std::ios::binary), fb(b, std::ios::binary);
  char ba[65536], bb[65536];
  while (fa && fb) {
    fa.read(ba, sizeof ba);
    fb.read(bb, sizeof bb);
    if (fa.gcount() != fb.gcount() || !std::equal(ba, ba + fa.gcount(), bb)) return false;
  }
  return fa.eof() && fb.eof();
}

void WarnIdentical(LogSummary& s, const std::vector<Meter>& nodes, double node_kwh) {
  double duplicate_kwh = 0;
  std::vector<bool> dup(nodes.size(), false);
  for (size_t j = 1; j < nodes.size(); ++j) {
    for (size_t i = 0; i < j && !dup[j]; ++i) {
      if (dup[i] || !SameBytes(nodes[i].file, nodes[j].file)) continue;
      dup[j] = true;
      duplicate_kwh += nodes[j].joules / 3.6e6;
      s.Warn(0, Name(nodes[j].file) + " is byte-identical to " + Name(nodes[i].file) +
                    " (a meter shared by nodes, or a copied file)");
    }
  }
  if (duplicate_kwh > 0) {
    s.Warn(0, "byte-identical node files are each counted, as MLCommons' summarizer does; counting each once gives " +
                  FormatSig(node_kwh - duplicate_kwh, 4) + " kWh");
  }
}

// The switch: inside the nodes' run and added, or apart.
void AddSwitch(LogSummary& s, const Meter& sw, const Window& run) {
  const std::string name = Name(sw.file);
  const double run_s = (run.to_ms - run.from_ms) / 1000;
  if (sw.estimate_w && sw.readings == 0) {
    const double kwh = *sw.estimate_w * sw.eff.value_or(1.0) * run_s / 3.6e6;
    s.interconnect_kwh = s.interconnect_kwh.value_or(0) + kwh;
    s.energy_total_kwh += kwh;
    s.Warn(0, name + ": interconnect power estimated (interconnect_power_est " + FormatSig(*sw.estimate_w, 4) +
                  " W × the nodes' " + FormatSig(run_s, 4) + " s), not measured");
    return;
  }
  const double from = StartMs(sw), to = StopMs(sw);
  if (to <= run.from_ms || from >= run.to_ms) {
    const double offset_h = (run.from_ms - from) / 3.6e6;
    s.interconnect_kwh = s.interconnect_kwh.value_or(0) + sw.joules / 3.6e6;
    s.Warn(0, name + ": its measurement does not overlap the nodes' (its clock is " + FormatSig(std::abs(offset_h), 3) +
                  " h " + (offset_h > 0 ? "behind" : "ahead") + "): reported apart as interconnect, " +
                  FormatSig(sw.joules / 3.6e6, 4) + " kWh, not added to the total");
    return;
  }
  s.interconnect_kwh = s.interconnect_kwh.value_or(0) + sw.window_joules / 3.6e6;
  s.energy_total_kwh += sw.window_joules / 3.6e6;
  if (from > run.from_ms + 1000 || to < run.to_ms - 1000) {
    s.Warn(0, name + ": the switch measured only part of the nodes' run: its energy covers that part");
  }
}

bool IsSwitchFile(const std::string& path) { return Name(path).rfind("sw_", 0) == 0; }

Result<Meter> ReadMeterFile(const std::string& path, const Window& w) {
  auto in = LineReader::Open(path);
  if (!in) return in.error();
  return ReadMeter(*in, path, w);
}

}  // namespace

bool IsMlperfPowerFileName(const std::string& path) {
  const std::string name = Name(path);
  const size_t prefix = name.rfind("node_", 0) == 0 ? 5 : name.rfind("sw_", 0) == 0 ? 3 : 0;
  if (prefix == 0 || name.size() <= prefix + 4 || name.compare(name.size() - 4, 4, ".txt") != 0) return false;
  const std::string digits = name.substr(prefix, name.size() - prefix - 4);
  return digits.find_first_not_of("0123456789") == std::string::npos;
}

Result<LogSummary> ReadMlperfPowerRun(const std::vector<std::string>& files, const std::string& folder) {
  LogSummary s;
  s.file = folder;
  s.format = LogFormat::kMlperf;
  std::vector<Meter> nodes, switches;
  for (const auto& f : files) {
    if (IsSwitchFile(f)) continue;
    auto m = ReadMeterFile(f, Window{});
    if (!m) return m.error();
    nodes.push_back(*m);
  }
  Window run;
  if (!nodes.empty()) {
    run = {1e300, -1e300};
    for (const Meter& m : nodes) {
      run.from_ms = std::min(run.from_ms, StartMs(m));
      run.to_ms = std::max(run.to_ms, StopMs(m));
    }
  }
  for (const auto& f : files) {
    if (!IsSwitchFile(f)) continue;
    auto m = ReadMeterFile(f, run);
    if (!m) return m.error();
    switches.push_back(*m);
  }
  double node_j = 0;
  for (const Meter& m : nodes) {
    node_j += m.joules;
    s.rows += m.readings;
    WarnMeter(s, m, Name(m.file) + ": ");
  }
  s.energy_total_kwh = node_j / 3.6e6;
  if (!nodes.empty()) {
    s.nodes_kwh = s.energy_total_kwh;
    s.duration_s = (run.to_ms - run.from_ms) / 1000;
    s.start_hours = run.from_ms / 3.6e6;
    WarnConversion(s, nodes, *s.nodes_kwh);
    WarnIdentical(s, nodes, *s.nodes_kwh);
  }
  for (const Meter& sw : switches) {
    s.rows += sw.readings;
    WarnMeter(s, sw, Name(sw.file) + ": ");
    if (nodes.empty()) {
      s.interconnect_kwh = s.interconnect_kwh.value_or(0) + sw.joules / 3.6e6;
      s.energy_total_kwh += sw.joules / 3.6e6;
      s.duration_s = std::max(s.duration_s, (StopMs(sw) - StartMs(sw)) / 1000);
      if (!s.start_hours) s.start_hours = StartMs(sw) / 3.6e6;
    } else {
      AddSwitch(s, sw, run);
    }
  }
  s.runs = 1;
  s.scope = EnergyScope::kItMeasured;
  s.pue = 1.0;
  return s;
}

Result<LogSummary> ReadMlperfPower(LineReader& in, const std::string& file) {
  auto m = ReadMeter(in, file, Window{});
  if (!m) return m.error();
  if (m->estimate_w && m->readings == 0) {
    Error e = MakeError("interconnect_power_est only: the switch power is an estimate for a run's time; read the "
                        "whole result folder (node_*.txt with it)");
    return e.At(file);
  }
  LogSummary s;
  s.file = file;
  s.format = LogFormat::kMlperf;
  WarnMeter(s, *m, "");
  s.rows = m->readings;
  s.duration_s = (StopMs(*m) - StartMs(*m)) / 1000;
  if (m->readings > 0) s.start_hours = StartMs(*m) / 3.6e6;
  s.energy_total_kwh = m->joules / 3.6e6;
  if (IsSwitchFile(file)) {
    s.interconnect_kwh = s.energy_total_kwh;
  } else {
    s.nodes_kwh = s.energy_total_kwh;
    WarnConversion(s, {*m}, s.energy_total_kwh);
  }
  s.runs = 1;
  s.scope = EnergyScope::kItMeasured;
  s.pue = 1.0;
  return s;
}

bool LooksLikeMlperfPower(const std::vector<std::string>& head) {
  for (const auto& line : head) {
    if (line.find(":::MLLOG") != std::string::npos &&
        (line.find("\"power_measurement_start\"") != std::string::npos ||
         line.find("\"power_reading\"") != std::string::npos ||
         line.find("\"interconnect_power_est\"") != std::string::npos)) {
      return true;
    }
  }
  return false;
}

}  // namespace foreprint
