#include "hardware_db/instance_db.h"

#include <catch2/catch.hpp>
#include <set>

#include "core/data_files.h"
#include "test_util.h"

using namespace foreprint;

namespace {

const DeviceDb& Devices() { return **DeviceDb::Builtin(); }
const RegionDb& Regions() { return **RegionDb::Builtin(); }
const InstanceDb& Instances() { return **InstanceDb::Builtin(); }

double OnDemand(const std::string& instance, const std::string& region) {
  const Instance* in = Instances().TryFind(instance);
  REQUIRE(in);
  const InstancePrice* p = in->PriceIn(region);
  REQUIRE(p);
  return p->on_demand_usd_per_hour;
}

const char* kHeader =
    "host_power:\n  utilization: 0.5\n  per_vcpu_w:\n    aws: {min: 0.74, max: 3.5}\n  source: \"CCF\"\n"
    "instances:\n";

std::string Row(const std::string& accelerator, const std::string& region, const std::string& spot = "null") {
  return "  - id: \"x1.big\"\n    provider: aws\n    kind: vm\n    accelerator: \"" + accelerator +
         "\"\n    count: 8\n    catalog_accelerator: \"X\"\n    vcpus: 96\n    memory_gb: 768\n    devices_per_host: 8\n"
         "    price_date: \"unknown\"\n    source: \"test\"\n    regions:\n      - {region: " + region +
         ", on_demand: 10, spot: " + spot + "}\n";
}

}  // namespace

TEST_CASE("the built-in instance catalog loads with its three providers", "[instances]") {
  std::map<std::string, int> per_provider;
  for (const auto& in : Instances().instances()) ++per_provider[in.provider];
  CHECK(per_provider["aws"] == 23);
  CHECK(per_provider["gcp"] == 28);
  CHECK(per_provider["azure"] == 20);
  // The YAML and the embedded JSON copy agree.
  auto text = ReadTextFile(test::SourcePath("hardware_db/instances.yaml"));
  REQUIRE(text.ok());
  auto parsed = InstanceDb::Parse(*text, "instances.yaml", Devices(), Regions());
  REQUIRE(parsed.ok());
  REQUIRE(parsed->instances().size() == Instances().instances().size());
  auto round = InstanceDb::FromJson(parsed->ToJson(), "instances.json");
  REQUIRE(round.ok());
  CHECK(round->instances().back().prices.size() == parsed->instances().back().prices.size());
}

TEST_CASE("prices reproduce the cited catalog rows", "[instances]") {
  CHECK(OnDemand("p5.48xlarge", "aws:us-east-1") == 98.32);
  CHECK(OnDemand("a2-highgpu-8g", "gcp:us-central1") == Approx(5.91582 + 23.47126));
  CHECK(OnDemand("a2-highgpu-8g", "gcp:us-central1") == 29.38708);
  CHECK(OnDemand("Standard_NC24ads_A100_v4", "azure:eastus") == 3.673);
  CHECK(OnDemand("trn1.32xlarge", "aws:us-east-1") == 21.5);
  const Instance* trn2 = Instances().TryFind("trn2.48xlarge");
  REQUIRE(trn2);
  CHECK(trn2->accelerator == "Trainium2");
  CHECK(trn2->count == 16);
  CHECK(Instances().TryFind("Standard_ND96isr_H100_v5")->count == 8);  // corrected from the catalog's 12
}

