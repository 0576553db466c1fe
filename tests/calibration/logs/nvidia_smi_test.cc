// GPU power logs beyond the two real ones: the header variants seen in hand-written loggers, clock
// formats, pauses, several GPUs, encodings. Every expected energy is worked out in the comment.
#include <catch2/catch.hpp>
#include <string>

#include "calibration/logs/log_reader.h"
#include "temp_log.h"

using namespace foreprint;
using test::AnyWarning;
using test::ReadText;

namespace {
std::string Clock(int s) {  // seconds after 2025-01-01 00:00:00 as nvidia-smi writes them
  char buf[40];
  std::snprintf(buf, sizeof buf, "2025/01/%02d %02d:%02d:%02d.000", 1 + s / 86400, s / 3600 % 24, s / 60 % 60, s % 60);
  return buf;
}
}  // namespace

TEST_CASE("nvidia-smi: a GPU_Util column is not a GPU index", "[logs][nvidia-smi]") {
  // 100 rows 1 s apart at 100 W while the utilisation varies: 99 s × 100 W = 9,900 J.
  std::string log = "Timestamp,GPU_Util(%),Memory_Used(MiB),Power(W)\n";
  for (int i = 0; i < 100; ++i) log += std::to_string(1763736779 + i) + "," + std::to_string(i % 7) + ",13,100\n";
  auto r = ReadText("util.csv", log);
  REQUIRE(r.ok());
  CHECK(r->format == LogFormat::kNvidiaSmi);
  CHECK(*r->device_count == 1);
  CHECK(r->energy_total_kwh == Approx(9900 / 3.6e6));
  CHECK(r->duration_s == 99);
}

TEST_CASE("nvidia-smi: epoch milliseconds, time of day across midnight, elapsed seconds, milliwatts",
          "[logs][nvidia-smi]") {
  // 11 samples 500 ms apart at 200 W: 5 s × 200 W = 1,000 J.
  std::string ms = "timestamp, power.draw [W]\n";
  for (int i = 0; i <= 10; ++i) ms += std::to_string(1700000000000LL + i * 500) + ", 200 W\n";
  auto a = ReadText("ms.csv", ms);
  REQUIRE(a.ok());
  CHECK(a->energy_total_kwh == Approx(1000 / 3.6e6));
  CHECK(a->duration_s == Approx(5));
  // 23:59:58 → 00:00:01 at 100 W: 3 s × 100 W = 300 J (the clock rolls over, it does not go back).
  auto b = ReadText("tod.csv", "time, power.draw [W]\n23:59:58, 100\n23:59:59, 100\n00:00:00, 100\n00:00:01, 100\n");
  REQUIRE(b.ok());
  CHECK(b->energy_total_kwh == Approx(300 / 3.6e6));
  CHECK(b->warnings.empty());
  // Elapsed seconds and a power column in mW: 3 s × 150 W = 450 J.
  auto c = ReadText("mw.csv", "elapsed_s,gpu_power_mw\n0,150000\n1,150000\n2,150000\n3,150000\n", LogFormat::kNvidiaSmi);
  REQUIRE(c.ok());
  CHECK(c->energy_total_kwh == Approx(450 / 3.6e6));
}

TEST_CASE("nvidia-smi: one power column per GPU", "[logs][nvidia-smi]") {
  // 5 rows 1 s apart, GPU 0 at 100 W and GPU 1 at 300 W: 4 s × 400 W = 1,600 J.
  std::string log = "time,gpu0_power_w,gpu1_power_w\n";
  for (int s = 0; s < 5; ++s) log += "2025-01-01T00:00:0" + std::to_string(s) + ",100,300\n";
  auto r = ReadText("percol.csv", log);
  REQUIRE(r.ok());
  CHECK(*r->device_count == 2);
  CHECK(r->energy_total_kwh == Approx(1600 / 3.6e6));
  CHECK(AnyWarning(*r, "one GPU per power column: gpu0_power_w, gpu1_power_w"));
}

