// Image and request targets through the CLI: detection from content (not name),
// image findings with path/layer/createdBy, request findings with JSON Pointers,
// --image-for-request, and unreadable inputs (exit 3).
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include "request/test_request.hpp"
#include "tests/e2e_support.hpp"
#include "tests/support/image_recipe.hpp"

using nlohmann::json;
namespace fx = sagelint::fixtures;

namespace {

// The images of fixtures/images/ these tests lint.
fx::ImageSpec bad_image() { return fx::image_recipe("processing-shell-entrypoint"); }
fx::ImageSpec clean_image() { return fx::image_recipe("processing-clean"); }
fx::ImageSpec commandless_image() { return fx::image_recipe("commandless"); }

std::string write_image(const e2e::TempDir& dir, const std::string& name, fx::ImageSpec img,
                        fx::Shape shape = fx::Shape::docker_classic,
                        const std::string& outer = "none") {
  fx::ArchiveSpec spec;
  spec.images.push_back(std::move(img));
  spec.shape = shape;
  spec.outer_compression = outer;
  fx::write_archive(spec, (dir / name).string());
  return name;
}

std::vector<std::string> rules_of(const json& findings) {
  std::vector<std::string> out;
  for (const auto& f : findings) out.push_back(f["rule"]);
  return out;
}

bool has(const std::vector<std::string>& v, const std::string& x) {
  return std::find(v.begin(), v.end(), x) != v.end();
}

}  // namespace

TEST_CASE("an image archive is detected from its content and linted") {
  e2e::TempDir dir;
  // Named like a Dockerfile on purpose: the content decides.
  write_image(dir, "Dockerfile.img", bad_image());
  auto r = e2e::run(dir, {"lint", "-f", "json", "Dockerfile.img"});
  CHECK(r.code == 1);
  auto doc = json::parse(r.out);
  CHECK(doc["targets"][0]["kind"] == "image");
  CHECK(doc["targets"][0]["error"].is_null());
  auto rules = rules_of(doc["findings"]);
  CHECK(has(rules, "SMP001"));
  REQUIRE(has(rules, "SMP010"));
  for (const auto& f : doc["findings"]) {
    CHECK(f["kind"] == "image");
    CHECK(f["target"] == "Dockerfile.img");
    CHECK_FALSE(f.contains("line"));
    if (f["rule"] == "SMP010" && f["path"] == "/opt/ml/code/job.py") {
      CHECK(f["layer"] == 1);
      CHECK(f["createdBy"] == "COPY job.py /opt/ml/code/ # buildkit");
    }
  }
  auto gnu = e2e::run(dir, {"lint", "-f", "gnu", "Dockerfile.img"});
  CHECK(gnu.out.find("Dockerfile.img: error: SMP010: ") != std::string::npos);
  CHECK(gnu.out.find(" [/opt/ml/code/job.py]\n") != std::string::npos);

  auto sarif = json::parse(e2e::run(dir, {"lint", "-f", "sarif", "Dockerfile.img"}).out);
  bool saw_path = false;
  for (const auto& res : sarif["runs"][0]["results"]) {
    auto loc = res["locations"][0];
    CHECK(loc["physicalLocation"]["artifactLocation"]["uri"] == "Dockerfile.img");
    // No line in an image: the region is the target's first line (code scanning
    // wants one), the file path is in logicalLocations.
    CHECK(loc["physicalLocation"]["region"] == json({{"startLine", 1}, {"endLine", 1}}));
    if (res["properties"].value("path", "") == "/opt/ml/code/job.py") {
      saw_path = true;
      CHECK(res["properties"]["layer"] == 1);
      CHECK(loc["logicalLocations"][0]["fullyQualifiedName"] == "/opt/ml/code/job.py");
    }
  }
  CHECK(saw_path);
}

