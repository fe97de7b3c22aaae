#pragma once
// Which NVIDIA driver a SageMaker GPU instance runs, and which driver a CUDA runtime
// needs. Both are published tables kept as data (knowledge/data/*.tsv, with their
// source and date), compiled in; this header only looks them up.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace sagelint::knowledge {

struct DocumentedDriver {
  std::string_view family;  // "ml.p3"
  std::string_view driver;  // "470": the driver line AWS names
  std::string_view cuda;    // "11.4": the CUDA version that driver supports
};

// The family of an instance type: "ml.p4d.24xlarge" -> "ml.p4d" ("" when it has no size).
std::string_view instance_family(std::string_view instance_type);

// The driver AWS documents for the instance type's family; nullopt when AWS documents
// none (then nothing can be said about it).
std::optional<DocumentedDriver> documented_driver(std::string_view instance_type);
const std::vector<DocumentedDriver>& documented_drivers();
std::string_view documented_drivers_source();  // the table's URL

// The oldest driver a CUDA runtime of `cuda_major` runs on under minor-version
// compatibility ("525.60.13" for 12); nullopt for majors the table has no row for.
std::optional<std::string_view> minimum_driver_for_cuda(int cuda_major);
std::string_view minimum_drivers_source();

// Compares dotted numeric versions component by component, missing components as 0:
// "470" < "525.60.13", "535" > "525.60.13", "580" == "580.0". Non-digits end a component.
int compare_versions(std::string_view a, std::string_view b);

}  // namespace sagelint::knowledge
