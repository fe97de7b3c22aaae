#include <doctest/doctest.h>

#include "image/test_support.hpp"
#include "image/view.hpp"
#include "tests/support/fixture_builder.hpp"

using namespace sagelint;
using namespace sagelint::fixtures;
using namespace sagelint::image;
using namespace sagelint::image::testing;
using json = nlohmann::json;

namespace {

ImageSpec sample_image(const std::string& compression = "none") {
  ImageSpec img;
  img.tags = {"example/job:1"};
  img.config = {{"Entrypoint", {"/bin/sh", "-c", "python run.py"}},
                {"Cmd", nullptr},
                {"Env", {"PATH=/usr/bin", "LD_LIBRARY_PATH=/usr/local/cuda/lib64/stubs"}},
                {"User", "1000"},
                {"WorkingDir", "/opt/ml/code"},
                {"Labels", {{"a", "b"}}},
                {"Volumes", {{"/data", json::object()}}},
                {"StopSignal", "SIGTERM"}};
  LayerSpec base;
  base.compression = compression;
  base.created_by = "ADD rootfs.tar /";
  base.entries = {Dir("bin"),
                  File("bin/busybox", "ELF...", 0755),
                  Symlink("bin/sh", "busybox"),
                  Dir("opt"),
                  Dir("opt/ml"),
                  File("opt/ml/old.txt", "old"),
                  Dir("etc"),
                  File("etc/passwd", "root:x:0:0")};
  LayerSpec second;
  second.compression = compression;
  second.created_by =
      "RUN /bin/sh -c rm /opt/ml/old.txt && echo hi > /opt/ml/code/run.sh # buildkit";
  second.entries = {Dir("opt/ml"), Whiteout("opt/ml/old.txt"), Dir("opt/ml/code"),
                    File("opt/ml/code/run.sh", "#!/bin/sh\npython run.py\n", 0755),
                    Hardlink("bin/sh2", "bin/busybox")};
  img.layers = {base, second};
  img.empty_history = {{1, "ENV A=1"}, {2, "ENTRYPOINT [\"/bin/sh\" \"-c\" \"python run.py\"]"}};
  return img;
}

const std::string kSampleTree =
    "/ dir L0\n"
    "/bin dir L0\n"
    "/bin/busybox file L0 6\n"
    "/bin/sh symlink L0 -> busybox\n"
    "/bin/sh2 hardlink L1 6 -> /bin/busybox\n"
    "/etc dir L0\n"
    "/etc/passwd file L0 10\n"
    "/opt dir L0\n"
    "/opt/ml dir L1\n"
    "/opt/ml/code dir L1\n"
    "/opt/ml/code/run.sh file L1 24\n";

}  // namespace

