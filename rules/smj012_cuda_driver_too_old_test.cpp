#include "request/test_request.hpp"
#include "rules/request_rule_test_support.hpp"

namespace sagelint::rules {
const Rule& rule_SMJ012();
}

using namespace sagelint::rules::testing;
using namespace sagelint::request::testing;
using sagelint::image::FileEntry;
using sagelint::image::ImageView;
using sagelint::rules::rule_SMJ012;

namespace {

const std::string kInstanceType = "[/ProcessingResources/ClusterConfig/InstanceType] ";
const char* kCompat = "/usr/local/cuda-12.2/compat/libcuda.so.535.104.05";

std::string request_on(const std::string& instance_type) {
  return patched(sdk_request(),
                 {{"/ProcessingResources/ClusterConfig/InstanceType", instance_type}})
      .dump();
}

// An image whose one layer was read, with this Env and these files.
ImageView cuda_image(std::vector<std::string> env, std::vector<std::string> files = {}) {
  ImageView view;
  view.config.env = std::move(env);
  sagelint::image::Layer layer;
  layer.read = true;
  view.layers.push_back(layer);
  for (auto& f : files) {
    FileEntry entry;
    entry.path = std::move(f);
    view.files.put(entry);
  }
  return view;
}

}  // namespace

TEST_CASE("SMJ012 flags a CUDA runtime newer than the family's documented driver") {
  struct Row {
    const char* name;
    std::string instance_type;
    ImageView image;
    std::string expected;
  };
  const std::vector<std::string> cuda122 = {"CUDA_VERSION=12.2.0"};
  std::vector<Row> rows = {
      {"CUDA 12.2 on ml.p3 (driver 470)", "ml.p3.2xlarge", cuda_image(cuda122), kInstanceType},
      {"with the forward-compatibility package", "ml.p3.2xlarge", cuda_image(cuda122, {kCompat}),
       ""},
      {"CUDA 11.8 on ml.p3", "ml.p3.2xlarge", cuda_image({"CUDA_VERSION=11.8.0"}), ""},
      {"CUDA 12.4 on the CUDA 12.2 driver of ml.g6", "ml.g6.xlarge",
       cuda_image({"CUDA_VERSION=12.4.1"}), ""},
      {"CUDA 13.0 on ml.g6 (driver 535)", "ml.g6.xlarge", cuda_image({"CUDA_VERSION=13.0.0"}),
       kInstanceType},
      {"NVIDIA_REQUIRE_CUDA only", "ml.g5.xlarge",
       cuda_image({"NVIDIA_REQUIRE_CUDA=cuda>=12.1 brand=tesla,driver>=470,driver<471"}),
       kInstanceType},
      {"libcudart shipped, no Env", "ml.g4dn.xlarge",
       cuda_image({}, {"/usr/local/lib/python3.10/site-packages/nvidia/cuda_runtime/lib/"
                       "libcudart.so.12"}),
       kInstanceType},
      {"a CPU instance", "ml.m5.xlarge", cuda_image(cuda122), ""},
      {"a GPU family AWS documents no driver for", "ml.g6e.xlarge", cuda_image(cuda122), ""},
      {"no CUDA at all", "ml.p3.2xlarge", cuda_image({"PATH=/usr/bin"}), ""},
  };
  for (const auto& row : rows) {
    std::string name = row.name;
    CAPTURE(name);
    CHECK(pointers(lint_request(rule_SMJ012(), request_on(row.instance_type), &row.image)) ==
          row.expected);
  }
  CHECK(lint_request(rule_SMJ012(), request_on("ml.p3.2xlarge")).empty());  // no image
}

TEST_CASE("SMJ012 reads the image's files only when the config does not settle it") {
  sagelint::request::ParseResult parsed =
      sagelint::request::parse_request(request_on("ml.p3.2xlarge"));
  REQUIRE(parsed.ok());
  auto run = [&](const ImageView& config_only, const ImageView& with_files, int& reads) {
    std::vector<sagelint::Finding> out;
    sagelint::rules::Reporter reporter(rule_SMJ012().info(), "job.json",
                                       sagelint::TargetKind::request,
                                       [&out](sagelint::Finding f) { out.push_back(f); });
    sagelint::rules::RequestContext ctx{*parsed.request, &config_only, nullptr, [&] {
                                          ++reads;
                                          return &with_files;
                                        }};
    rule_SMJ012().check(ctx, reporter);
    return out;
  };
  ImageView config_only = cuda_image({"CUDA_VERSION=11.8.0"});
  config_only.layers[0].read = false;
  int reads = 0;
  CHECK(run(config_only, config_only, reads).empty());
  CHECK(reads == 0);  // CUDA 11 runs on driver 470: no file needed

  config_only.config.env = {"CUDA_VERSION=12.2.0"};
  ImageView with_compat = cuda_image({"CUDA_VERSION=12.2.0"}, {kCompat});
  CHECK(run(config_only, with_compat, reads).empty());
  CHECK(reads == 1);  // looked for the forward-compatibility package

  ImageView without_compat = cuda_image({"CUDA_VERSION=12.2.0"});
  auto findings = run(config_only, without_compat, reads);
  REQUIRE(findings.size() == 1);
  const std::string& message = findings[0].message;
  CAPTURE(message);
  CHECK(message.find("ml.p3.2xlarge runs NVIDIA driver 470 (CUDA 11.4)") != std::string::npos);
  CHECK(message.find("CUDA 12.2.0 runtime (CUDA_VERSION=12.2.0) needs driver 525.60.13") !=
        std::string::npos);
  // Only families Processing offers are suggested (ml.p5e and ml.p5en are not among them).
  CHECK(message.find("choose a Processing instance family whose driver is new enough (ml.p5, "
                     "ml.g6 with driver 535)") != std::string::npos);
  CHECK(findings[0].severity == sagelint::Severity::warning);
}
