// Baselines end to end: write, suppress, survive moved lines, expire, SMP901, bad files.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include "tests/e2e_support.hpp"
#include "tests/support/fixture_builder.hpp"

using nlohmann::json;

namespace {

std::vector<std::string> rules_in(const std::string& json_report) {
  std::vector<std::string> out;
  const json doc = json::parse(json_report);  // kept alive for the loop
  for (const auto& f : doc.at("findings")) out.push_back(f.at("rule").get<std::string>());
  return out;
}

}  // namespace

TEST_CASE("--write-baseline, then --baseline suppresses exactly those findings") {
  e2e::TempDir dir;
  dir.write("app/Dockerfile", e2e::kShellEntrypointDockerfile);
  auto w = e2e::run(dir, {"lint", "--write-baseline", "ci/baseline.json", "app/Dockerfile"});
  CHECK(w.code == 0);
  const auto doc = json::parse(e2e::read_text(dir / "ci/baseline.json"));
  CHECK(doc.at("version") == 1);
  REQUIRE(!doc.at("findings").empty());
  for (const auto& e : doc.at("findings")) {
    CHECK(e.at("target") == "../app/Dockerfile");  // relative to the baseline's directory
    CHECK(e.at("fingerprint").get<std::string>().size() == 64);
  }
  CHECK(e2e::run(dir, {"lint", "--baseline", "ci/baseline.json", "app/Dockerfile"}).code == 0);

  // Lines added above: still suppressed. A new finding: reported.
  dir.write("app/Dockerfile", std::string("# a comment\n\n") + e2e::kShellEntrypointDockerfile +
                                  "USER root\nCMD python other.py\n");
  auto moved =
      e2e::run(dir, {"lint", "--baseline", "ci/baseline.json", "-f", "json", "app/Dockerfile"});
  auto rules = rules_in(moved.out);
  CHECK(std::find(rules.begin(), rules.end(), "SMP001") == rules.end());

  // From another working directory the targets still match.
  e2e::RunOptions in_app;
  in_app.cwd = (dir / "app").string();
  CHECK(e2e::run(dir, {"lint", "--baseline", "../ci/baseline.json", "Dockerfile"}, in_app).code ==
        0);
}

TEST_CASE("expired entries stop suppressing; stale entries are SMP901") {
  e2e::TempDir dir;
  dir.write("Dockerfile", e2e::kShellEntrypointDockerfile);
  e2e::run(dir, {"lint", "--write-baseline", "baseline.json", "Dockerfile"});
  auto doc = json::parse(e2e::read_text(dir / "baseline.json"));
  for (auto& e : doc["findings"]) {
    e["expires"] = "2001-02-03";
    e["reason"] = "legacy";
  }
  dir.write("baseline.json", doc.dump(2));
  auto r = e2e::run(dir, {"lint", "--baseline", "baseline.json", "-f", "gnu", "Dockerfile"});
  CHECK(r.code == 1);
  CHECK(r.out.find("expired on 2001-02-03") != std::string::npos);

  // Fixed in the file: the entry matches nothing.
  dir.write("Dockerfile", "FROM python:3.11-slim\nENTRYPOINT [\"python\", \"/r.py\"]\n");
  for (auto& e : doc["findings"]) e.erase("expires");
  dir.write("baseline.json", doc.dump(2));
  auto stale = e2e::run(dir, {"lint", "--baseline", "baseline.json", "-f", "json", "Dockerfile"});
  CHECK(stale.code == 0);  // SMP901 is info
  auto rules = rules_in(stale.out);
  CHECK(std::count(rules.begin(), rules.end(), "SMP901") ==
        static_cast<long>(doc["findings"].size()));
}

TEST_CASE("a baseline of another repository suppresses nothing") {
  e2e::TempDir dir;
  dir.write("other/svc/Dockerfile", e2e::kShellEntrypointDockerfile);
  e2e::run(dir, {"lint", "--write-baseline", "other/baseline.json", "other/svc/Dockerfile"});
  dir.write("mine/Dockerfile", e2e::kShellEntrypointDockerfile);
  std::filesystem::rename(dir / "other/baseline.json", dir / "mine/baseline.json");
  auto r =
      e2e::run(dir, {"lint", "--baseline", "mine/baseline.json", "-f", "json", "mine/Dockerfile"});
  CHECK(r.code == 1);
  auto rules = rules_in(r.out);
  CHECK(std::find(rules.begin(), rules.end(), "SMP001") != rules.end());
  auto doc = json::parse(e2e::read_text(dir / "mine/baseline.json"));
  CHECK(std::count(rules.begin(), rules.end(), "SMP901") ==
        static_cast<long>(doc["findings"].size()));
}

