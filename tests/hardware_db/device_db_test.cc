#include "hardware_db/device_db.h"

#include <catch2/catch.hpp>
#include <map>
#include <set>

#include "core/csv.h"
#include "core/text.h"
#include "test_util.h"

using namespace foreprint;

namespace {
const DeviceDb& Db() {
  auto db = DeviceDb::Builtin();
  REQUIRE(db.ok());
  return **db;
}
// The id a query resolves to, or "(none)" — so a failed lookup fails the check, not the process.
std::string IdOf(const std::string& q) {
  const auto* x = Db().TryFind(q);
  return x ? x->id : "(none)";
}
}  // namespace

TEST_CASE("the device database holds at least 45 accelerators, each cited", "[hardware_db]") {
  const auto& devices = Db().devices();
  CHECK(devices.size() >= 45);
  for (const auto& d : devices) {
    INFO(d.id);
    CHECK(!d.source.empty());
    CHECK(d.tdp.value() >= 10);
    CHECK(d.tdp.value() <= 2000);
    CHECK(d.idle.value() < d.tdp.value());
    CHECK(d.TrainingPeak().value() > 0);
    CHECK(d.memory_gb > 0);
    CHECK(d.embodied_kgco2e > 0);
    CHECK(!d.family.empty());
  }
}

TEST_CASE("required device ids exist exactly", "[hardware_db]") {
  for (const char* id : {"V100-SXM2-32GB", "P100-SXM2-16GB", "A100-SXM4-40GB", "A100-SXM4-80GB", "A100-PCIe-40GB",
                         "H100-SXM5-80GB", "H800-SXM5-80GB", "TPUv3", "TPUv4", "MI250X"}) {
    INFO(id);
    const Device* d = Db().TryFind(id);
    REQUIRE(d != nullptr);
    CHECK(d->id == id);
  }
}

TEST_CASE("the required device families are all present", "[hardware_db]") {
  for (const char* q : {"K80", "P100", "V100-PCIe-16GB", "V100-SXM2-16GB", "T4", "A10", "A10G", "A30", "A40",
                        "A100-PCIe-80GB", "A800", "H100-PCIe-80GB", "H100 NVL", "H800", "H200", "H20", "L4", "L40",
                        "L40S", "B100", "B200", "GB200", "RTX 3090", "RTX 4090", "RTX A6000", "MI100", "MI210",
                        "MI300X", "MI325X", "TPUv2", "TPU v5e", "TPU v5p", "TPU v6e", "Gaudi 2", "Gaudi 3",
                        "Ascend 910", "Ascend 910B", "Trainium", "Trainium2", "Inferentia2"}) {
    INFO(q);
    CHECK(Db().TryFind(q) != nullptr);
  }
}

TEST_CASE("lookup is case-insensitive and takes the hardware strings of Epoch and OpenCarbonEval", "[hardware_db]") {
  CHECK(IdOf("a100-sxm4-80gb") == "A100-SXM4-80GB");
  CHECK(IdOf("NVIDIA A100 SXM4 80 GB") == "A100-SXM4-80GB");
  CHECK(IdOf("NVIDIA Tesla V100 DGXS 32 GB") == "V100-SXM2-32GB");
  CHECK(IdOf("Google TPU v3") == "TPUv3");
  CHECK(IdOf("NVIDIA H100 SXM5 80GB") == "H100-SXM5-80GB");
  const Device* bare = Db().TryFind("NVIDIA A100");
  REQUIRE(bare != nullptr);
  CHECK(bare->id == "A100-SXM4-40GB");
  CHECK(!Db().DefaultAliasesOf("A100-SXM4-40GB").empty());
}

// tests/data/hardware_strings.csv: every distinct hardware string of Epoch AI's Notable AI Models
// snapshot (CC BY 4.0) and OpenCarbonEval's model_emission.csv, as written there.
TEST_CASE("every Epoch and OpenCarbonEval hardware string resolves", "[hardware_db]") {
  auto csv = CsvTable::Parse(test::ReadFixture("hardware_strings.csv"), "hardware_strings.csv");
  REQUIRE(csv.ok());
  REQUIRE(csv->rows() >= 25);
  for (size_t r = 0; r < csv->rows(); ++r) {
    INFO(csv->Get(r, "hardware"));
    CHECK(Db().TryFind(csv->Get(r, "hardware")) != nullptr);
  }
}

TEST_CASE("ids and aliases are unique across the database", "[hardware_db]") {
  std::map<std::string, std::string> owner;  // normalised key → id
  for (const auto& d : Db().devices()) {
    std::vector<std::string> keys = {d.id};
    keys.insert(keys.end(), d.aliases.begin(), d.aliases.end());
    for (const auto& k : keys) {
      INFO(d.id << ": " << k);
      auto [it, fresh] = owner.emplace(NormalizeKey(k), d.id);
      CHECK(it->second == d.id);
    }
  }
}