TEST_CASE("nvidia-smi: slow sampling is integrated; a pause in the logging is not", "[logs][nvidia-smi]") {
  // Every 2 minutes at 250 W for 10 minutes: 600 s × 250 W = 150,000 J, no gap.
  std::string slow = "timestamp, power.draw [W]\n";
  for (int s = 0; s <= 600; s += 120) slow += Clock(s) + ", 250.00 W\n";
  auto a = ReadText("slow.csv", slow);
  REQUIRE(a.ok());
  CHECK(a->energy_total_kwh == Approx(150000 / 3.6e6));
  CHECK(a->warnings.empty());
  // 1 Hz for 10 s, an hour's pause, 1 Hz for 10 s at 100 W: 20 s × 100 W = 2,000 J.
  std::string paused = "timestamp, power.draw [W]\n";
  for (int s = 0; s <= 10; ++s) paused += Clock(s) + ", 100.00 W\n";
  for (int s = 3610; s <= 3620; ++s) paused += Clock(s) + ", 100.00 W\n";
  auto b = ReadText("paused.csv", paused);
  REQUIRE(b.ok());
  CHECK(b->energy_total_kwh == Approx(2000 / 3.6e6));
  CHECK(b->duration_s == 3620);
  CHECK(AnyWarning(*b, "paused.csv:13: 1 gap(s) longer than 60 s (longest 3600 s) were not integrated"));
}

TEST_CASE("nvidia-smi: a clock going back is not integrated; a repeated header is not data", "[logs][nvidia-smi]") {
  // t = 0 1 2 1 2 3 at 100 W: 0→1, 1→2, (2→1 dropped), 1→2 adds nothing new, 2→3: 300 J.
  std::string log = "timestamp, power.draw [W]\n";
  for (int s : {0, 1, 2, 1, 2, 3}) log += Clock(s) + ", 100.00 W\n";
  auto a = ReadText("back.csv", log);
  REQUIRE(a.ok());
  CHECK(a->energy_total_kwh == Approx(300 / 3.6e6));
  CHECK(AnyWarning(*a, "back.csv:5: timestamp goes back 1.00 s: interval not integrated"));
  // Two logs appended to each other: the second header is skipped, the rows continue.
  std::string twice = "timestamp, power.draw [W]\n" + Clock(0) + ", 100 W\n" + Clock(1) + ", 100 W\n" +
                      "timestamp, power.draw [W]\n" + Clock(2) + ", 100 W\n";
  auto b = ReadText("twice.csv", twice);
  REQUIRE(b.ok());
  CHECK(b->rows == 3);
  CHECK(b->skipped_rows == 0);
  CHECK(b->energy_total_kwh == Approx(200 / 3.6e6));
}

TEST_CASE("nvidia-smi: [N/A], nan and negative power are skipped with file:line", "[logs][nvidia-smi]") {
  std::string log = "timestamp, index, power.draw [W]\n" + Clock(0) + ", 0, 100 W\n" + Clock(1) + ", 0, [N/A]\n" +
                    Clock(2) + ", 0, nan W\n" + Clock(3) + ", 0, -5 W\n" + Clock(4) + ", 0, [Not Supported]\n" +
                    Clock(5) + ", 0, 100 W\n";
  auto r = ReadText("na.csv", log);
  REQUIRE(r.ok());
  CHECK(r->rows == 2);
  CHECK(r->skipped_rows == 4);
  CHECK(r->energy_total_kwh == Approx(500 / 3.6e6));  // 0 → 5 s at 100 W
  CHECK(r->warnings.front() == r->file + ":3: power '[N/A]' is not a wattage: row skipped");
}

TEST_CASE("nvidia-smi: power.draw is preferred to power.limit and .instant; the first of duplicate names wins",
          "[logs][nvidia-smi]") {
  std::string log = "timestamp, power.limit [W], power.draw.instant [W], power.draw.average [W]\n" + Clock(0) +
                    ", 400 W, 500 W, 100 W\n" + Clock(10) + ", 400 W, 500 W, 100 W\n";
  auto r = ReadText("pref.csv", log);
  REQUIRE(r.ok());
  CHECK(r->energy_total_kwh == Approx(1000 / 3.6e6));
  std::string dup = "timestamp, power.draw [W], power.draw [W]\n" + Clock(0) + ", 100 W, 900 W\n" + Clock(10) +
                    ", 100 W, 900 W\n";
  auto d = ReadText("dup.csv", dup);
  REQUIRE(d.ok());
  CHECK(d->energy_total_kwh == Approx(1000 / 3.6e6));
  CHECK(AnyWarning(*d, "column 'power.draw [w]' appears twice in the header: the first is used"));
}

