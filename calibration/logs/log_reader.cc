#include "calibration/logs/log_reader.h"

#include <algorithm>
#include <filesystem>
#include <regex>

#include "estimator/text.h"

namespace foreprint {

LogFormat DetectFormat(const std::string& first_line, const std::string& path) {
  const std::string l = ToLower(first_line);
  const std::string name = ToLower(std::filesystem::path(path).filename().string());
  if (l.find("energy_consumed") != std::string::npos && l.find("duration") != std::string::npos) {
    return LogFormat::kCodeCarbon;
  }
  if (l.find("power_consumption(kwh)") != std::string::npos) return LogFormat::kEco2ai;
  static const std::regex zeus("(^|,)\\s*gpu[0-9]+_energy\\s*(,|$)");
  if (std::regex_search(l, zeus)) return LogFormat::kZeus;
  if (l.find("power.draw") != std::string::npos ||
      ((l.find("power(w)") != std::string::npos || l.find("power [w]") != std::string::npos) &&
       l.find("time") != std::string::npos)) {
    return LogFormat::kNvidiaSmi;
  }
  if (l.find("carbontracker") != std::string::npos || name.find("carbontracker") != std::string::npos) {
    return LogFormat::kCarbontracker;
  }
  return LogFormat::kAuto;
}

Result<LogSummary> ReadLog(const std::string& path, LogFormat format) {
  if (format == LogFormat::kAuto) {
    auto probe = LineReader::Open(path);
    if (!probe) return probe.error();
    std::string line;
    bool any = false;
    while (probe->Next(&line)) {
      if (!Trim(line).empty()) {
        any = true;
        break;
      }
    }
    if (!any) {
      Error e = MakeError("the file is empty");
      return e.At(path);
    }
    if (probe->BinaryLooking()) {
      Error e = MakeError("this looks like a binary file, not a tracker log");
      return e.At(path);
    }
    format = DetectFormat(line, path);
    if (format == LogFormat::kAuto) {
      Error e = MakeError("cannot tell which tracker wrote this file (first line: '" + line.substr(0, 80) +
                          "'); use --format codecarbon|eco2ai|carbontracker|nvidia-smi|zeus");
      return e.At(path, probe->line_number());
    }
  }
  auto in = LineReader::Open(path);
  if (!in) return in.error();
  switch (format) {
    case LogFormat::kCodeCarbon: return ReadCodeCarbon(*in, path);
    case LogFormat::kEco2ai: return ReadEco2ai(*in, path);
    case LogFormat::kCarbontracker: return ReadCarbontracker(*in, path);
    case LogFormat::kNvidiaSmi: return ReadNvidiaSmi(*in, path);
    case LogFormat::kZeus: return ReadZeus(*in, path);
    case LogFormat::kAuto: break;
  }
  return MakeError("no format");
}

LogSet ReadLogs(const std::vector<std::string>& paths, LogFormat format) {
  LogSet set;
  std::vector<std::string> files;
  for (const auto& p : paths) {
    std::error_code ec;
    if (std::filesystem::is_directory(p, ec)) {
      std::vector<std::string> found;
      for (auto it = std::filesystem::recursive_directory_iterator(p, ec);
           !ec && it != std::filesystem::recursive_directory_iterator(); it.increment(ec)) {
        if (!it->is_regular_file(ec)) continue;
        const std::string ext = ToLower(it->path().extension().string());
        if (ext == ".csv" || ext == ".log" || ext == ".txt" || ext == ".bak") found.push_back(it->path().string());
      }
      std::sort(found.begin(), found.end());
      if (found.empty()) {
        Error e = MakeError("no *.csv, *.log or *.txt files in this directory");
        set.errors.push_back(e.At(p));
      }
      files.insert(files.end(), found.begin(), found.end());
    } else {
      files.push_back(p);
    }
  }
  for (const auto& f : files) {
    auto s = ReadLog(f, format);
    if (s) set.logs.push_back(std::move(*s));
    else set.errors.push_back(s.error());
  }
  return set;
}

}  // namespace foreprint
