#include "knowledge/gpu_drivers.hpp"

#include <charconv>

#include "knowledge/cuda-minimum-drivers.inc"
#include "knowledge/sagemaker-gpu-drivers.inc"

namespace sagelint::knowledge {
namespace {

struct MinimumDriverRow {
  std::string_view cuda_major;
  std::string_view driver;
};

constexpr DocumentedDriver kDocumentedDrivers[] = {SAGELINT_SAGEMAKER_GPU_DRIVERS_ROWS};
constexpr MinimumDriverRow kMinimumDrivers[] = {SAGELINT_CUDA_MINIMUM_DRIVERS_ROWS};

// The leading number of s (0 when none), and s after it and one dot.
unsigned long long next_component(std::string_view& s) {
  unsigned long long value = 0;
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), value);
  if (ec != std::errc()) value = 0;
  std::size_t used = static_cast<std::size_t>(end - s.data());
  std::size_t dot = s.find('.', used);
  s = dot == std::string_view::npos ? std::string_view() : s.substr(dot + 1);
  return value;
}

}  // namespace

std::string_view instance_family(std::string_view instance_type) {
  std::size_t dot = instance_type.rfind('.');
  if (dot == std::string_view::npos || instance_type.find('.') == dot) return {};
  return instance_type.substr(0, dot);
}

std::optional<DocumentedDriver> documented_driver(std::string_view instance_type) {
  std::string_view family = instance_family(instance_type);
  for (const auto& row : kDocumentedDrivers) {
    if (row.family == family) return row;
  }
  return std::nullopt;
}

const std::vector<DocumentedDriver>& documented_drivers() {
  static const std::vector<DocumentedDriver> rows(std::begin(kDocumentedDrivers),
                                                  std::end(kDocumentedDrivers));
  return rows;
}

std::string_view documented_drivers_source() { return SAGELINT_SAGEMAKER_GPU_DRIVERS_SOURCE; }

std::optional<std::string_view> minimum_driver_for_cuda(int cuda_major) {
  for (const auto& row : kMinimumDrivers) {
    if (row.cuda_major == std::to_string(cuda_major)) return row.driver;
  }
  return std::nullopt;
}

std::string_view minimum_drivers_source() { return SAGELINT_CUDA_MINIMUM_DRIVERS_SOURCE; }

int compare_versions(std::string_view a, std::string_view b) {
  while (!a.empty() || !b.empty()) {
    unsigned long long x = next_component(a);
    unsigned long long y = next_component(b);
    if (x != y) return x < y ? -1 : 1;
  }
  return 0;
}

}  // namespace sagelint::knowledge