TEST_CASE("a malformed or newer baseline is a usage error naming the file") {
  e2e::TempDir dir;
  dir.write("Dockerfile", e2e::kShellEntrypointDockerfile);
  dir.write("new.json", "{\"version\": 2, \"findings\": []}");
  dir.write("bad.json", "{\"version\": 1, \"findings\": [{\"rule\": 3}]}");
  dir.write("text.json", "not json");
  for (const char* name : {"new.json", "bad.json", "text.json", "missing.json"}) {
    CAPTURE(name);
    auto r = e2e::run(dir, {"lint", "--baseline", name, "Dockerfile"});
    CHECK(r.code == 2);
    CHECK(r.err.find(std::string("baseline ") + name + ": ") != std::string::npos);
  }
}

TEST_CASE("request findings are keyed by pointer: reformatting the JSON keeps them suppressed") {
  e2e::TempDir dir;
  const std::string original =
      e2e::read_text(std::string(SAGELINT_SOURCE_DIR) + "/examples/request-bad/job.json");
  dir.write("job.json", original);
  e2e::run(dir, {"lint", "--write-baseline", "baseline.json", "job.json"});
  REQUIRE(!json::parse(e2e::read_text(dir / "baseline.json")).at("findings").empty());
  // The same request, laid out differently: every line moves.
  dir.write("job.json", "\n\n" + json::parse(original).dump(4) + "\n");
  auto r = e2e::run(dir, {"lint", "--baseline", "baseline.json", "-f", "json", "job.json"});
  CHECK(r.code == 0);
  CHECK(rules_in(r.out).empty());
  // The message changes, the rule and the pointer do not: still the accepted finding.
  auto changed = json::parse(original);
  changed["ProcessingJobName"] = "bad_name_two";
  dir.write("job.json", changed.dump(2));
  auto n = e2e::run(dir, {"lint", "--baseline", "baseline.json", "-f", "json", "job.json"});
  CHECK(n.code == 0);
}

namespace {

namespace fx = sagelint::fixtures;

// An image whose own layer puts data under /opt/ml (SMP010), with `base_layers` layers
// of a base image below it: adding a base layer moves the finding's layer index.
void write_opt_ml_image(const e2e::TempDir& dir, const std::string& name, int base_layers,
                        const std::vector<std::string>& data_files) {
  fx::ImageSpec img;
  for (int i = 0; i < base_layers; ++i) {
    fx::LayerSpec base;
    base.entries = {fx::Dir("usr/"), fx::File("usr/base-" + std::to_string(i), "base")};
    base.created_by = "ADD rootfs-" + std::to_string(i) + ".tar /";
    img.layers.push_back(base);
  }
  fx::LayerSpec own;
  own.entries = {fx::Dir("opt/"), fx::Dir("opt/ml/"), fx::Dir("opt/ml/processing/"),
                 fx::Dir("opt/ml/processing/input/")};
  for (const auto& f : data_files) own.entries.push_back(fx::File(f, "x"));
  own.created_by = "COPY data/ /opt/ml/processing/input/ # buildkit";
  img.layers.push_back(own);
  img.config = {{"Entrypoint", {"python3", "/app/job.py"}}};
  fx::ArchiveSpec spec;
  spec.images.push_back(img);
  fx::write_archive(spec, (dir / name).string());
}

std::vector<std::string> smp010_paths(const std::string& json_report) {
  std::vector<std::string> out;
  const json doc = json::parse(json_report);
  for (const auto& f : doc.at("findings"))
    if (f.at("rule") == "SMP010") out.push_back(f.value("path", ""));
  return out;
}

}  // namespace

TEST_CASE("image findings are keyed by path and rule: a layer added below keeps them suppressed") {
  e2e::TempDir dir;
  write_opt_ml_image(dir, "image.tar", 1, {"opt/ml/processing/input/a.csv"});
  auto first = e2e::run(dir, {"lint", "-f", "json", "image.tar"});
  REQUIRE(!smp010_paths(first.out).empty());
  auto w = e2e::run(dir, {"lint", "--write-baseline", "baseline.json", "image.tar"});
  CHECK(w.code == 0);
  const auto doc = json::parse(e2e::read_text(dir / "baseline.json"));
  REQUIRE(!doc.at("findings").empty());
  for (const auto& e : doc.at("findings")) CHECK(e.at("target") == "image.tar");

  // Rebuilt on a base with two more layers: the data layer's index moves from 1 to 3.
  write_opt_ml_image(dir, "image.tar", 3, {"opt/ml/processing/input/a.csv"});
  auto moved = e2e::run(dir, {"lint", "--baseline", "baseline.json", "-f", "json", "image.tar"});
  CHECK(moved.code == 0);
  CHECK(smp010_paths(moved.out).empty());

  // A second file under /opt/ml is a new finding: reported, the accepted one still not.
  write_opt_ml_image(dir, "image.tar", 3,
                     {"opt/ml/processing/input/a.csv", "opt/ml/processing/input/b.csv"});
  auto added = e2e::run(dir, {"lint", "--baseline", "baseline.json", "-f", "json", "image.tar"});
  const auto paths = smp010_paths(added.out);
  CHECK(added.code == 1);
  CHECK(std::find(paths.begin(), paths.end(), "/opt/ml/processing/input/b.csv") != paths.end());
  CHECK(std::find(paths.begin(), paths.end(), "/opt/ml/processing/input/a.csv") == paths.end());
}
