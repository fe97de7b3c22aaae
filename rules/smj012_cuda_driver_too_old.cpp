// SMJ012: the instance family's documented NVIDIA driver is older than the image's CUDA
// runtime needs, and the image has no forward-compatibility package to lift the limit.
#include <algorithm>

#include "image/view.hpp"
#include "knowledge/cuda-minimum-drivers.inc"
#include "knowledge/cuda_runtime.hpp"
#include "knowledge/gpu_drivers.hpp"
#include "knowledge/sagemaker-gpu-drivers.inc"
#include "request/instance_types.hpp"
#include "request/model.hpp"
#include "rules/rule.hpp"

namespace sagelint::rules {
namespace {

using namespace knowledge;

constexpr RuleInfo kInfo{
    .id = "SMJ012",
    .severity = Severity::warning,
    .title = "CUDA runtime newer than the instance's NVIDIA driver",
    .inputs = "request + image",
    .rationale =
        "The NVIDIA driver belongs to the host: SageMaker's GPU instances run the driver AWS "
        "installs, and the container brings only the CUDA runtime. From CUDA 11 on, a runtime "
        "runs on any driver of its major version's line (minor-version compatibility: CUDA 12.4 "
        "on the CUDA 12.2 driver 535 works), but not on an older line: a CUDA 12 image on an "
        "instance with driver 470 (CUDA 11.4) fails at its first CUDA call with \"CUDA driver "
        "version is insufficient for CUDA runtime version\". The CUDA forward-compatibility "
        "package (cuda-compat-*, installed under /usr/local/cuda*/compat/) brings a newer "
        "user-space driver into the image and lifts the limit on data-center GPUs.",
    .bad =
        "Image:   FROM nvidia/cuda:12.2.0-runtime-ubuntu22.04   (CUDA_VERSION=12.2.0)\n"
        "Request: \"ClusterConfig\": {\"InstanceType\": \"ml.p3.2xlarge\", ...}   (driver 470)",
    .good =
        "Image:   FROM nvidia/cuda:12.2.0-runtime-ubuntu22.04\n"
        "Request: \"ClusterConfig\": {\"InstanceType\": \"ml.g6.xlarge\", ...}    (driver 535)",
    .fix =
        "Choose an instance family whose documented driver supports the image's CUDA major "
        "version, build the image on a CUDA version the driver supports (CUDA 11.x for driver "
        "470), or install the forward-compatibility package matching the toolkit "
        "(`apt-get install cuda-compat-12-2`) and put its directory on the library path.",
    .details =
        "## What is judged\n\n"
        "- The instance type's family (`ml.p3` for `ml.p3.2xlarge`) and the NVIDIA driver AWS "
        "documents for it. A family AWS documents no driver for is not judged.\n"
        "- The image's CUDA runtime version: `CUDA_VERSION` in the image `Env`, else the "
        "`cuda>=X.Y` term of `NVIDIA_REQUIRE_CUDA`, else the highest `libcudart.so.X[.Y]` the "
        "image ships (the layers are read only then, or to look for the compatibility "
        "package).\n"
        "- The minimum driver for that CUDA major version under minor-version compatibility. "
        "A newer minor version on a driver of the same major line is not flagged.\n"
        "- A forward-compatibility driver library (`/usr/local/cuda*/compat/libcuda.so*`) in "
        "the image: then nothing is reported.\n\n"
        "## NVIDIA drivers of SageMaker GPU instance families\n\n"
        "As AWS documents them in "
        "[" SAGELINT_SAGEMAKER_GPU_DRIVERS_SOURCE "](" SAGELINT_SAGEMAKER_GPU_DRIVERS_SOURCE
        ") (retrieved " SAGELINT_SAGEMAKER_GPU_DRIVERS_RETRIEVED
        "). The page is written for SageMaker Inference; AWS publishes no driver table for "
        "Processing hosts, so this is the closest documented truth. sagelint reads this table "
        "from "
        "`knowledge/data/sagemaker-gpu-drivers.tsv`.\n\n" SAGELINT_SAGEMAKER_GPU_DRIVERS_MARKDOWN
        "\n## Minimum driver per CUDA major version\n\n"
        "From NVIDIA's CUDA compatibility guide, "
        "[" SAGELINT_CUDA_MINIMUM_DRIVERS_SOURCE "](" SAGELINT_CUDA_MINIMUM_DRIVERS_SOURCE
        ") (retrieved " SAGELINT_CUDA_MINIMUM_DRIVERS_RETRIEVED
        "; `knowledge/data/cuda-minimum-drivers.tsv`).\n\n" SAGELINT_CUDA_MINIMUM_DRIVERS_MARKDOWN,
    .example_syntax = "",
};

// The image with its files listed: the view the rule was given when its layers were
// read, else the one the caller reads on request; nullptr when neither is available.
const image::ImageView* image_with_files(const RequestContext& ctx) {
  const auto& layers = ctx.image->layers;
  if (layers.empty() ||
      std::any_of(layers.begin(), layers.end(), [](const image::Layer& l) { return l.read; })) {
    return ctx.image;
  }
  return ctx.image_files ? ctx.image_files() : nullptr;
}

// The Processing instance families whose documented driver is new enough, for the
// message: "ml.p5, ml.g6 with driver 535" ("" when there is none).
std::string families_with_driver_at_least(std::string_view minimum) {
  std::vector<std::pair<std::string_view, std::string>> by_driver;  // driver, its families
  for (const auto& row : documented_drivers()) {
    if (compare_versions(row.driver, minimum) < 0) continue;
    if (request::instance_types_of_family(row.family).empty()) continue;
    if (by_driver.empty() || by_driver.back().first != row.driver) {
      by_driver.emplace_back(row.driver, "");
    } else {
      by_driver.back().second += ", ";
    }
    by_driver.back().second += row.family;
  }
  std::string out;
  for (const auto& [driver, families] : by_driver) {
    if (!out.empty()) out += "; ";
    out += families + " with driver " + std::string(driver);
  }
  return out;
}

void check_request(const RequestContext& ctx, const Reporter& report) {
  if (ctx.image == nullptr) return;
  const auto& cluster = ctx.request.processing_resources.cluster_config;
  auto driver = documented_driver(cluster.instance_type);
  if (!driver) return;
  const image::ImageView* with_files = nullptr;
  auto runtime = cuda_runtime_from_env(ctx.image->config);
  if (!runtime) {
    with_files = image_with_files(ctx);
    if (with_files == nullptr) return;
    runtime = cuda_runtime_from_files(with_files->files);
    if (!runtime) return;
  }
  auto minimum = minimum_driver_for_cuda(runtime->major);
  if (!minimum || compare_versions(driver->driver, *minimum) >= 0) return;
  if (with_files == nullptr) with_files = image_with_files(ctx);
  if (with_files == nullptr || !cuda_forward_compat_library(with_files->files).empty()) return;
  std::string instead = families_with_driver_at_least(*minimum);
  report.at_pointer(request::member_pointer(cluster.pointer, "InstanceType"),
                    "InstanceType " + cluster.instance_type + " runs NVIDIA driver " +
                        std::string(driver->driver) + " (CUDA " + std::string(driver->cuda) +
                        ") as AWS documents it, but the image's CUDA " + runtime->version +
                        " runtime (" + runtime->evidence + ") needs driver " +
                        std::string(*minimum) + " or newer for CUDA " +
                        std::to_string(runtime->major) +
                        ".x, and the image has no CUDA forward-compatibility package "
                        "(/usr/local/cuda*/compat/): the job fails with \"CUDA driver version is "
                        "insufficient\"; " +
                        (instead.empty() ? std::string()
                                         : "choose a Processing instance family whose driver is "
                                           "new enough (" +
                                               instead + "), ") +
                        "build the image on an older CUDA major version, or install the "
                        "cuda-compat-" +
                        std::to_string(runtime->major) + "-* package");
}

}  // namespace

// No image check: the rule reads the --image-for-request image's files itself, and
// only when the config does not settle the question (RequestContext::image_files).
SAGELINT_RULE(SMJ012, kInfo, .request = check_request);

}  // namespace sagelint::rules
