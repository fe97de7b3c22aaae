#include "request/instance_types.hpp"

#include <algorithm>
#include <string>

namespace sagelint::request {

// ProcessingClusterConfig.InstanceType in the botocore service model (1.43.67).
// instance_types_test.cpp compares this table with research/processing-instance-types.txt.
const std::vector<std::string_view>& processing_instance_types() {
  static const std::vector<std::string_view> types = {
      "ml.t3.medium",    "ml.t3.large",     "ml.t3.xlarge",     "ml.t3.2xlarge",
      "ml.m4.xlarge",    "ml.m4.2xlarge",   "ml.m4.4xlarge",    "ml.m4.10xlarge",
      "ml.m4.16xlarge",  "ml.c4.xlarge",    "ml.c4.2xlarge",    "ml.c4.4xlarge",
      "ml.c4.8xlarge",   "ml.p2.xlarge",    "ml.p2.8xlarge",    "ml.p2.16xlarge",
      "ml.p3.2xlarge",   "ml.p3.8xlarge",   "ml.p3.16xlarge",   "ml.c5.xlarge",
      "ml.c5.2xlarge",   "ml.c5.4xlarge",   "ml.c5.9xlarge",    "ml.c5.18xlarge",
      "ml.m5.large",     "ml.m5.xlarge",    "ml.m5.2xlarge",    "ml.m5.4xlarge",
      "ml.m5.12xlarge",  "ml.m5.24xlarge",  "ml.r5.large",      "ml.r5.xlarge",
      "ml.r5.2xlarge",   "ml.r5.4xlarge",   "ml.r5.8xlarge",    "ml.r5.12xlarge",
      "ml.r5.16xlarge",  "ml.r5.24xlarge",  "ml.g4dn.xlarge",   "ml.g4dn.2xlarge",
      "ml.g4dn.4xlarge", "ml.g4dn.8xlarge", "ml.g4dn.12xlarge", "ml.g4dn.16xlarge",
      "ml.g5.xlarge",    "ml.g5.2xlarge",   "ml.g5.4xlarge",    "ml.g5.8xlarge",
      "ml.g5.16xlarge",  "ml.g5.12xlarge",  "ml.g5.24xlarge",   "ml.g5.48xlarge",
      "ml.r5d.large",    "ml.r5d.xlarge",   "ml.r5d.2xlarge",   "ml.r5d.4xlarge",
      "ml.r5d.8xlarge",  "ml.r5d.12xlarge", "ml.r5d.16xlarge",  "ml.r5d.24xlarge",
      "ml.g6.xlarge",    "ml.g6.2xlarge",   "ml.g6.4xlarge",    "ml.g6.8xlarge",
      "ml.g6.12xlarge",  "ml.g6.16xlarge",  "ml.g6.24xlarge",   "ml.g6.48xlarge",
      "ml.g6e.xlarge",   "ml.g6e.2xlarge",  "ml.g6e.4xlarge",   "ml.g6e.8xlarge",
      "ml.g6e.12xlarge", "ml.g6e.16xlarge", "ml.g6e.24xlarge",  "ml.g6e.48xlarge",
      "ml.m6i.large",    "ml.m6i.xlarge",   "ml.m6i.2xlarge",   "ml.m6i.4xlarge",
      "ml.m6i.8xlarge",  "ml.m6i.12xlarge", "ml.m6i.16xlarge",  "ml.m6i.24xlarge",
      "ml.m6i.32xlarge", "ml.c6i.xlarge",   "ml.c6i.2xlarge",   "ml.c6i.4xlarge",
      "ml.c6i.8xlarge",  "ml.c6i.12xlarge", "ml.c6i.16xlarge",  "ml.c6i.24xlarge",
      "ml.c6i.32xlarge", "ml.m7i.large",    "ml.m7i.xlarge",    "ml.m7i.2xlarge",
      "ml.m7i.4xlarge",  "ml.m7i.8xlarge",  "ml.m7i.12xlarge",  "ml.m7i.16xlarge",
      "ml.m7i.24xlarge", "ml.m7i.48xlarge", "ml.c7i.large",     "ml.c7i.xlarge",
      "ml.c7i.2xlarge",  "ml.c7i.4xlarge",  "ml.c7i.8xlarge",   "ml.c7i.12xlarge",
      "ml.c7i.16xlarge", "ml.c7i.24xlarge", "ml.c7i.48xlarge",  "ml.r7i.large",
      "ml.r7i.xlarge",   "ml.r7i.2xlarge",  "ml.r7i.4xlarge",   "ml.r7i.8xlarge",
      "ml.r7i.12xlarge", "ml.r7i.16xlarge", "ml.r7i.24xlarge",  "ml.r7i.48xlarge",
      "ml.p5.4xlarge",   "ml.g7e.2xlarge",  "ml.g7e.4xlarge",   "ml.g7e.8xlarge",
      "ml.g7e.12xlarge", "ml.g7e.24xlarge", "ml.g7e.48xlarge",  "ml.g7.2xlarge",
      "ml.g7.4xlarge",   "ml.g7.8xlarge",   "ml.g7.12xlarge",   "ml.g7.24xlarge",
      "ml.g7.48xlarge",
  };
  return types;
}

bool is_processing_instance_type(std::string_view type) {
  const auto& types = processing_instance_types();
  return std::find(types.begin(), types.end(), type) != types.end();
}

std::vector<std::string_view> instance_types_of_family(std::string_view type) {
  // "ml.m5.xlarge" and "ml.m5" both name the family "ml.m5.".
  std::size_t first_dot = type.find('.');
  if (first_dot == std::string_view::npos) return {};
  std::size_t second_dot = type.find('.', first_dot + 1);
  std::string family(type.substr(0, second_dot));
  family += '.';
  std::vector<std::string_view> out;
  for (auto t : processing_instance_types()) {
    if (t.substr(0, family.size()) == family) out.push_back(t);
  }
  return out;
}

}  // namespace sagelint::request
