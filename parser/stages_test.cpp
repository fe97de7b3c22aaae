// The stage model: global ARGs in FROM, --build-arg, AS names, base stages, per-
// instruction ARG/ENV scope.
#include <doctest/doctest.h>

#include "parser/parser.hpp"
#include "parser/stages.hpp"

using namespace sagelint::parser;

namespace {

const char* const kMultiStage =
    "ARG TAG=3.9\n"
    "ARG REG\n"
    "FROM python:${TAG} AS Build\n"
    "ENV HOME=/root P=${HOME}/x\n"
    "RUN make\n"
    "FROM build\n"
    "ARG TAG\n"
    "ARG OTHER=o\n"
    "RUN use\n"
    "FROM ${REG}/img:1\n"
    "RUN last\n";

std::optional<std::string> value(const VarScope& s, const std::string& name) {
  const auto* v = s.find(name);
  if (!v || !v->has_value()) return std::nullopt;
  return **v;
}

}  // namespace

TEST_CASE("stages: names, bases, global args and scopes") {
  ParseResult r = parse(kMultiStage);
  REQUIRE(!r.error);
  const StageModel m = build_stages(r.file);
  REQUIRE(m.stages.size() == 3);
  CHECK(m.stages[0].name == "build");
  CHECK(m.stages[0].base == "python:3.9");
  CHECK_FALSE(m.stages[0].base_unknown);
  CHECK_FALSE(m.stages[0].base_stage);
  CHECK(m.stages[1].base == "build");
  CHECK(m.stages[1].base_stage == 0);
  CHECK(m.stages[2].base_unknown);
  CHECK(m.stages[2].base == "${REG}/img:1");
  CHECK(m.find("BUILD") == 0);
  CHECK(m.find("2") == 2);
  CHECK_FALSE(m.find("nope"));

  // Global ARGs are not visible in a stage until redeclared.
  const auto& s0 = m.stages[0].instructions;
  REQUIRE(s0.size() == 2);
  CHECK(s0[0].scope.find("TAG") == nullptr);
  // One ENV's values see the scope before it (Docker: `ENV abc=bye def=$abc` gives the old abc).
  CHECK(value(s0[1].scope, "P") == "/x");
  CHECK(value(s0[1].scope, "HOME") == "/root");
  const auto& s1 = m.stages[1].instructions;
  REQUIRE(s1.size() == 3);
  CHECK(value(s1[2].scope, "TAG") == "3.9");
  CHECK(value(s1[2].scope, "OTHER") == "o");
  CHECK(value(s1[2].scope, "HOME") == "/root");  // ENV inherited from the base stage
  CHECK(s1[0].node->keyword == "arg");
  CHECK(m.global_args.find("REG") != nullptr);
  CHECK_FALSE(m.global_args.find("REG")->has_value());
}

TEST_CASE("stages: --build-arg overrides global and stage ARGs") {
  ParseResult r = parse(kMultiStage);
  REQUIRE(!r.error);
  const StageModel m = build_stages(r.file, {{"TAG", "3.11"}, {"REG", "r.io"}, {"OTHER", "b"}});
  CHECK(m.stages[0].base == "python:3.11");
  CHECK(m.stages[2].base == "r.io/img:1");
  CHECK_FALSE(m.stages[2].base_unknown);
  CHECK(value(m.stages[1].instructions[2].scope, "OTHER") == "b");
}

TEST_CASE("stages: the platform ARGs exist globally with unknown values") {
  ParseResult r =
      parse("FROM --platform=$BUILDPLATFORM golang:${TARGETARCH}\nARG TARGETOS\nRUN x\n");
  REQUIRE(!r.error);
  const StageModel m = build_stages(r.file);
  CHECK(m.stages[0].base_unknown);
  const VarScope& s = m.stages[0].instructions[1].scope;
  REQUIRE(s.find("TARGETOS"));
  CHECK_FALSE(s.find("TARGETOS")->has_value());
  CHECK(build_stages(r.file, {{"TARGETARCH", "arm64"}}).stages[0].base == "golang:arm64");
}

TEST_CASE("stages: an ARG without value is unknown, not empty") {
  ParseResult r = parse("FROM a\nARG X\nARG Y=\nRUN x\n");
  REQUIRE(!r.error);
  const StageModel m = build_stages(r.file);
  const VarScope& s = m.stages[0].instructions[2].scope;
  REQUIRE(s.find("X"));
  CHECK_FALSE(s.find("X")->has_value());
  CHECK(value(s, "Y") == "");
}
