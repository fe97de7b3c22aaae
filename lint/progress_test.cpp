#include "lint/progress.hpp"

#include <doctest/doctest.h>

using sagelint::lint::Progress;

TEST_CASE("the progress line: targets done of the total, bytes, rate, time left") {
  CHECK(Progress::line(0, 40, 0, 0) == "0/40 targets, 0.0 MB read");
  CHECK(Progress::line(10, 40, 5'000'000, 2.0) == "10/40 targets, 5.0 MB read, 2.5 MB/s, ETA 0:06");
  CHECK(Progress::line(40, 40, 5'000'000, 2.0) == "40/40 targets, 5.0 MB read, 2.5 MB/s");
  CHECK(Progress::line(1, 3601, 0, 1.0) == "1/3601 targets, 0.0 MB read, 0.0 MB/s, ETA 1:00:00");
}