TEST_CASE("nvidia-smi: UTF-16 logs (PowerShell's >) are converted", "[logs][nvidia-smi]") {
  const std::string text = "timestamp, power.draw [W]\r\n" + Clock(0) + ", 100.00 W\r\n" + Clock(2) + ", 100.00 W\r\n";
  std::string le = "\xFF\xFE", be = "\xFE\xFF";
  for (char c : text) {
    le += c;
    le += '\0';
    be += '\0';
    be += c;
  }
  for (const std::string& bytes : {le, be}) {
    auto r = ReadText("utf16.csv", bytes);
    REQUIRE(r.ok());
    CHECK(r->format == LogFormat::kNvidiaSmi);
    CHECK(r->energy_total_kwh == Approx(200 / 3.6e6));
  }
}

TEST_CASE("nvidia-smi: memory stays bounded when a file names endless GPUs", "[logs][nvidia-smi]") {
  std::string log = "timestamp, index, power.draw [W]\n";
  for (int g = 0; g < 1100; ++g) log += Clock(0) + ", " + std::to_string(g) + ", 100 W\n";
  auto r = ReadText("many.csv", log);
  REQUIRE(r.ok());
  CHECK(*r->device_count == 1024);
  CHECK(r->skipped_rows == 1100 - 1024);
  CHECK(AnyWarning(*r, "more than 1024 GPUs: rows of further GPUs skipped"));
}

TEST_CASE("nvidia-smi: --format=csv,noheader logs are read by their units, never guessed", "[logs][nvidia-smi]") {
  // `--query-gpu=timestamp,index,power.draw --format=csv,noheader`: 2 GPUs at 100 W and 200 W,
  // 4 timestamps 1 s apart: 3 s × 300 W = 900 J. The first line is data, not a header.
  std::string log;
  for (int s = 0; s < 4; ++s) {
    log += Clock(s) + ", 0, 100.00 W\n";
    log += Clock(s) + ", 1, 200.00 W\n";
  }
  auto r = ReadText("noheader.csv", log);
  REQUIRE(r.ok());
  CHECK(r->format == LogFormat::kNvidiaSmi);
  CHECK(r->rows == 8);
  CHECK(*r->device_count == 2);
  CHECK(r->energy_total_kwh == Approx(900 / 3.6e6));
  CHECK(r->duration_s == 3);
  CHECK(AnyWarning(*r, "no header (--format=csv,noheader): timestamp read from column 1, power.draw from column 3"));

  // Two watt fields (power.draw and power.limit): which is the draw can't be told without a header.
  auto two = ReadText("noheader-two.csv", Clock(0) + ", 100.00 W, 300.00 W\n" + Clock(1) + ", 100.00 W, 300.00 W\n",
                      LogFormat::kNvidiaSmi);
  REQUIRE_FALSE(two.ok());
  CHECK(two.error().message.find("not an nvidia-smi power log") != std::string::npos);
  // Without units (noheader,nounits) nothing says which number is power: not read either.
  auto bare = ReadText("noheader-nounits.csv", Clock(0) + ", 0, 100.00\n" + Clock(1) + ", 0, 100.00\n",
                       LogFormat::kNvidiaSmi);
  CHECK_FALSE(bare.ok());
}

TEST_CASE("nvidia-smi: the column that makes (timestamp, GPU) unique is the GPU id, whatever its name",
          "[logs][nvidia-smi]") {
  // 'index' holds a utilisation (0 everywhere) and 'gpu' the GPU: 2 GPUs at 100 W and 300 W for 3 s,
  // whole-second ISO stamps: 3 s × 400 W = 1,200 J.
  std::string log = "timestamp,gpu,index,power.draw\n";
  for (int s = 0; s <= 3; ++s) {
    log += "2025-09-08T17:26:5" + std::to_string(s) + "+08:00,0, 0, 100\n";
    log += "2025-09-08T17:26:5" + std::to_string(s) + "+08:00,1, 0, 300\n";
  }
  auto r = ReadText("gpu-col.csv", log);
  REQUIRE(r.ok());
  CHECK(*r->device_count == 2);
  CHECK(r->energy_total_kwh == Approx(1200 / 3.6e6));
  CHECK(AnyWarning(*r, "column 'index' is not a GPU id (lines 2 and 3 share the timestamp "
                       "'2025-09-08T17:26:50+08:00' and the value '0'): GPUs told apart by 'gpu'"));
  // Without the 'gpu' column nothing tells the two rows of a timestamp apart: refused, not merged.
  std::string bad = "timestamp,index,power.draw\n";
  for (int s = 0; s <= 3; ++s) bad += Clock(s) + ", 0, 100\n" + Clock(s) + ", 0, 300\n";
  auto refused = ReadText("same-id.csv", bad);
  REQUIRE_FALSE(refused.ok());
  CHECK(refused.error().message.find("cannot tell the GPUs apart: column 'index' is not a GPU id") != std::string::npos);
}

