// The engine runs a rule only when it is selected and not ignored, for targets where an
// ignored rule's work is wasted (an image's layers read for nothing).
#include "lint/engine.hpp"

#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "image/view.hpp"
#include "request/test_request.hpp"

using namespace sagelint;
using request::testing::patched;
using request::testing::sdk_request;

namespace {

// A CUDA 12.2 image on ml.p3 (driver 470): SMJ012 cannot settle it from the config alone
// and asks for the image's files (whether a forward-compatibility package ships).
struct Case {
  request::Request request;
  image::ImageView image;
  Case() {
    auto parsed = request::parse_request(
        patched(sdk_request(),
                {{"/ProcessingResources/ClusterConfig/InstanceType", "ml.p3.2xlarge"}})
            .dump());
    REQUIRE(parsed.ok());
    request = std::move(*parsed.request);
    image.config.env = {"CUDA_VERSION=12.2.0"};
    image.layers.emplace_back().read = false;  // manifest and config only
  }
};

}  // namespace

TEST_CASE("an ignored rule is not run on a request: the image's layers are not read for it") {
  Case c;
  image::ImageView files = c.image;
  files.layers.back().read = true;
  int asked = 0;
  auto image_files = [&]() -> const image::ImageView* {
    ++asked;
    return &files;
  };
  lint::LintSettings settings;
  auto rules_of = [](const lint::TargetResult& r) {
    std::vector<std::string> out;
    for (const auto& f : r.findings) out.push_back(f.rule);
    return out;
  };

  auto flagged = lint::lint_request_model("job.json", c.request, &c.image, settings, image_files);
  CHECK(asked == 1);
  CHECK(rules_of(flagged) == std::vector<std::string>{"SMJ012"});

  asked = 0;
  settings.ignored = {"SMJ012"};
  auto ignored = lint::lint_request_model("job.json", c.request, &c.image, settings, image_files);
  CHECK(asked == 0);
  CHECK(rules_of(ignored).empty());

  asked = 0;
  settings.ignored.clear();
  settings.selected = {"SMJ001"};
  auto other = lint::lint_request_model("job.json", c.request, &c.image, settings, image_files);
  CHECK(asked == 0);
  CHECK(rules_of(other).empty());
}
