#include "models/workload.h"

#include <catch2/catch.hpp>

using namespace foreprint;

TEST_CASE("dense transformer: C = 6ND", "[models]") {
  WorkloadSpec s;
  s.params = 7e9;
  s.tokens = 2e12;
  auto w = ComputeWorkload(s);
  REQUIRE(w.ok());
  CHECK(w->flops.value() == Approx(8.4e22));
  CHECK(w->params == 7e9);
}

TEST_CASE("dense transformer with the attention term", "[models]") {
  // GPT-3 175B: 96 layers, seq 2048, d_model 12288, 300B tokens.
  WorkloadSpec s;
  s.params = 175e9;
  s.tokens = 300e9;
  s.n_layers = 96;
  s.seq_len = 2048;
  s.d_model = 12288;
  auto w = ComputeWorkload(s);
  REQUIRE(w.ok());
  CHECK(w->flops.value() == Approx(6 * 175e9 * 300e9 + 6.0 * 96 * 2048 * 12288 * 300e9));
}

TEST_CASE("MoE uses active parameters", "[models]") {
  WorkloadSpec s;
  s.kind = WorkloadKind::kMoe;
  s.params = 47e9;
  s.active_params = 13e9;
  s.tokens = 1e12;
  auto w = ComputeWorkload(s);
  REQUIRE(w.ok());
  CHECK(w->flops.value() == Approx(6 * 13e9 * 1e12));
  CHECK(w->active_params == 13e9);
  s.active_params.reset();
  CHECK(ComputeWorkload(s).error().field == "model.active_params");
}

TEST_CASE("vision: 3 × forward FLOPs × samples × epochs", "[models]") {
  // ResNet-50: 4.1 GFLOPs forward (He et al. 2016, as multiply-adds ×2 convention varies), 1.28M images, 90 epochs.
  WorkloadSpec s;
  s.kind = WorkloadKind::kCnn;
  s.flops_per_sample = 4.1e9;
  s.samples = 1.281167e6;
  s.epochs = 90;
  auto w = ComputeWorkload(s);
  REQUIRE(w.ok());
  CHECK(w->flops.value() == Approx(3 * 4.1e9 * 1.281167e6 * 90));
}

TEST_CASE("ViT forward FLOPs derive from params and patches", "[models]") {
  // ViT-L/16 at 224 px: 14 × 14 patches + class token = 197 tokens.
  WorkloadSpec s;
  s.kind = WorkloadKind::kVit;
  s.params = 304e6;
  s.image_size = 224;
  s.patch_size = 16;
  s.samples = 1;
  auto w = ComputeWorkload(s);
  REQUIRE(w.ok());
  CHECK(w->flops.value() == Approx(3 * 2 * 304e6 * 197));
}

TEST_CASE("explicit flops override the formula; missing inputs name the field", "[models]") {
  WorkloadSpec s;
  s.params = 7e9;
  s.tokens = 2e12;
  s.flops = 1e23;
  CHECK(ComputeWorkload(s)->flops.value() == 1e23);
  WorkloadSpec t;
  t.params = 7e9;
  CHECK(ComputeWorkload(t).error().field == "model.tokens");
  WorkloadSpec c;
  c.kind = WorkloadKind::kCnn;
  c.samples = 1e6;
  CHECK(ComputeWorkload(c).error().field == "model.flops_per_sample");
  WorkloadSpec f;
  f.kind = WorkloadKind::kFlops;
  CHECK(ComputeWorkload(f).error().field == "model.flops");
  WorkloadSpec huge;
  huge.flops = 1e33;  // beyond any plausible run: a unit mistake
  CHECK(ComputeWorkload(huge).error().message.find("beyond any plausible training run") != std::string::npos);
}

TEST_CASE("more FLOPs never come from a smaller workload", "[models][property]") {
  double prev = 0;
  for (double tokens = 1e9; tokens <= 1e13; tokens *= 3) {
    WorkloadSpec s;
    s.params = 1e9;
    s.tokens = tokens;
    double c = ComputeWorkload(s)->flops.value();
    CHECK(c > prev);
    prev = c;
  }
}

TEST_CASE("LoRA counts the frozen base as 4·N per token plus the attention term", "[models]") {
  // Llama 2 70B LoRA as MLPerf runs it (shared/reference/mlperf/README.md): N = 68.98e9, 80 layers,
  // seq 8192, d_model 8192: per token 4 × 68.98e9 + 6 × 80 × 8192 × 8192 = 2.7592e11 + 3.2212e10.
  WorkloadSpec s;
  s.params = 68.98e9;
  s.tokens = 1e9;
  s.n_layers = 80;
  s.seq_len = 8192;
  s.d_model = 8192;
  s.training = Training::kLora;
  auto w = ComputeWorkload(s);
  REQUIRE(w.ok());
  const double per_token = 4 * 68.98e9 + 6.0 * 80 * 8192 * 8192;
  CHECK(w->flops.value() == Approx(per_token * 1e9));
  CHECK(TransformerFlopsPerToken(68.98e9, Training::kLora, 80, 8192, 8192) == Approx(per_token));
  CHECK(w->formula.find("LoRA") != std::string::npos);
  // Pre-training and fine-tuning both count 6·N.
  s.training = Training::kFineTuning;
  CHECK(ComputeWorkload(s)->flops.value() == Approx((6 * 68.98e9 + 6.0 * 80 * 8192 * 8192) * 1e9));
  CHECK(ParseTraining("LoRA") == Training::kLora);
  CHECK(!ParseTraining("qlora"));
}
