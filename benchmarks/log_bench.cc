// log_bench.cc — parsing and integrating a 1-million-row nvidia-smi log (target ≤ 2 s), printed
// as seconds and rows/s next to the time to merely read the file's lines (the I/O floor), and the
// process's peak memory (the reader streams: it should not grow with the file). Never fails.
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sys/resource.h>

#include "calibration/logs/log_reader.h"
#include "core/text.h"

using namespace foreprint;

int main() {
  const auto path = (std::filesystem::temp_directory_path() / "foreprint-bench-1m.csv").string();
  {
    std::ofstream out(path);
    out << "timestamp, index, power.draw [W]\n";
    char buf[80];
    for (int i = 0; i < 1000000; ++i) {  // 4 GPUs at 10 Hz
      const int step = i / 4, s = step / 10;
      std::snprintf(buf, sizeof buf, "2025/01/%02d %02d:%02d:%02d.%d00, %d, %.2f W\n", 1 + s / 86400, s / 3600 % 24,
                    s / 60 % 60, s % 60, step % 10, i % 4, 250.0 + (i % 97));
      out << buf;
    }
  }
  const auto bytes = std::filesystem::file_size(path);
  auto t0 = std::chrono::steady_clock::now();
  long lines = 0;
  {
    auto in = LineReader::Open(path);
    std::string line;
    while (in->Next(&line)) ++lines;
  }
  auto t1 = std::chrono::steady_clock::now();
  auto s = ReadLog(path, LogFormat::kAuto);
  auto t2 = std::chrono::steady_clock::now();
  std::remove(path.c_str());
  if (!s) {
    std::cerr << s.error().Format() << "\n";
    return 0;  // a benchmark reports, it does not fail
  }
  const double read = std::chrono::duration<double>(t1 - t0).count();
  const double parse = std::chrono::duration<double>(t2 - t1).count();
  std::cout << "nvidia-smi log, " << s->rows << " rows (" << FormatSig(bytes / 1e6, 3) << " MB, " << *s->device_count
            << " GPUs): parsed and integrated in " << FormatSig(parse, 3) << " s = "
            << FormatSig(s->rows / parse, 3) << " rows/s (target ≤ 2 s)\n"
            << "reading the lines alone: " << FormatSig(read, 3) << " s; parse/read ratio " << FormatSig(parse / read, 3)
            << "\nenergy " << FormatSig(s->energy_total_kwh, 4) << " kWh over " << FormatSig(s->duration_s / 3600, 4)
            << " h\n";
  rusage usage{};
  if (getrusage(RUSAGE_SELF, &usage) == 0) {
    std::cout << "peak memory of the whole process: " << FormatSig(usage.ru_maxrss / 1024.0, 3) << " MB for a "
              << FormatSig(bytes / 1e6, 3) << " MB log\n";
  }
  return 0;
}
