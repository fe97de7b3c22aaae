#include "request/test_request.hpp"
#include "rules/request_rule_test_support.hpp"

namespace sagelint::rules {
const Rule& rule_SMJ010();
}

using namespace sagelint::rules::testing;
using namespace sagelint::request::testing;
using nlohmann::json;
using sagelint::rules::rule_SMJ010;

namespace {

const Argv kShellForm = std::vector<std::string>{"/bin/sh", "-c", "python3 /opt/program/run.py"};
const Argv kExecForm = std::vector<std::string>{"python3", "/opt/program/run.py"};
const std::string kArgs = "[/AppSpecification/ContainerArguments] ";

std::string request_with(json entrypoint, json arguments) {
  return patched(sdk_request(), {{"/AppSpecification/ContainerEntrypoint", entrypoint},
                                 {"/AppSpecification/ContainerArguments", arguments}})
      .dump();
}

}  // namespace

TEST_CASE("SMJ010 flags arguments given to a shell-form image ENTRYPOINT") {
  const json args = json::array({"--split", "0.2"});
  struct Row {
    const char* name;
    json entrypoint;  // kRemove: not in the request
    json arguments;
    sagelint::image::ImageView image;
    std::string expected;
  };
  std::vector<Row> rows = {
      {"shell form, arguments", kRemove, args, image_with(kShellForm, std::nullopt), kArgs},
      {"shell form with a CMD", kRemove, args, image_with(kShellForm, Argv({"x"})), kArgs},
      {"custom SHELL", kRemove, args,
       image_with(std::vector<std::string>{"/bin/bash", "-o", "pipefail", "-c", "run"},
                  std::nullopt, {"/bin/bash", "-o", "pipefail", "-c"}),
       kArgs},
      {"exec form", kRemove, args, image_with(kExecForm, std::nullopt), ""},
      {"exec form that runs sh -c with more words", kRemove, args,
       image_with(std::vector<std::string>{"/bin/sh", "-c", "exec run \"$@\"", "sh"}, std::nullopt),
       ""},
      {"/bin/sh -c under a different SHELL is not the shell form", kRemove, args,
       image_with(kShellForm, std::nullopt, {"/bin/bash", "-c"}), ""},
      {"ContainerEntrypoint overrides", json::array({"python3", "run.py"}), args,
       image_with(kShellForm, std::nullopt), ""},
      {"no arguments", kRemove, kRemove, image_with(kShellForm, std::nullopt), ""},
      {"shell-form CMD only (arguments replace it)", kRemove, args,
       image_with(std::nullopt, kShellForm), ""},
      {"no ENTRYPOINT", kRemove, args, image_with(std::nullopt, std::nullopt), ""},
  };
  for (const auto& row : rows) {
    std::string name = row.name;
    CAPTURE(name);
    CHECK(pointers(lint_request(rule_SMJ010(), request_with(row.entrypoint, row.arguments),
                                &row.image)) == row.expected);
  }
}

TEST_CASE("SMJ010 needs an image and says what is dropped") {
  const json args = json::array({"--split", "0.2"});
  CHECK(lint_request(rule_SMJ010(), request_with(kRemove, args)).empty());
  auto image = image_with(kShellForm, std::nullopt);
  auto findings = lint_request(rule_SMJ010(), request_with(kRemove, args), &image);
  REQUIRE(findings.size() == 1);
  CHECK(findings[0].message.find("[\"--split\",\"0.2\"]") != std::string::npos);
  CHECK(findings[0].message.find("shell form") != std::string::npos);
  CHECK(findings[0].severity == sagelint::Severity::warning);
}