TEST_CASE("nvidia-smi: a wide header with one power column per GPU and no unit", "[logs][nvidia-smi]") {
  // timestamp,GPU0,GPU1 (pynvml loggers): 5 rows 0.5 s apart at 200 W and 250 W: 2 s × 450 W = 900 J.
  std::string log = "timestamp,GPU0,GPU1\n";
  for (int i = 0; i < 5; ++i) log += std::to_string(1763638585 + i * 0.5) + ",200,250\n";
  auto r = ReadText("wide.csv", log);
  REQUIRE(r.ok());
  CHECK(r->format == LogFormat::kNvidiaSmi);
  CHECK(*r->device_count == 2);
  CHECK(r->energy_total_kwh == Approx(900 / 3.6e6));
  CHECK(AnyWarning(*r, "one GPU per power column: gpu0, gpu1 (no unit in their names: read as W)"));
}

TEST_CASE("nvidia-smi: milliwatts by name (mw, power_mw) or by value, decided per column", "[logs][nvidia-smi]") {
  // 'sec,mw': 4 samples 1 s apart at 20,000 mW: 3 s × 20 W = 60 J.
  auto named = ReadText("sec-mw.csv", "sec,mw\n0,20000\n1,20000\n2,20000\n3,20000\n");
  REQUIRE(named.ok());
  CHECK(named->energy_total_kwh == Approx(60 / 3.6e6));
  CHECK(named->warnings.empty());
  // 'gpu_power_w' holding NVML milliwatts (a Jetson): the first value 4,939 passes for watts, the
  // others do not; the column is read as mW: 4 s at 6.5 W after the first second at (4.939+6.5)/2.
  std::string jetson = "timestamp,gpu_power_w\n" + Clock(0) + ",4939\n";
  for (int s = 1; s <= 5; ++s) jetson += Clock(s) + ",6500\n";
  auto values = ReadText("jetson.csv", jetson);
  REQUIRE(values.ok());
  CHECK(values->rows == 6);
  CHECK(values->energy_total_kwh == Approx(((4.939 + 6.5) / 2 + 4 * 6.5) / 3.6e6));
  CHECK(AnyWarning(*values, "column 'gpu_power_w': 5 of 6 values in the first rows are above 5000 W and all fit once "
                            "divided by 1000: read as milliwatts"));
  // A single garbage value does not turn a watt column into milliwatts: it is skipped.
  std::string one = "timestamp,power.draw [W]\n";
  for (int s = 0; s <= 5; ++s) one += Clock(s) + (s == 3 ? ", 99999\n" : ", 100\n");
  auto w = ReadText("one-bad.csv", one);
  REQUIRE(w.ok());
  CHECK(w->skipped_rows == 1);
  CHECK(w->energy_total_kwh == Approx(500 / 3.6e6));
}

TEST_CASE("nvidia-smi: GPUs interleaved a few ms apart without an id column are told apart by the period",
          "[logs][nvidia-smi]") {
  // nvidia-smi --format=csv without index on 2 GPUs: each second writes GPU 0 then GPU 1, 4 ms later.
  // GPU 0 at 100 W, GPU 1 at 300 W for 10 s: 10 s × 400 W = 4,000 J (one series would give 2,000 J).
  std::string log = "timestamp, power.draw [W]\n";
  for (int s = 0; s <= 10; ++s) {
    char a[40], b[40];
    std::snprintf(a, sizeof a, "2020/06/22 13:25:%02d.146", s);
    std::snprintf(b, sizeof b, "2020/06/22 13:25:%02d.150", s);
    log += std::string(a) + ", 100.00 W\n" + b + ", 300.00 W\n";
  }
  auto r = ReadText("interleaved.csv", log);
  REQUIRE(r.ok());
  CHECK(*r->device_count == 2);
  CHECK(r->energy_total_kwh == Approx(4000 / 3.6e6));
  CHECK(AnyWarning(*r, "no GPU id column: 2 GPUs told apart by their order within each sampling instant"));
  // The same instants with 1 or 2 rows: the GPUs cannot be told apart.
  std::string ragged = "timestamp, power.draw [W]\n";
  for (int s = 0; s <= 10; ++s) {
    char a[40], b[40];
    std::snprintf(a, sizeof a, "2020/06/22 13:25:%02d.146", s);
    std::snprintf(b, sizeof b, "2020/06/22 13:25:%02d.150", s);
    ragged += std::string(a) + ", 100.00 W\n" + (s % 3 ? std::string(b) + ", 300.00 W\n" : "");
  }
  auto refused = ReadText("ragged.csv", ragged);
  REQUIRE_FALSE(refused.ok());
  CHECK(refused.error().message.find("cannot tell the GPUs apart: sampling instants hold from 1 to 2 rows") !=
        std::string::npos);
}