TEST_CASE("peaks are dense: bf16 never exceeds fp8, tf32 never exceeds bf16", "[hardware_db]") {
  for (const auto& d : Db().devices()) {
    INFO(d.id);
    auto bf16 = d.Peak("bf16"), fp8 = d.Peak("fp8"), tf32 = d.Peak("tf32"), fp32 = d.Peak("fp32");
    if (bf16 && fp8) CHECK(*bf16 <= *fp8);
    if (tf32 && bf16) CHECK(*tf32 <= *bf16);
    if (fp32 && bf16) CHECK(*fp32 <= *bf16);
  }
}

TEST_CASE("an unknown device is an error with suggestions", "[hardware_db]") {
  auto r = Db().Find("H10");
  REQUIRE(!r.ok());
  const std::string& m = r.error().message;
  CHECK(m.rfind("unknown device 'H10' — did you mean: H100-SXM5-80GB", 0) == 0);
  CHECK(m.find("H100-PCIe-80GB") != std::string::npos);
  auto none = Db().Find("qqqqqqqq");
  CHECK(none.error().message == "unknown device 'qqqqqqqq' — run 'foreprint hardware list' to see them all");
}

TEST_CASE("a malformed device file is reported with file and line", "[hardware_db]") {
  std::string good = test::ReadFixture("devices_small.yaml");
  REQUIRE(DeviceDb::Parse(good, "devices_small.yaml").ok());

  auto bad_yaml = DeviceDb::Parse("devices:\n  - id: [unclosed\n", "d.yaml");
  REQUIRE(!bad_yaml.ok());
  CHECK(bad_yaml.error().file == "d.yaml");
  CHECK(bad_yaml.error().line >= 2);

  std::string tdp = good;
  tdp.replace(tdp.find("tdp_w: 700"), 10, "tdp_w: 7000");
  auto r = DeviceDb::Parse(tdp, "d.yaml");
  REQUIRE(!r.ok());
  CHECK(r.error().Format() == "d.yaml:26:12: devices.H100-SXM5-80GB.tdp_w: value 7000 is outside the plausible range 10 to 2000");

  std::string dup = good;
  dup.replace(dup.find("\"NVIDIA H100 SXM5 80GB\""), 23, "\"nvidia a100 sxm4 40gb\"");
  auto d = DeviceDb::Parse(dup, "d.yaml");
  REQUIRE(!d.ok());
  CHECK(d.error().message.find("already used by device A100-SXM4-40GB") != std::string::npos);

  std::string missing = good;
  missing.replace(missing.find("    source: \"NVIDIA H100 datasheet\"\n"), 36, "");
  auto m = DeviceDb::Parse(missing, "d.yaml");
  REQUIRE(!m.ok());
  CHECK(m.error().message == "missing required key 'source'");
  CHECK(m.error().line == 20);

  std::string typo = good;
  typo.replace(typo.find("memory_bw_gbps: 3350"), 20, "memory_bw: 3350");
  auto t = DeviceDb::Parse(typo, "d.yaml");
  REQUIRE(!t.ok());
  CHECK(t.error().message == "unknown key 'memory_bw' — did you mean 'memory_bw_gbps'?");
}

TEST_CASE("the built-in (generated JSON) database equals hardware_db/devices.yaml", "[hardware_db]") {
  auto yaml = DeviceDb::Parse(*ReadTextFile(test::SourcePath("hardware_db/devices.yaml")), "devices.yaml");
  REQUIRE(yaml.ok());
  auto again = DeviceDb::FromJson(yaml->ToJson(), "devices.yaml");
  REQUIRE(again.ok());
  REQUIRE(yaml->devices().size() == Db().devices().size());
  for (size_t i = 0; i < yaml->devices().size(); ++i) {
    const Device& a = yaml->devices()[i];
    const Device& b = Db().devices()[i];
    INFO(a.id);
    CHECK(a.id == b.id);
    CHECK(a.aliases == b.aliases);
    CHECK(a.tdp == b.tdp);
    CHECK(a.idle == b.idle);
    CHECK(a.peak_tflops == b.peak_tflops);
    CHECK(a.embodied_kgco2e == b.embodied_kgco2e);
    CHECK(a.source == b.source);
    CHECK(a.value_sources == b.value_sources);
    CHECK(a.line == b.line);
    CHECK(again->devices()[i].memory_bw_gbps == a.memory_bw_gbps);
  }
}