TEST_CASE("every archive shape and compression gives the same view") {
  struct Case {
    Shape shape;
    std::string layer_compression, outer_compression;
    bool dot_slash, manifest_first;
    std::string expected_shape;
  };
  std::vector<Case> cases = {
      {Shape::docker_classic, "none", "none", false, false, "docker-save"},
      {Shape::docker_classic, "none", "gzip", false, false, "docker-save"},
      {Shape::docker_classic, "none", "zstd", true, false, "docker-save"},
      {Shape::docker_classic, "none", "none", true, true, "docker-save"},
      {Shape::docker_oci, "none", "none", false, false, "docker-save-oci"},
      {Shape::docker_oci, "gzip", "none", true, false, "docker-save-oci"},
      {Shape::docker_archive, "none", "none", false, false, "docker-archive"},
      {Shape::docker_archive, "gzip", "gzip", false, false, "docker-archive"},
      {Shape::oci_layout, "none", "none", false, false, "oci-layout"},
      {Shape::oci_layout, "gzip", "none", false, false, "oci-layout"},
      {Shape::oci_layout, "zstd", "none", false, false, "oci-layout"},
      {Shape::oci_archive, "gzip", "none", false, false, "oci-archive"},
      {Shape::oci_archive, "zstd", "none", true, true, "oci-archive"},
      {Shape::oci_archive, "gzip", "zstd", false, false, "oci-archive"},
      {Shape::oci_archive, "zstd", "gzip", true, false, "oci-archive"},
  };
  for (const auto& c : cases) {
    for (bool verify : {true, false}) {
      CAPTURE(c.expected_shape);
      CAPTURE(c.layer_compression);
      CAPTURE(c.outer_compression);
      CAPTURE(c.dot_slash);
      CAPTURE(verify);
      TempDir tmp;
      ArchiveSpec spec;
      spec.images = {sample_image(c.layer_compression)};
      spec.shape = c.shape;
      spec.outer_compression = c.outer_compression;
      spec.dot_slash = c.dot_slash;
      spec.manifest_first = c.manifest_first;
      std::string dest = tmp / "image";
      write_archive(spec, dest);
      CHECK(looks_like_image(dest));
      ReadOptions opt;
      opt.verify = verify;
      opt.want_content = [](const std::string& p, const ImageConfig&) {
        return p == "/opt/ml/code/run.sh";
      };
      ImageView v = read_ok(dest, opt);
      CHECK(v.shape == c.expected_shape);
      CHECK(tree_text(v) == kSampleTree);
      REQUIRE(v.layers.size() == 2);
      CHECK(v.layers[0].compression == c.layer_compression);
      CHECK(v.layers[1].created_by.find("rm /opt/ml/old.txt") != std::string::npos);
      CHECK(v.files.created_by(1) == v.layers[1].created_by);
      CHECK(v.layers[0].diff_id.rfind("sha256:", 0) == 0);
      REQUIRE(v.config.entrypoint.has_value());
      CHECK(*v.config.entrypoint == std::vector<std::string>{"/bin/sh", "-c", "python run.py"});
      CHECK_FALSE(v.config.cmd.has_value());
      CHECK(v.config.env.size() == 2);
      CHECK(v.config.user == "1000");
      CHECK(v.config.working_dir == "/opt/ml/code");
      CHECK(v.config.labels.at("a") == "b");
      CHECK(v.config.volumes == std::vector<std::string>{"/data"});
      CHECK(v.config.stop_signal == "SIGTERM");
      CHECK(v.config.os == "linux");
      CHECK(v.config.architecture == "amd64");
      CHECK(v.history.size() == 4);
      CHECK(v.history[1].empty_layer);
      CHECK(v.contents.size() == 1);
      CHECK(v.contents["/opt/ml/code/run.sh"] == "#!/bin/sh\npython run.py\n");
      if (c.shape != Shape::oci_layout && c.shape != Shape::oci_archive)
        CHECK(v.reference.find("example/job:1") != std::string::npos);
    }
  }
}

TEST_CASE("empty Cmd array is kept apart from a null Cmd") {
  TempDir tmp;
  ArchiveSpec spec;
  spec.images = {sample_image()};
  spec.images[0].config["Cmd"] = json::array();
  spec.images[0].config.erase("Entrypoint");
  write_archive(spec, tmp / "a.tar");
  ImageView v = read_ok(tmp / "a.tar");
  REQUIRE(v.config.cmd.has_value());
  CHECK(v.config.cmd->empty());
  CHECK_FALSE(v.config.entrypoint.has_value());
}

TEST_CASE("want_head keeps only the first head_bytes of a file") {
  TempDir tmp;
  std::string big(100000, 'x');
  ImageSpec img;
  LayerSpec layer;
  layer.entries = {File("usr/bin/tool",
                        "\x7f"
                        "ELF" +
                            big,
                        0755),
                   File("app/run.sh", "#!/bin/sh\n" + big)};
  img.layers.push_back(layer);
  ArchiveSpec spec;
  spec.images = {img};
  write_archive(spec, tmp / "image.tar");
  ReadOptions opt;
  opt.want_content = [](const std::string& p, const ImageConfig&) { return p == "/app/run.sh"; };
  opt.want_head = [](const std::string&, const ImageConfig&) { return true; };
  opt.head_bytes = 64;
  ImageView v = read_ok(tmp / "image.tar", opt);
  REQUIRE(v.contents.count("/usr/bin/tool"));
  CHECK(v.contents.at("/usr/bin/tool") == ("\x7f"
                                           "ELF" +
                                           big)
                                              .substr(0, 64));
  CHECK(v.files.find("/usr/bin/tool")->size == big.size() + 4);
  // What want_content asks for in full stays whole.
  CHECK(v.contents.at("/app/run.sh").size() == big.size() + 10);
}
