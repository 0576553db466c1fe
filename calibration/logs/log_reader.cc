#include "calibration/logs/log_reader.h"

#include <algorithm>
#include <filesystem>
#include <map>
#include <set>

#include "calibration/logs/log_text.h"
#include "core/text.h"

namespace foreprint {
namespace {

constexpr size_t kProbeLines = 50;        // lines format detection looks at
constexpr size_t kProbeBytes = 256 << 10;  // at most this much of them is kept

// "…/X_carbontracker.log" → "…/X_carbontracker_output.log"; "" for other names.
std::string OutputLogOf(const std::string& path) {
  const std::string suffix = "_carbontracker.log";
  if (path.size() <= suffix.size() || path.compare(path.size() - suffix.size(), suffix.size(), suffix) != 0) return "";
  return path.substr(0, path.size() - 4) + "_output.log";
}

Result<LogFormat> Detect(const std::string& path) {
  auto probe = LineReader::Open(path);
  if (!probe) return probe.error();
  std::vector<std::string> head;
  size_t bytes = 0;
  std::string line;
  int first_line = 0;
  while (head.size() < kProbeLines && bytes < kProbeBytes && probe->Next(&line)) {
    if (Trim(line).empty()) continue;
    if (head.empty()) first_line = probe->line_number();
    if (!head.empty() && line.size() > 4096) line.resize(4096);
    bytes += line.size();
    head.push_back(std::move(line));
  }
  if (head.empty()) {
    Error e = MakeError("the file is empty");
    return e.At(path);
  }
  if (probe->BinaryLooking()) {
    Error e = MakeError("this looks like a binary file, not a tracker log");
    return e.At(path);
  }
  const LogFormat format = DetectFormat(head, path);
  if (format == LogFormat::kAuto) {
    Error e = MakeError("cannot tell which tracker wrote this file (first line: '" + Snippet(head.front(), 80) +
                        "'); use --format codecarbon|eco2ai|carbontracker|nvidia-smi|zeus");
    return e.At(path, first_line);
  }
  return format;
}

}  // namespace

Result<LogSummary> ReadLog(const std::string& path, LogFormat format) {
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
  // Carbontracker writes X_carbontracker.log and X_carbontracker_output.log for one run: when both
  // are given, the full log is read only if its _output.log could not be.
  const std::set<std::string> given(files.begin(), files.end());
  std::map<std::string, std::string> full_logs;  // _output.log → its full log
  for (const auto& f : files) {
    const std::string output = OutputLogOf(f);
    if (!output.empty() && given.count(output)) full_logs[output] = f;
  }
  std::set<std::string> counted;  // full logs whose _output.log was read
  for (const auto& f : files) {
    if (full_logs.count(OutputLogOf(f))) continue;  // a full log with its _output.log: decided below
    auto s = ReadLog(f, format);
    auto full = full_logs.find(f);
    if (s) {
      if (full != full_logs.end()) {
        s->Warn(0, "the same run's full log " + full->second + " is not counted again");
        counted.insert(full->second);
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
  std::stable_sort(set.logs.begin(), set.logs.end(),
                   [&](const LogSummary& a, const LogSummary& b) { return order[a.file] < order[b.file]; });
  return set;
}

}  // namespace foreprint
