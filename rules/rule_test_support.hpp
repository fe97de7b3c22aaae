#pragma once
// Helpers for the rule tests: lint Dockerfile text with one rule through the
// real parser and stage model, and print finding ranges as "L:C-L:C" so a case
// table can state exactly where a finding must point.
#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <optional>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "image/view.hpp"

#include "parser/parser.hpp"
#include "parser/stages.hpp"
#include "rules/rule.hpp"

namespace sagelint::rules::testing {

struct LintSetup {
  std::string target_stage;  // "" = last
  std::string context_dir;
  RuleOptions options;
};

inline std::vector<Finding> lint_text(const Rule& rule, std::string_view text,
                                      const LintSetup& setup = {}) {
  auto parsed = parser::parse(text);
  REQUIRE_MESSAGE(!parsed.error, (parsed.error ? parsed.error->message : std::string()));
  auto stages = parser::build_stages(parsed.file);
  int target = -1;
  if (!setup.target_stage.empty()) {
    auto found = stages.find(setup.target_stage);
    REQUIRE(found.has_value());
    target = *found;
  }
  DockerfileContext ctx{parsed.file, stages, target, setup.context_dir, &setup.options};
  std::vector<Finding> out;
  Reporter reporter(rule.info(), "Dockerfile", TargetKind::dockerfile,
                    [&out](Finding f) { out.push_back(std::move(f)); });
  rule.check(ctx, reporter);
  return out;
}

inline std::string range_text(const Finding& f) {
  if (!f.range) return "(no range)";
  const auto& r = *f.range;
  return std::to_string(r.line) + ":" + std::to_string(r.column) + "-" +
         std::to_string(r.end_line) + ":" + std::to_string(r.end_column);
}

inline std::vector<std::string> ranges(const std::vector<Finding>& findings) {
  std::vector<std::string> out;
  for (const auto& f : findings) out.push_back(range_text(f));
  return out;
}

// One row of a rule's case table: Dockerfile text and where findings must point
// (empty: must not be flagged).
struct Case {
  const char* name;
  const char* dockerfile;
  std::vector<std::string> expected;
};

inline void run_cases(const Rule& rule, const std::vector<Case>& cases,
                      const LintSetup& setup = {}) {
  for (const auto& c : cases) {
    std::string name = c.name;
    CAPTURE(name);
    auto findings = lint_text(rule, c.dockerfile, setup);
    std::string messages;
    for (const auto& f : findings) messages += range_text(f) + " " + f.message + "\n";
    CAPTURE(messages);
    CHECK(ranges(findings) == c.expected);
    for (const auto& f : findings) CHECK(f.rule == rule.info().id);
  }
}

// ---- image rules -------------------------------------------------------------

using Argv = std::optional<std::vector<std::string>>;

// A file of the merged filesystem: "/path" (file), "/path/" (directory),
// "/path -> target" (symlink); all put by `layer`.
inline image::FileEntry entry(const std::string& spec, int layer = 0) {
  image::FileEntry e;
  e.layer = layer;
  auto arrow = spec.find(" -> ");
  if (arrow != std::string::npos) {
    e.path = spec.substr(0, arrow);
    e.type = image::FileEntry::symlink;
    e.link_target = spec.substr(arrow + 4);
  } else if (spec.size() > 1 && spec.back() == '/') {
    e.path = spec.substr(0, spec.size() - 1);
    e.type = image::FileEntry::dir;
  } else {
    e.path = spec;
    e.size = 1;
  }
  e.mode = 0755;
  return e;
}

inline image::ImageView image_of(Argv entrypoint, Argv cmd,
                                 const std::vector<std::string>& files = {},
                                 std::map<std::string, std::string> contents = {}) {
  image::ImageView v;
  v.source = "image.tar";
  v.config.entrypoint = std::move(entrypoint);
  v.config.cmd = std::move(cmd);
  for (const auto& f : files) v.files.put(entry(f, 1));
  v.files.set_created_by({"ADD rootfs.tar /", "COPY . / # buildkit"});
  v.contents = std::move(contents);
  return v;
}

inline std::vector<Finding> lint_image(const Rule& rule, const image::ImageView& view,
                                       const RuleOptions& options = {}) {
  ImageContext ctx{view, &options};
  std::vector<Finding> out;
  Reporter reporter(rule.info(), view.source, TargetKind::image,
                    [&out](Finding f) { out.push_back(std::move(f)); });
  rule.check(ctx, reporter);
  return out;
}

// One row of an image case table: where findings must point ("config" for a
// finding about the image config, else the path).
struct ImageCase {
  const char* name;
  image::ImageView image;
  std::vector<std::string> expected;
};

inline void run_image_cases(const Rule& rule, const std::vector<ImageCase>& cases,
                            const RuleOptions& options = {}) {
  for (const auto& c : cases) {
    std::string name = c.name;
    CAPTURE(name);
    auto findings = lint_image(rule, c.image, options);
    std::vector<std::string> places;
    std::string messages;
    for (const auto& f : findings) {
      places.push_back(f.path ? *f.path : "config");
      messages += places.back() + " " + f.message + "\n";
      CHECK(f.rule == rule.info().id);
      CHECK(f.kind == TargetKind::image);
      if (f.path) {
        CHECK(f.layer.has_value());
        CHECK(f.created_by.has_value());
      }
    }
    CAPTURE(messages);
    CHECK(places == c.expected);
  }
}

// ---- project fixtures ----------------------------------------------------------

// The project's own rule fixtures, fixtures/rules/<RULE-ID>/<case>/: a `Dockerfile`
// (the case directory is its build context, so scripts beside it can be copied) and
// `expected`, the ranges the rule must report, one "L:C-L:C" per line (an empty file:
// the case is clean). Each case runs through run_cases like a row of the table.
inline void run_fixture_cases(const Rule& rule) {
  namespace fs = std::filesystem;
  const fs::path dir = fs::path(SAGELINT_SOURCE_DIR) / "fixtures" / "rules" / rule.info().id;
  REQUIRE_MESSAGE(fs::is_directory(dir), dir.string());
  std::vector<fs::path> cases;
  for (const auto& e : fs::directory_iterator(dir)) {
    if (e.is_directory()) cases.push_back(e.path());
  }
  std::sort(cases.begin(), cases.end());
  REQUIRE_FALSE(cases.empty());
  auto read = [](const fs::path& file) {
    std::ifstream in(file, std::ios::binary);
    REQUIRE_MESSAGE(in.good(), (file.string() + ": cannot be read"));
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
  };
  for (const auto& c : cases) {
    std::string dockerfile = read(c / "Dockerfile");
    std::vector<std::string> expected;
    std::istringstream lines(read(c / "expected"));
    for (std::string line; std::getline(lines, line);) {
      if (!line.empty()) expected.push_back(line);
    }
    std::string name = c.filename().string();
    LintSetup setup;
    setup.context_dir = c.string();
    run_cases(rule, {{name.c_str(), dockerfile.c_str(), expected}}, setup);
  }
}

}  // namespace sagelint::rules::testing
