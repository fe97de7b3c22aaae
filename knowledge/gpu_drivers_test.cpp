#include "knowledge/gpu_drivers.hpp"

#include <doctest/doctest.h>

using namespace sagelint::knowledge;

TEST_CASE("dotted driver versions compare by number, missing parts as zero") {
  CHECK(compare_versions("470", "525.60.13") < 0);
  CHECK(compare_versions("535", "525.60.13") > 0);
  CHECK(compare_versions("525.60.13", "525.60.13") == 0);
  CHECK(compare_versions("580", "580.0") == 0);
  CHECK(compare_versions("450.80.02", "450.80.2") == 0);
  CHECK(compare_versions("450.80.02", "450.9") > 0);
}

TEST_CASE("instance types map to the documented driver of their family") {
  CHECK(instance_family("ml.p4d.24xlarge") == "ml.p4d");
  CHECK(instance_family("ml.p3") == "");
  auto p3 = documented_driver("ml.p3.2xlarge");
  REQUIRE(p3);
  CHECK(p3->driver == "470");
  CHECK(p3->cuda == "11.4");
  // p5 and p5e are different families with different drivers, not prefixes of each other.
  CHECK(documented_driver("ml.p5.48xlarge")->driver == "535");
  CHECK(documented_driver("ml.p5e.48xlarge")->driver == "550");
  CHECK_FALSE(documented_driver("ml.g6e.xlarge"));  // AWS documents none
  CHECK_FALSE(documented_driver("ml.m5.xlarge"));
  CHECK(documented_drivers_source().find("docs.aws.amazon.com") != std::string_view::npos);
}

TEST_CASE("every documented row is well formed, and the minimum per CUDA major follows NVIDIA") {
  CHECK(documented_drivers().size() >= 10);
  for (const auto& row : documented_drivers()) {
    CAPTURE(row.family);
    CHECK(row.family.substr(0, 3) == "ml.");
    CHECK(compare_versions(row.driver, "300") > 0);
  }
  CHECK(minimum_driver_for_cuda(11) == "450.80.02");
  CHECK(minimum_driver_for_cuda(12) == "525.60.13");
  CHECK_FALSE(minimum_driver_for_cuda(10));  // before minor-version compatibility
  CHECK(minimum_drivers_source().find("docs.nvidia.com") != std::string_view::npos);
}
