#pragma once
// What a Processing instance type gives a container: its vCPUs and memory, so that a
// local run is bounded as the real host would be.
#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

namespace sagelint::runtime {

struct InstanceResources {
  std::string_view type;  // "ml.m5.xlarge"
  int vcpus;
  std::uint64_t memory_mib;
};

// Every ml.* Processing instance type (instance_resources.cpp names the sources).
const std::vector<InstanceResources>& instance_resources();
std::optional<InstanceResources> resources_of(std::string_view instance_type);

}  // namespace sagelint::runtime
