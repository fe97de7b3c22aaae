#include "runtime/instance_resources.hpp"

#include <doctest/doctest.h>

#include <set>
#include <string>

#include "request/instance_types.hpp"

using namespace sagelint::runtime;

TEST_CASE("every Processing instance type has its vCPUs and memory, and nothing else is listed") {
  std::set<std::string> valid, listed;
  for (auto t : sagelint::request::processing_instance_types()) valid.insert(std::string(t));
  for (const auto& r : instance_resources()) {
    CAPTURE(r.type);
    CHECK(listed.insert(std::string(r.type)).second);  // no duplicates
    CHECK(r.vcpus >= 2);
    CHECK(r.memory_mib >= 4096);
  }
  CHECK(listed == valid);
  CHECK(valid.size() == 133);
}

TEST_CASE("resources_of: known values, sizes that do not follow the name, unknown types") {
  auto m5 = resources_of("ml.m5.xlarge");
  REQUIRE(m5.has_value());
  CHECK(m5->vcpus == 4);
  CHECK(m5->memory_mib == 16 * 1024);
  CHECK(resources_of("ml.c5.9xlarge")->vcpus == 36);
  CHECK(resources_of("ml.c4.xlarge")->memory_mib == 7680);
  CHECK(resources_of("ml.g6e.48xlarge")->memory_mib == 1536 * 1024);
  CHECK_FALSE(resources_of("ml.m5.huge").has_value());
}