TEST_CASE("nvidia-smi: timestamps cut to whole seconds do not invent GPUs", "[logs][nvidia-smi]") {
  // One GPU sampled about twice a second with its clock cut to the second: seconds hold 1 or 2 rows.
  // The rows of a second are one point at their mean: 100 W at s = 0..3, 200 W at s = 4..6 (the two
  // rows of s = 4 are 150 and 250): 3 s × 100 + 1 s × 150 + 2 s × 200 = 850 J.
  std::string log = "timestamp,power_usage(W)\n";
  const char* rows[][2] = {{"00", "100"}, {"00", "100"}, {"01", "100"}, {"02", "100"}, {"02", "100"}, {"03", "100"},
                           {"04", "150"}, {"04", "250"}, {"05", "200"}, {"06", "200"}, {"06", "200"}};
  for (auto& r : rows) log += std::string("2023-06-15 22:54:") + r[0] + ", " + r[1] + "\n";
  auto r = ReadText("cut.csv", log);
  REQUIRE(r.ok());
  CHECK(*r->device_count == 1);
  CHECK(r->energy_total_kwh == Approx(850 / 3.6e6));
  CHECK(AnyWarning(*r, "4 sample(s) shared their GPU's timestamp with another"));
  // Two rows every whole second: two GPUs, or one sampled twice a second? Refused.
  std::string two = "timestamp,power_usage(W)\n";
  for (int s = 0; s < 8; ++s) two += "2023-06-15 22:54:0" + std::to_string(s) + ", 100\n2023-06-15 22:54:0" +
                                     std::to_string(s) + ", 300\n";
  auto refused = ReadText("two-per-second.csv", two);
  REQUIRE_FALSE(refused.ok());
  CHECK(refused.error().message.find("every whole-second timestamp holds 2 rows: 2 GPUs, or one GPU sampled 2 times a "
                                     "second?") != std::string::npos);
}

TEST_CASE("Zeus's zeus_monitor power log: Time,Power in mW", "[logs][nvidia-smi]") {
  // 5 samples 50 ms apart at 32,000 mW: 0.2 s × 32 W = 6.4 J.
  std::string log = "Time,Power\n";
  for (int i = 0; i < 5; ++i) log += "2022-07-13 02:07:36." + std::to_string(100 + 50 * i) + "000000,32000\n";
  auto r = ReadText("zeus-power.csv", log);
  REQUIRE(r.ok());
  CHECK(r->format == LogFormat::kZeus);
  CHECK(r->energy_total_kwh == Approx(6.4 / 3.6e6));
  CHECK(r->scope == EnergyScope::kAcceleratorMeasured);
  CHECK(r->warnings.empty());
}

TEST_CASE("nvidia-smi: headerless logs without units, and a power column without a time, are refused with the reason",
          "[logs][nvidia-smi]") {
  auto bare = ReadText("nounits.csv", Clock(0) + ", 98, 36, 11178, 244.72, P2\n" + Clock(1) + ", 75, 14, 11176, 258.48, P2\n");
  REQUIRE_FALSE(bare.ok());
  CHECK(bare.error().message.find("looks like nvidia-smi --format=csv,noheader,nounits") != std::string::npos);
  auto no_time = ReadText("no-time.csv", "power.draw [W]\n13.61 W\n13.61 W\n");
  REQUIRE_FALSE(no_time.ok());
  CHECK(no_time.error().message.find("needs a timestamp and a power.draw column") != std::string::npos);
}