TEST_CASE("every image shape is an image target; a clean one passes") {
  e2e::TempDir dir;
  write_image(dir, "layout", clean_image(), fx::Shape::oci_layout);
  write_image(dir, "img.tar.gz", clean_image(), fx::Shape::docker_oci, "gzip");
  write_image(dir, "img.tar.zst", clean_image(), fx::Shape::oci_archive, "zstd");
  auto r = e2e::run(dir, {"lint", "-f", "json", "layout", "img.tar.gz", "img.tar.zst"});
  CHECK(r.code == 0);
  CAPTURE(r.err);
  auto doc = json::parse(r.out);
  REQUIRE(doc["targets"].size() == 3);
  for (const auto& t : doc["targets"]) {
    CHECK(t["kind"] == "image");
    CHECK(t["error"].is_null());
  }
  CHECK(doc["findings"].empty());
}

TEST_CASE("a damaged image is exit 3 with one line naming it") {
  e2e::TempDir dir;
  write_image(dir, "img.tar", bad_image());
  auto bytes = e2e::read_text(dir / "img.tar");
  dir.write("truncated.tar", bytes.substr(0, bytes.size() / 2));
  dir.write("Dockerfile", e2e::kCleanDockerfile);
  auto r = e2e::run(dir, {"lint", "-f", "json", "truncated.tar", "Dockerfile"});
  CHECK(r.code == 3);
  auto err = e2e::lines(r.err);
  REQUIRE(err.size() == 1);
  CHECK(err[0].rfind("sagelint: truncated.tar: ", 0) == 0);
  auto doc = json::parse(r.out);
  CHECK(doc["targets"][0]["error"].is_string());
  CHECK(doc["targets"][1]["error"].is_null());
  // --kind image on a Dockerfile: read as an image, which it is not.
  CHECK(e2e::run(dir, {"lint", "--kind", "image", "Dockerfile"}).code == 3);
}

TEST_CASE("a request is detected from its AppSpecification; findings carry pointers") {
  using namespace sagelint::request::testing;
  e2e::TempDir dir;
  dir.write("good.json", sdk_request().dump());
  dir.write("job", patched(sdk_request(), {{"/ProcessingInputs/0/S3Input/LocalPath", "/data/input"},
                                           {"/Surprise", 1}})
                       .dump(2));
  auto good = e2e::run(dir, {"lint", "-f", "json", "good.json"});
  CHECK(good.code == 0);
  CHECK(json::parse(good.out)["targets"][0]["kind"] == "request");

  auto r = e2e::run(dir, {"lint", "-f", "json", "job"});
  CHECK(r.code == 1);
  auto doc = json::parse(r.out);
  CHECK(doc["targets"][0]["kind"] == "request");
  bool smj002 = false, unknown_member = false;
  for (const auto& f : doc["findings"]) {
    CHECK(f["kind"] == "request");
    CHECK(f.contains("pointer"));
    if (f["rule"] == "SMJ002") {
      smj002 = true;
      CHECK(f["pointer"] == "/ProcessingInputs/0/S3Input/LocalPath");
    }
    if (f["rule"] == "SMJ001" && f["pointer"] == "/Surprise") unknown_member = true;
  }
  CHECK(smj002);
  CHECK(unknown_member);
  auto gnu = e2e::run(dir, {"lint", "-f", "gnu", "job"});
  CHECK(gnu.out.find("job: error: SMJ002: ") != std::string::npos);
  CHECK(gnu.out.find("[/ProcessingInputs/0/S3Input/LocalPath]") != std::string::npos);
}

TEST_CASE("a request that is not valid JSON is exit 3") {
  e2e::TempDir dir;
  dir.write("job.json", "{\"AppSpecification\": {\"ImageUri\": \"x\",}\n");
  auto r = e2e::run(dir, {"lint", "job.json"});
  CHECK(r.code == 3);
  CHECK(r.err.rfind("sagelint: job.json: ", 0) == 0);
}

