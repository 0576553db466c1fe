#include "calibration/logs/log_reader.h"

#include <algorithm>
#include <filesystem>
#include <map>
#include <set>

#include "calibration/logs/log_text.h"
#include "calibration/logs/log_time.h"
#include "core/text.h"

namespace foreprint {
namespace {

constexpr size_t kProbeLines = 50;        // lines format detection looks at
constexpr size_t kProbeBytes = 256 << 10;  // at most this much of them is kept

// "…/X_carbontracker.log" (the standard log) or "…/X_carbontracker_err.log" (the error log) →
// "…/X_carbontracker_output.log"; "" for other names.
std::string OutputLogOf(const std::string& path) {
  for (const std::string suffix : {"_carbontracker.log", "_carbontracker_err.log"}) {
    if (path.size() > suffix.size() && path.compare(path.size() - suffix.size(), suffix.size(), suffix) == 0) {
      return path.substr(0, path.size() - suffix.size()) + "_carbontracker_output.log";
    }
  }
  return "";
}

bool IsErrorLog(const std::string& path) {
  const std::string suffix = "_carbontracker_err.log";
  return path.size() > suffix.size() && path.compare(path.size() - suffix.size(), suffix.size(), suffix) == 0;
}

// The first non-empty lines of a file (at most kProbeLines, kProbeBytes).
struct Head {
  std::vector<std::string> lines;
  int first_line = 0;
  bool binary = false;
};

Result<Head> ReadHead(const std::string& path) {
  auto probe = LineReader::Open(path);
  if (!probe) return probe.error();
  Head head;
  size_t bytes = 0;
  std::string line;
  while (head.lines.size() < kProbeLines && bytes < kProbeBytes && probe->Next(&line)) {
    if (Trim(line).empty()) continue;
    if (head.lines.empty()) head.first_line = probe->line_number();
    if (!head.lines.empty() && line.size() > 4096) line.resize(4096);
    bytes += line.size();
    head.lines.push_back(std::move(line));
  }
  head.binary = probe->BinaryLooking();
  return head;
}

// Rows of a headerless, unit-less nvidia-smi log: a date-time with a clock, then only plain numbers
// (and a pstate such as "P2").
bool LooksLikeNoUnitsPowerLog(const std::vector<std::string>& head) {
  int rows = 0;
  for (const auto& line : head) {
    auto fields = SplitCsvLine(line);
    if (!fields || fields->size() < 3) continue;
    bool stamp = false, plain = true;
    for (const auto& f : *fields) {
      const std::string v = Trim(f);
      if (!stamp && v.find(':') != std::string::npos && ParseLogTimeSeconds(v)) stamp = true;
      else if (!ParseLogNumber(v) && !(v.size() == 2 && v[0] == 'P' && std::isdigit(static_cast<unsigned char>(v[1])))) plain = false;
    }
    rows += stamp && plain;
  }
  return rows >= 2;
}

Result<LogFormat> Detect(const std::string& path) {
  auto read = ReadHead(path);
  if (!read) return read.error();
  const std::vector<std::string>& head = read->lines;
  const int first_line = read->first_line;
  if (head.empty()) {
    Error e = MakeError("the file is empty");
    return e.At(path);
  }
  if (read->binary) {
    Error e = MakeError("this looks like a binary file, not a tracker log");
    return e.At(path);
  }
  const LogFormat format = DetectFormat(head, path);
  if (format == LogFormat::kAuto && LooksLikeNoUnitsPowerLog(head)) {
    Error e = MakeError("looks like nvidia-smi --format=csv,noheader,nounits: without a header or units nothing says "
                        "which number is power; log with --format=csv (a header) instead");
    return e.At(path, first_line);
  }
  if (format == LogFormat::kAuto) {
    Error e = MakeError("cannot tell which tracker wrote this file (first line: '" + Snippet(head.front(), 80) +
                        "'); use --format codecarbon|eco2ai|carbontracker|nvidia-smi|zeus|boamps|mlperf");
    return e.At(path, first_line);
  }
  return format;
}

// A .json file found in a directory is read only when it is a BoAmps report (others are not logs).
bool IsBoampsFile(const std::string& path) {
  auto head = ReadHead(path);
  return head && LooksLikeBoamps(head->lines);
}

// node_<n>.txt / sw_<n>.txt with MLLOG power lines.
bool IsMlperfPowerFile(const std::string& path) {
  if (!IsMlperfPowerFileName(path)) return false;
  auto head = ReadHead(path);
  return head && LooksLikeMlperfPower(head->lines);
}

}  // namespace

Result<LogSummary> ReadLog(const std::string& path, LogFormat format, const CarbontrackerSetup* paired) {
  // Devices never end (/dev/zero) and a pipe cannot be read twice (detection, then the reader).
  std::error_code ec;
  const auto status = std::filesystem::status(path, ec);
  if (!ec && std::filesystem::exists(status) && !std::filesystem::is_regular_file(status) &&
      !(std::filesystem::is_fifo(status) && format != LogFormat::kAuto)) {
    Error e = MakeError("not a regular file (a device or a pipe); for a pipe, pass --format");
    return e.At(path);
  }
  if (format == LogFormat::kAuto) {
    auto detected = Detect(path);
    if (!detected) return detected.error();
    format = *detected;
  }
  auto in = LineReader::Open(path);
  if (!in) return in.error();
  switch (format) {
    case LogFormat::kCodeCarbon: return ReadCodeCarbon(*in, path);
    case LogFormat::kEco2ai: return ReadEco2ai(*in, path);
    case LogFormat::kCarbontracker: return paired ? ReadCarbontrackerPaired(*in, path, *paired) : ReadCarbontracker(*in, path);
    case LogFormat::kNvidiaSmi: return ReadNvidiaSmi(*in, path);
    case LogFormat::kZeus: return ReadZeus(*in, path);
    case LogFormat::kBoamps: return ReadBoamps(*in, path);
    case LogFormat::kMlperf: return ReadMlperfPower(*in, path);
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
        if (ext == ".csv" || ext == ".log" || ext == ".txt" || ext == ".bak" ||
            (ext == ".json" && IsBoampsFile(it->path().string()))) {
          found.push_back(it->path().string());
        }
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
  // Carbontracker writes X_carbontracker.log, X_carbontracker_output.log (and X_carbontracker_err.log)
  // for one run: when they are given together, the output log is read with the version and PUE its
  // standard log states, the standard log only if the output log could not be read, and the error
  // log (no measurement) not at all.
  const std::set<std::string> given(files.begin(), files.end());
  std::map<std::string, std::string> full_logs, error_logs;  // _output.log → its standard / error log
  for (const auto& f : files) {
    const std::string output = OutputLogOf(f);
    if (!output.empty() && given.count(output)) (IsErrorLog(f) ? error_logs : full_logs)[output] = f;
  }
  // MLPerf power logs: the files of one result folder are one run.
  std::map<std::string, std::vector<std::string>> mlperf;  // folder → its node_*/sw_* files
  std::set<std::string> grouped;
  for (const auto& f : files) {
    if ((format == LogFormat::kAuto || format == LogFormat::kMlperf) && IsMlperfPowerFile(f)) {
      mlperf[std::filesystem::path(f).parent_path().string()].push_back(f);
      grouped.insert(f);
    }
  }
  std::set<std::string> counted;  // full logs whose _output.log was read
  for (const auto& f : files) {
    if (given.count(OutputLogOf(f))) continue;  // a standard or error log with its _output.log
    if (grouped.count(f)) continue;
    auto full = full_logs.find(f);
    std::optional<CarbontrackerSetup> setup;
    if (full != full_logs.end()) setup = ReadCarbontrackerSetup(full->second);
    auto s = ReadLog(f, format, setup ? &*setup : nullptr);
    if (s) {
      if (full != full_logs.end()) {
        s->Warn(0, "the same run's full log " + full->second + " is not counted again");
        counted.insert(full->second);
      }
      if (auto err = error_logs.find(f); err != error_logs.end()) {
        s->Warn(0, "Carbontracker's error log " + err->second + " holds no measurement: not read");
      }
      set.logs.push_back(std::move(*s));
    } else {
      set.errors.push_back(s.error());
    }
  }
  for (const auto& [output, full] : full_logs) {
    if (counted.count(full)) continue;
    auto s = ReadLog(full, format);
    if (s) set.logs.push_back(std::move(*s));
    else set.errors.push_back(s.error());
  }
  std::map<std::string, size_t> order;  // the order the user gave, directories in name order
  for (size_t i = files.size(); i-- > 0;) order[files[i]] = i;
  for (const auto& [folder, run] : mlperf) {
    order[folder] = order[run.front()];
    auto s = run.size() == 1 ? ReadLog(run.front(), LogFormat::kMlperf) : ReadMlperfPowerRun(run, folder);
    if (s) set.logs.push_back(std::move(*s));
    else set.errors.push_back(s.error());
  }
  std::stable_sort(set.logs.begin(), set.logs.end(),
                   [&](const LogSummary& a, const LogSummary& b) { return order[a.file] < order[b.file]; });
  return set;
}

}  // namespace foreprint