TEST_CASE("availability: TPUs only on GCP, Trainium only on AWS", "[instances]") {
  std::set<std::string> tpu_providers;
  for (const auto& in : Instances().instances()) {
    if (in.accelerator.rfind("TPU", 0) == 0) tpu_providers.insert(in.provider);
    if (in.accelerator.rfind("Trainium", 0) == 0) CHECK(in.provider == "aws");
  }
  CHECK(tpu_providers == std::set<std::string>{"gcp"});
  for (const auto& g : Regions().regions()) {
    if (g.provider == "aws" || g.provider == "azure") {
      CHECK(Instances().Of("TPUv5p", g) != Availability::kOffered);
      CHECK(Instances().Of("Gaudi3", g) != Availability::kOffered);
    }
  }
  CHECK(Instances().Of("TPUv5p", *Regions().TryFind("gcp:us-central1")) == Availability::kOffered);
  CHECK(Instances().Of("TPUv5p", *Regions().TryFind("aws:us-east-1")) == Availability::kNotOffered);
  CHECK(Instances().Of("H100-SXM5-80GB", *Regions().TryFind("azure:westeurope")) == Availability::kNoCatalogData);
  CHECK(Instances().Of("H100-SXM5-80GB", *Regions().TryFind("FR")) == Availability::kNotCloud);
}

TEST_CASE("the cheapest rental: whole instances, whole hosts for multi-host runs, lowest total price",
          "[instances]") {
  auto r = Instances().Cheapest("H100-SXM5-80GB", "aws:us-east-1", 12);
  REQUIRE(r);
  CHECK(r->instance->id == "p5.48xlarge");
  CHECK(r->instances == 2);
  CHECK(r->usd_per_hour == Approx(2 * 98.32));
  CHECK(!Instances().Cheapest("H100-SXM5-80GB", "aws:eu-central-1", 8));
  // One A10G: g5.xlarge (1.006 USD/h) beats a 1-GPU share of anything larger.
  auto g5 = Instances().Cheapest("A10G", "aws:us-east-1", 1);
  REQUIRE(g5);
  CHECK(g5->instance->id == "g5.xlarge");
  // 841 Trainium chips: 53 whole trn1.32xlarge hosts (848 chips), not 841 one-chip trn1.2xlarge slices.
  auto trn = Instances().Cheapest("Trainium", "aws:us-east-1", 841);
  REQUIRE(trn);
  CHECK(trn->instance->id == "trn1.32xlarge");
  CHECK(trn->instances == 53);
}

TEST_CASE("host power from vCPUs with Cloud Carbon Footprint's per-vCPU watts", "[instances]") {
  const Instance* p5 = Instances().TryFind("p5.48xlarge");
  REQUIRE(p5->host_power);
  CHECK(p5->host_power->value() == Approx(192 * (0.74 + 0.5 * (3.5 - 0.74))));
  CHECK(!Instances().TryFind("tpu-v6e-8")->host_power);  // TPU VMs: no vCPUs in the catalog
  CHECK(Instances().TryFind("g5.xlarge")->devices_per_host == 8);
}

TEST_CASE("unknown instances suggest close ids", "[instances][errors]") {
  auto r = Instances().Find("p5.48xlarg");
  REQUIRE(!r.ok());
  CHECK(r.error().message.find("unknown instance 'p5.48xlarg' — did you mean: p5.48xlarge") != std::string::npos);
}

TEST_CASE("the instance loader refuses bad rows with their line", "[instances][errors]") {
  CHECK(InstanceDb::Parse(std::string(kHeader) + Row("H100-SXM5-80GB", "aws:us-east-1"), "i.yaml", Devices(),
                          Regions()).ok());
  auto unknown = InstanceDb::Parse(std::string(kHeader) + Row("H101", "aws:us-east-1"), "i.yaml", Devices(), Regions());
  REQUIRE(!unknown.ok());
  CHECK(unknown.error().Format().find("i.yaml:10:18: instances.x1.big.accelerator: unknown device 'H101'") == 0);
  auto other = InstanceDb::Parse(std::string(kHeader) + Row("H100-SXM5-80GB", "gcp:us-central1"), "i.yaml", Devices(),
                                 Regions());
  REQUIRE(!other.ok());
  CHECK(other.error().message == "'gcp:us-central1' is not a aws region");
  auto spot = InstanceDb::Parse(std::string(kHeader) + Row("H100-SXM5-80GB", "aws:us-east-1", "12"), "i.yaml",
                                Devices(), Regions());
  REQUIRE(!spot.ok());
  CHECK(spot.error().field == "instances.x1.big.regions.aws:us-east-1.spot");
}