TEST_CASE("--image-for-request lints requests against the image (SMJ010, SMJ011)") {
  using namespace sagelint::request::testing;
  e2e::TempDir dir;
  write_image(dir, "shell.tar", bad_image());
  write_image(dir, "bare.tar", commandless_image());
  // ContainerArguments while the image's ENTRYPOINT is shell form: dropped.
  dir.write("args.json",
            patched(sdk_request(), {{"/AppSpecification/ContainerEntrypoint", kRemove}}).dump());
  // No ContainerEntrypoint, and the image has no command.
  dir.write("nocmd.json",
            patched(sdk_request(), {{"/AppSpecification/ContainerEntrypoint", kRemove},
                                    {"/AppSpecification/ContainerArguments", kRemove}})
                .dump());
  auto without = e2e::run(dir, {"lint", "-f", "json", "args.json", "nocmd.json"});
  CHECK(without.code == 0);

  auto shell =
      e2e::run(dir, {"lint", "-f", "json", "--image-for-request", "shell.tar", "args.json"});
  CHECK(has(rules_of(json::parse(shell.out)["findings"]), "SMJ010"));
  auto bare =
      e2e::run(dir, {"lint", "-f", "json", "--image-for-request", "bare.tar", "nocmd.json"});
  CHECK(bare.code == 1);
  CHECK(has(rules_of(json::parse(bare.out)["findings"]), "SMJ011"));

  auto missing = e2e::run(dir, {"lint", "--image-for-request", "nope.tar", "args.json"});
  CHECK(missing.code == 3);
  CHECK(missing.err.find("nope.tar") != std::string::npos);
}

TEST_CASE("SMJ005: the service's rejections of a request the model allows, through the CLI") {
  e2e::TempDir dir;
  const std::string fixtures = std::string(SAGELINT_SOURCE_DIR) + "/fixtures/requests/";
  auto r = e2e::run(dir, {"lint", "-f", "json", "--select", "SMJ005",
                          fixtures + "service-rejects-processing-job.json",
                          fixtures + "sdk-processing-job.json"});
  CAPTURE(r.out);
  CAPTURE(r.err);
  CHECK(r.code == 1);
  std::vector<std::string> places;
  const json doc = json::parse(r.out);
  for (const auto& f : doc["findings"]) {
    places.push_back(f["pointer"].get<std::string>() + " " +
                     f["target"].get<std::string>().substr(fixtures.size()));
  }
  CHECK(places == std::vector<std::string>{
                      "/AppSpecification/ContainerArguments/1 service-rejects-processing-job.json",
                      "/ProcessingOutputConfig/Outputs/0/OutputName "
                      "service-rejects-processing-job.json"});
}

TEST_CASE("SMJ012: a CUDA runtime newer than the instance family's driver, through the CLI") {
  e2e::TempDir dir;
  const std::string gpu_request =
      std::string(SAGELINT_SOURCE_DIR) + "/fixtures/requests/gpu-p3-processing-job.json";
  fx::ImageSpec cuda122 = fx::image_recipe("cuda-12.2-runtime");
  write_image(dir, "cuda122.tar", cuda122);
  fx::ImageSpec with_compat = cuda122;
  fx::LayerSpec compat_layer;
  compat_layer.entries = {fx::Dir("usr/local/cuda-12.2/compat"),
                          fx::File("usr/local/cuda-12.2/compat/libcuda.so.535.104.05", "ELF")};
  compat_layer.created_by = "RUN apt-get install -y cuda-compat-12-2 # buildkit";
  with_compat.layers.push_back(compat_layer);
  write_image(dir, "compat.tar", with_compat);
  fx::ImageSpec cuda118 = cuda122;
  cuda118.config["Env"] = json::array({"CUDA_VERSION=11.8.0"});
  write_image(dir, "cuda118.tar", cuda118);
  fx::ImageSpec env_less = cuda122;  // only the libcudart file tells: the layers are read
  env_less.config["Env"] = json::array({"PATH=/usr/bin"});
  write_image(dir, "envless.tar", env_less);

  auto lint = [&](const std::string& image) {
    auto r = e2e::run(dir, {"lint", "-f", "json", "--select", "SMJ012", "--image-for-request",
                            image, gpu_request});
    CAPTURE(image);
    CAPTURE(r.out);
    CAPTURE(r.err);
    std::vector<std::string> out;
    const json doc = json::parse(r.out);
    for (const auto& f : doc["findings"]) out.push_back(f["pointer"]);
    CHECK(r.code == (out.empty() ? 0 : 1));
    return out;
  };
  const std::vector<std::string> flagged = {"/ProcessingResources/ClusterConfig/InstanceType"};
  CHECK(lint("cuda122.tar") == flagged);
  CHECK(lint("compat.tar").empty());
  CHECK(lint("cuda118.tar").empty());
  CHECK(lint("envless.tar") == flagged);
}
