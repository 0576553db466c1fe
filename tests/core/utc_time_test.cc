#include "core/utc_time.h"

#include <catch2/catch.hpp>

using namespace foreprint;

TEST_CASE("ISO 8601 times parse to hours since the epoch", "[time]") {
  CHECK(*ParseIsoUtc("1970-01-01T00:00Z") == 0);
  CHECK(*ParseIsoUtc("1970-01-02") == 24);
  // 2025-03-01 is day 20148 since 1970-01-01.
  CHECK(*ParseIsoUtc("2025-03-01T00:00Z") == 20148 * 24.0);
  CHECK(*ParseIsoUtc("2025-03-01T02:30:00+02:00") == Approx(20148 * 24.0 + 0.5));
  CHECK(*ParseIsoUtc("2024-02-29T12:00") == Approx(HoursFromCivil(2024, 2, 29, 12)));
  CHECK(FormatIsoUtc(*ParseIsoUtc("2025-07-04T17:45Z")) == "2025-07-04T17:45Z");
}

TEST_CASE("bad times are refused", "[time]") {
  CHECK(!ParseIsoUtc("2025-02-30"));
  CHECK(!ParseIsoUtc("2025-13-01"));
  CHECK(!ParseIsoUtc("01/03/2025"));
  CHECK(!ParseIsoUtc("2025-03-01T25:00Z"));
  CHECK(!ParseIsoUtc("2025-03-01T00:00Zjunk"));
}
