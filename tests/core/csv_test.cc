#include "core/csv.h"

#include <catch2/catch.hpp>

using namespace foreprint;

TEST_CASE("CSV handles quotes, CRLF and a BOM", "[csv]") {
  auto t = CsvTable::Parse("\xEF\xBB\xBFname,note\r\nA,\"x, \"\"y\"\"\"\r\nB,\"two\nlines\"\r\n", "t.csv");
  REQUIRE(t.ok());
  CHECK(t->header() == std::vector<std::string>{"name", "note"});
  REQUIRE(t->rows() == 2);
  CHECK(t->Get(0, "note") == "x, \"y\"");
  CHECK(t->Get(1, "note") == "two\nlines");
  CHECK(t->LineOf(1) == 3);
  CHECK(t->Get(0, "missing").empty());
}

TEST_CASE("CSV errors name file and line", "[csv]") {
  auto bad = CsvTable::Parse("a,b\n1,2\n3\n", "t.csv");
  REQUIRE(!bad.ok());
  CHECK(bad.error().Format() == "t.csv:3: expected 2 fields, found 1");
  auto open = CsvTable::Parse("a\n\"unterminated\n", "u.csv");
  REQUIRE(!open.ok());
  CHECK(open.error().Format() == "u.csv:2: unterminated quoted field");
  CHECK(!CsvTable::Parse("", "e.csv").ok());
}
