#include "core/yaml_reader.h"

#include <catch2/catch.hpp>

#include "core/yaml_flow_scan.h"

using namespace foreprint;

TEST_CASE("an unclosed bracket is reported where it opens, with where it was detected", "[core][yaml][errors]") {
  // Line 4 of a 4-line file: yaml-cpp notices at 5:1 (the end of the file).
  auto r = YamlReader::Parse("name: x\nmodel:\n  kind: transformer\nlist: [a, b\n", "run.yaml");
  REQUIRE(!r.ok());
  CHECK(r.error().Format() ==
        "run.yaml:4:7: malformed YAML: '[' is never closed (end of sequence flow not found, detected at line 5:1)");

  auto map = YamlReader::Parse("name: x\nmodel: {kind: transformer, params: 7B\nhardware:\n  device: A100\n", "run.yaml");
  REQUIRE(!map.ok());
  CHECK(map.error().line == 2);
  CHECK(map.error().column == 8);
  CHECK(map.error().message ==
        "malformed YAML: '{' is never closed (end of map flow not found, detected at line 3:9)");

  auto nested = YamlReader::Parse("a: [1, [2, 3]\nb: 2\n", "run.yaml");
  REQUIRE(!nested.ok());
  CHECK(nested.error().line == 1);
  CHECK(nested.error().column == 4);
}

TEST_CASE("other YAML errors keep yaml-cpp's position", "[core][yaml][errors]") {
  auto extra = YamlReader::Parse("a: [1, 2]]\n", "run.yaml");
  REQUIRE(!extra.ok());
  CHECK(extra.error().Format() == "run.yaml:1:10: malformed YAML: illegal flow end");
  auto value = YamlReader::Parse("a: b: c\n", "run.yaml");
  REQUIRE(!value.ok());
  CHECK(value.error().Format() == "run.yaml:1:5: malformed YAML: illegal map value");
}

TEST_CASE("the flow scanner skips text that only looks like a bracket", "[core][yaml]") {
  CHECK(!UnclosedFlowOpener("name: a[1]\nb: 'it [is'\nc: \"x {y\"  # [comment\n").has_value());
  CHECK(!UnclosedFlowOpener("a: |\n  [not yaml\n  {either\nb: [1, 2]\n").has_value());
  CHECK(!UnclosedFlowOpener("a: [x, 'y ]', \"z]\"]\n").has_value());
  CHECK(!UnclosedFlowOpener("- [1, 2]\n- {a: [3]}\n").has_value());
  auto o = UnclosedFlowOpener("a:\n  - [1, 2\n");
  REQUIRE(o.has_value());
  CHECK(o->bracket == '[');
  CHECK(o->line == 2);
  CHECK(o->column == 5);
  auto q = UnclosedFlowOpener("a: {b: 'it''s [', c: [1\n");
  REQUIRE(q.has_value());
  CHECK(q->column == 22);
  CHECK(UnclosedFlowOpener("é: [x\n")->column == 5);  // columns count bytes, as yaml-cpp does
}
