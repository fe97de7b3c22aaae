#pragma once
// The instance types a Processing job accepts (ProcessingClusterConfig.InstanceType).
#include <string_view>
#include <vector>

namespace sagelint::request {

const std::vector<std::string_view>& processing_instance_types();
bool is_processing_instance_type(std::string_view type);
// The valid types of the family `type` names ("ml.m5.24xl" -> every ml.m5.*), for hints.
std::vector<std::string_view> instance_types_of_family(std::string_view type);

}  // namespace sagelint::request
