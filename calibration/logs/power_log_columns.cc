#include "calibration/logs/power_log_columns.h"

#include "calibration/logs/log_time.h"
#include "core/text.h"

namespace foreprint {
namespace {

bool Contains(const std::string& s, const char* part) { return s.find(part) != std::string::npos; }
bool EndsWith(const std::string& s, const std::string& tail) {
  return s.size() >= tail.size() && s.compare(s.size() - tail.size(), tail.size(), tail) == 0;
}

// The unit a column name states: "(mw)", "_mw", "mw" … → mW; "(w)", "_w", "watt", "w" … → W.
PowerUnit UnitInName(const std::string& n) {
  if (n == "mw" || Contains(n, "(mw)") || Contains(n, "[mw]") || EndsWith(n, "_mw") || EndsWith(n, " mw") ||
      Contains(n, "milliwatt")) {
    return PowerUnit::kMilliwatts;
  }
  if (n == "w" || Contains(n, "(w)") || Contains(n, "[w]") || EndsWith(n, "_w") || EndsWith(n, " w") ||
      Contains(n, "watt")) {
    return PowerUnit::kWatts;
  }
  return PowerUnit::kUnstated;
}

// A column holding power samples: "power.draw [w]", "power(w)", "gpu0_power_w", "power", "watts",
// "mw". A bare "gpu_power" is not enough: CodeCarbon's average gpu_power column must not pass for
// samples.
bool PowerLike(const std::string& n) {
  if (n == "w" || n == "mw") return true;
  if (!Contains(n, "power") && !Contains(n, "watt")) return false;
  for (const char* no : {"limit", "cap", "max", "min", "management", "state", "util", "percent", "%", "energy",
                         "cpu", "ram", "dram", "mem", "package", "pkg", "total", "system", "psu", "enforced",
                         "default", "smoothing"}) {
    if (Contains(n, no)) return false;
  }
  return UnitInName(n) != PowerUnit::kUnstated || Contains(n, "draw") || Contains(n, "usage") || n == "power";
}

// "gpu0", "gpu_1", "gpu 2", "gpu-3", optionally with a unit ("gpu0 (w)", "gpu1_mw"): one GPU's power.
bool PerGpuName(const std::string& n) {
  if (n.size() < 4 || n.compare(0, 3, "gpu") != 0) return false;
  size_t i = 3;
  if (n[i] == '_' || n[i] == ' ' || n[i] == '-') ++i;
  const size_t digits_start = i;
  while (i < n.size() && n[i] >= '0' && n[i] <= '9') ++i;
  if (i == digits_start) return false;
  const std::string rest = n.substr(i);
  return rest.empty() || UnitInName(rest) != PowerUnit::kUnstated || rest == "_power" || rest == " power";
}

bool ElapsedLike(const std::string& n) {
  return Contains(n, "elapsed") || Contains(n, "(s)") || Contains(n, "[s]") || EndsWith(n, "_s") ||
         EndsWith(n, "_sec") || Contains(n, "seconds") || n == "sec" || n == "secs" || n == "s";
}

std::optional<size_t> FirstContaining(const CsvHeader& h, std::initializer_list<const char*> parts) {
  for (const char* p : parts) {
    for (size_t i = 0; i < h.names().size(); ++i) {
      if (Contains(h.names()[i], p)) return i;
    }
  }
  return std::nullopt;
}

void FindPower(const CsvHeader& h, PowerLogColumns* c) {
  // The native names first, in order of preference (always W); then anything power-like.
  for (std::string_view exact : {"power.draw [w]", "power.draw", "power.draw.average [w]", "power.draw.average",
                                 "power.draw.instant [w]", "power.draw.instant"}) {
    if (auto i = h.Find(exact)) {
      c->power = {*i};
      c->units = {PowerUnit::kWatts};
      return;
    }
  }
  for (size_t i = 0; i < h.names().size(); ++i) {
    if (PowerLike(h.names()[i])) {
      c->power.push_back(i);
      c->units.push_back(UnitInName(h.names()[i]));
    }
  }
  if (!c->power.empty()) return;
  for (size_t i = 0; i < h.names().size(); ++i) {
    if (PerGpuName(h.names()[i])) {
      c->power.push_back(i);
      c->units.push_back(UnitInName(h.names()[i].substr(3)));
    }
  }
  c->per_gpu_names = !c->power.empty();
}

}  // namespace

PowerLogColumns FindPowerLogColumns(const CsvHeader& h) {
  PowerLogColumns c;
  c.time = h.FindAny({"timestamp", "time", "datetime", "date_time", "date", "time_stamp", "ts", "elapsed",
                      "elapsed_s", "elapsed_time", "sec", "secs", "seconds", "s"});
  if (!c.time) c.time = FirstContaining(h, {"timestamp", "time", "date", "elapsed"});
  if (c.time) c.time_is_elapsed = ElapsedLike(h.names()[*c.time]);
  FindPower(h, &c);
  for (std::string_view id : {"index", "gpu_index", "gpu index", "gpu_id", "gpu id", "gpu", "gpu_idx", "device",
                              "device_index", "device_id", "uuid", "gpu_uuid", "pci.bus_id", "pci.bus", "bus_id"}) {
    if (auto i = h.Find(id); i && *i != c.time) c.gpu_ids.push_back(*i);
  }
  c.name = h.FindAny({"name", "gpu_name", "gpu name", "gpu_model", "model"});
  return c;
}

std::optional<PowerLogColumns> NoHeaderPowerLogColumns(const std::vector<std::string>& fields) {
  PowerLogColumns c;
  for (size_t i = 0; i < fields.size(); ++i) {
    const std::string f = Trim(fields[i]);
    if (!c.time && f.find(':') != std::string::npos && ParseLogTimeSeconds(f)) {
      c.time = i;
    } else if (f.size() > 2 && EndsWith(f, " W") && ParseLogNumber(f.substr(0, f.size() - 2))) {
      c.power.push_back(i);
      c.units.push_back(PowerUnit::kWatts);
    }
  }
  if (!c.time || c.power.size() != 1) return std::nullopt;
  return c;
}

}  // namespace foreprint
