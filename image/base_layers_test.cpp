#include "image/base_layers.hpp"

#include <doctest/doctest.h>

namespace sagelint::image {
namespace {

HistoryEntry layer(std::string created_by) { return {std::move(created_by), "", "", false}; }
HistoryEntry empty(std::string created_by) { return {std::move(created_by), "", "", true}; }

TEST_CASE("the base ends at its last CMD/ENTRYPOINT that a layer follows") {
  // python:3.12-slim on debian, then the image's own steps (BuildKit spelling).
  std::vector<HistoryEntry> h{
      layer("/bin/sh -c #(nop) ADD file:abc in / "),
      empty("/bin/sh -c #(nop)  CMD [\"bash\"]"),
      layer("RUN /bin/sh -c apt-get update # buildkit"),
      empty("CMD [\"python3\"]"),
      empty("WORKDIR /app"),
      layer("COPY job.py /opt/ml/code/ # buildkit"),
      layer("RUN /bin/sh -c pip install x # buildkit"),
      empty("ENTRYPOINT [\"python3\", \"/opt/ml/code/job.py\"]"),
  };
  CHECK(base_layer_count(h, 4) == 2);
}

TEST_CASE("the classic builder's #(nop) ENTRYPOINT ends a base too") {
  std::vector<HistoryEntry> h{
      layer("ADD rootfs.tar /"),
      empty("/bin/sh -c #(nop)  ENTRYPOINT [\"/bin/sh\"]"),
      layer("COPY a /a"),
  };
  CHECK(base_layer_count(h, 2) == 1);
}

TEST_CASE("no boundary, or history that does not match the layers, is unknown") {
  // No CMD/ENTRYPOINT at all.
  CHECK_FALSE(base_layer_count({layer("ADD x /"), layer("COPY a /a")}, 2));
  // The only CMD is the image's own last step: no layer follows it.
  CHECK_FALSE(base_layer_count({layer("ADD x /"), layer("COPY a /a"), empty("CMD [\"a\"]")}, 2));
  // A CMD before every layer does not make all layers the image's own: unknown.
  CHECK_FALSE(base_layer_count({empty("CMD [\"a\"]"), layer("ADD x /"), layer("COPY a /a")}, 2));
  // Two non-empty entries for three layers.
  CHECK_FALSE(base_layer_count({layer("ADD x /"), empty("CMD [\"a\"]"), layer("COPY a /a")}, 3));
  CHECK_FALSE(base_layer_count({}, 2));
}

TEST_CASE("a word that merely starts with CMD is not a CMD") {
  std::vector<HistoryEntry> h{layer("ADD x /"), empty("CMDLINE=1"), layer("COPY a /a")};
  CHECK_FALSE(base_layer_count(h, 2));
  h[1] = empty("  cmd [\"x\"]");
  CHECK(base_layer_count(h, 2) == 1);
}

}  // namespace
}  // namespace sagelint::image
