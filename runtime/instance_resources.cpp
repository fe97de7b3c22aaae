#include "runtime/instance_resources.hpp"

#include <algorithm>

namespace sagelint::runtime {

// vCPUs and memory of the EC2 instance type behind each ml.* Processing type (an ml.
// type is its EC2 type run by SageMaker). Sources: the Amazon EC2 Instance Types Guide
// (docs.aws.amazon.com/ec2/latest/instancetypes/: general purpose, compute optimized,
// memory optimized and accelerated computing specifications) and, for the GPU families,
// the AWS Batch user guide's GPU instance table (batch/latest/userguide/gpu-jobs.html).
// g7e: NVIDIA RTX PRO 6000 Blackwell hosts, 8 GiB per vCPU; g7: RTX PRO 4500 hosts, 4 GiB
// per vCPU (g7.48xlarge: 192 vCPUs, 768 GiB). instance_resources_test.cpp checks that this
// table covers exactly request/instance_types.cpp.
const std::vector<InstanceResources>& instance_resources() {
  constexpr std::uint64_t G = 1024;  // MiB per GiB
  static const std::vector<InstanceResources> table = {
      {"ml.t3.medium", 2, 4 * G},         {"ml.t3.large", 2, 8 * G},
      {"ml.t3.xlarge", 4, 16 * G},        {"ml.t3.2xlarge", 8, 32 * G},
      {"ml.m4.xlarge", 4, 16 * G},        {"ml.m4.2xlarge", 8, 32 * G},
      {"ml.m4.4xlarge", 16, 64 * G},      {"ml.m4.10xlarge", 40, 160 * G},
      {"ml.m4.16xlarge", 64, 256 * G},    {"ml.c4.xlarge", 4, 7680},
      {"ml.c4.2xlarge", 8, 15 * G},       {"ml.c4.4xlarge", 16, 30 * G},
      {"ml.c4.8xlarge", 36, 60 * G},      {"ml.p2.xlarge", 4, 61 * G},
      {"ml.p2.8xlarge", 32, 488 * G},     {"ml.p2.16xlarge", 64, 732 * G},
      {"ml.p3.2xlarge", 8, 61 * G},       {"ml.p3.8xlarge", 32, 244 * G},
      {"ml.p3.16xlarge", 64, 488 * G},    {"ml.c5.xlarge", 4, 8 * G},
      {"ml.c5.2xlarge", 8, 16 * G},       {"ml.c5.4xlarge", 16, 32 * G},
      {"ml.c5.9xlarge", 36, 72 * G},      {"ml.c5.18xlarge", 72, 144 * G},
      {"ml.m5.large", 2, 8 * G},          {"ml.m5.xlarge", 4, 16 * G},
      {"ml.m5.2xlarge", 8, 32 * G},       {"ml.m5.4xlarge", 16, 64 * G},
      {"ml.m5.12xlarge", 48, 192 * G},    {"ml.m5.24xlarge", 96, 384 * G},
      {"ml.r5.large", 2, 16 * G},         {"ml.r5.xlarge", 4, 32 * G},
      {"ml.r5.2xlarge", 8, 64 * G},       {"ml.r5.4xlarge", 16, 128 * G},
      {"ml.r5.8xlarge", 32, 256 * G},     {"ml.r5.12xlarge", 48, 384 * G},
      {"ml.r5.16xlarge", 64, 512 * G},    {"ml.r5.24xlarge", 96, 768 * G},
      {"ml.g4dn.xlarge", 4, 16 * G},      {"ml.g4dn.2xlarge", 8, 32 * G},
      {"ml.g4dn.4xlarge", 16, 64 * G},    {"ml.g4dn.8xlarge", 32, 128 * G},
      {"ml.g4dn.12xlarge", 48, 192 * G},  {"ml.g4dn.16xlarge", 64, 256 * G},
      {"ml.g5.xlarge", 4, 16 * G},        {"ml.g5.2xlarge", 8, 32 * G},
      {"ml.g5.4xlarge", 16, 64 * G},      {"ml.g5.8xlarge", 32, 128 * G},
      {"ml.g5.16xlarge", 64, 256 * G},    {"ml.g5.12xlarge", 48, 192 * G},
      {"ml.g5.24xlarge", 96, 384 * G},    {"ml.g5.48xlarge", 192, 768 * G},
      {"ml.r5d.large", 2, 16 * G},        {"ml.r5d.xlarge", 4, 32 * G},
      {"ml.r5d.2xlarge", 8, 64 * G},      {"ml.r5d.4xlarge", 16, 128 * G},
      {"ml.r5d.8xlarge", 32, 256 * G},    {"ml.r5d.12xlarge", 48, 384 * G},
      {"ml.r5d.16xlarge", 64, 512 * G},   {"ml.r5d.24xlarge", 96, 768 * G},
      {"ml.g6.xlarge", 4, 16 * G},        {"ml.g6.2xlarge", 8, 32 * G},
      {"ml.g6.4xlarge", 16, 64 * G},      {"ml.g6.8xlarge", 32, 128 * G},
      {"ml.g6.12xlarge", 48, 192 * G},    {"ml.g6.16xlarge", 64, 256 * G},
      {"ml.g6.24xlarge", 96, 384 * G},    {"ml.g6.48xlarge", 192, 768 * G},
      {"ml.g6e.xlarge", 4, 32 * G},       {"ml.g6e.2xlarge", 8, 64 * G},
      {"ml.g6e.4xlarge", 16, 128 * G},    {"ml.g6e.8xlarge", 32, 256 * G},
      {"ml.g6e.12xlarge", 48, 384 * G},   {"ml.g6e.16xlarge", 64, 512 * G},
      {"ml.g6e.24xlarge", 96, 768 * G},   {"ml.g6e.48xlarge", 192, 1536 * G},
      {"ml.m6i.large", 2, 8 * G},         {"ml.m6i.xlarge", 4, 16 * G},
      {"ml.m6i.2xlarge", 8, 32 * G},      {"ml.m6i.4xlarge", 16, 64 * G},
      {"ml.m6i.8xlarge", 32, 128 * G},    {"ml.m6i.12xlarge", 48, 192 * G},
      {"ml.m6i.16xlarge", 64, 256 * G},   {"ml.m6i.24xlarge", 96, 384 * G},
      {"ml.m6i.32xlarge", 128, 512 * G},  {"ml.c6i.xlarge", 4, 8 * G},
      {"ml.c6i.2xlarge", 8, 16 * G},      {"ml.c6i.4xlarge", 16, 32 * G},
      {"ml.c6i.8xlarge", 32, 64 * G},     {"ml.c6i.12xlarge", 48, 96 * G},
      {"ml.c6i.16xlarge", 64, 128 * G},   {"ml.c6i.24xlarge", 96, 192 * G},
      {"ml.c6i.32xlarge", 128, 256 * G},  {"ml.m7i.large", 2, 8 * G},
      {"ml.m7i.xlarge", 4, 16 * G},       {"ml.m7i.2xlarge", 8, 32 * G},
      {"ml.m7i.4xlarge", 16, 64 * G},     {"ml.m7i.8xlarge", 32, 128 * G},
      {"ml.m7i.12xlarge", 48, 192 * G},   {"ml.m7i.16xlarge", 64, 256 * G},
      {"ml.m7i.24xlarge", 96, 384 * G},   {"ml.m7i.48xlarge", 192, 768 * G},
      {"ml.c7i.large", 2, 4 * G},         {"ml.c7i.xlarge", 4, 8 * G},
      {"ml.c7i.2xlarge", 8, 16 * G},      {"ml.c7i.4xlarge", 16, 32 * G},
      {"ml.c7i.8xlarge", 32, 64 * G},     {"ml.c7i.12xlarge", 48, 96 * G},
      {"ml.c7i.16xlarge", 64, 128 * G},   {"ml.c7i.24xlarge", 96, 192 * G},
      {"ml.c7i.48xlarge", 192, 384 * G},  {"ml.r7i.large", 2, 16 * G},
      {"ml.r7i.xlarge", 4, 32 * G},       {"ml.r7i.2xlarge", 8, 64 * G},
      {"ml.r7i.4xlarge", 16, 128 * G},    {"ml.r7i.8xlarge", 32, 256 * G},
      {"ml.r7i.12xlarge", 48, 384 * G},   {"ml.r7i.16xlarge", 64, 512 * G},
      {"ml.r7i.24xlarge", 96, 768 * G},   {"ml.r7i.48xlarge", 192, 1536 * G},
      {"ml.p5.4xlarge", 16, 256 * G},     {"ml.g7e.2xlarge", 8, 64 * G},
      {"ml.g7e.4xlarge", 16, 128 * G},    {"ml.g7e.8xlarge", 32, 256 * G},
      {"ml.g7e.12xlarge", 48, 512 * G},   {"ml.g7e.24xlarge", 96, 1024 * G},
      {"ml.g7e.48xlarge", 192, 2048 * G}, {"ml.g7.2xlarge", 8, 32 * G},
      {"ml.g7.4xlarge", 16, 64 * G},      {"ml.g7.8xlarge", 32, 128 * G},
      {"ml.g7.12xlarge", 48, 192 * G},    {"ml.g7.24xlarge", 96, 384 * G},
      {"ml.g7.48xlarge", 192, 768 * G},
  };
  return table;
}

std::optional<InstanceResources> resources_of(std::string_view instance_type) {
  const auto& t = instance_resources();
  auto it = std::find_if(t.begin(), t.end(),
                         [&](const InstanceResources& r) { return r.type == instance_type; });
  if (it == t.end()) return std::nullopt;
  return *it;
}

}  // namespace sagelint::runtime
