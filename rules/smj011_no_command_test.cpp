#include "request/test_request.hpp"
#include "rules/request_rule_test_support.hpp"

namespace sagelint::rules {
const Rule& rule_SMJ011();
}

using namespace sagelint::rules::testing;
using namespace sagelint::request::testing;
using nlohmann::json;
using sagelint::rules::rule_SMJ011;

TEST_CASE("SMJ011 flags a job with no command, by the four cases of research 2.1") {
  const Argv kArgv = std::vector<std::string>{"python3", "run.py"};
  const Argv kEmpty = std::vector<std::string>{};
  const json entrypoint = json::array({"python3", "run.py"});
  const json arguments = json::array({"python3", "run.py"});
  struct Row {
    const char* name;
    json entrypoint;  // kRemove: not in the request
    json arguments;
    sagelint::image::ImageView image;
    bool flagged;
  };
  std::vector<Row> rows = {
      // ContainerEntrypoint absent, ContainerArguments absent: image Entrypoint + Cmd
      {"nothing anywhere", kRemove, kRemove, image_with(std::nullopt, std::nullopt), true},
      {"ENTRYPOINT [] and no CMD", kRemove, kRemove, image_with(kEmpty, std::nullopt), true},
      {"ENTRYPOINT [] and CMD []", kRemove, kRemove, image_with(kEmpty, kEmpty), true},
      {"image ENTRYPOINT", kRemove, kRemove, image_with(kArgv, std::nullopt), false},
      {"image CMD", kRemove, kRemove, image_with(std::nullopt, kArgv), false},
      // ContainerEntrypoint set: it alone is the command
      {"ContainerEntrypoint", entrypoint, kRemove, image_with(std::nullopt, std::nullopt), false},
      {"ContainerEntrypoint and arguments", entrypoint, arguments,
       image_with(std::nullopt, std::nullopt), false},
      // ContainerArguments only: image Entrypoint + arguments; the first argument is the program
      {"arguments alone", kRemove, arguments, image_with(std::nullopt, std::nullopt), false},
      {"arguments with an image ENTRYPOINT", kRemove, arguments, image_with(kArgv, std::nullopt),
       false},
      // An empty ContainerArguments is SMJ001's; the image CMD stays, as with docker run
      {"empty arguments, image CMD", kRemove, json::array(), image_with(std::nullopt, kArgv),
       false},
      {"empty arguments, nothing else", kRemove, json::array(),
       image_with(std::nullopt, std::nullopt), true},
  };
  for (const auto& row : rows) {
    std::string name = row.name;
    CAPTURE(name);
    auto doc = patched(sdk_request(), {{"/AppSpecification/ContainerEntrypoint", row.entrypoint},
                                       {"/AppSpecification/ContainerArguments", row.arguments}});
    auto findings = lint_request(rule_SMJ011(), doc.dump(), &row.image);
    CHECK(pointers(findings) == (row.flagged ? "[/AppSpecification] " : ""));
  }
}

TEST_CASE("SMJ011 needs an image") {
  auto doc = patched(sdk_request(), {{"/AppSpecification/ContainerEntrypoint", kRemove},
                                     {"/AppSpecification/ContainerArguments", kRemove}});
  CHECK(lint_request(rule_SMJ011(), doc.dump()).empty());
  auto image = image_with(std::nullopt, std::nullopt);
  auto findings = lint_request(rule_SMJ011(), doc.dump(), &image);
  REQUIRE(findings.size() == 1);
  CHECK(findings[0].message.find("No command to run") == 0);
  CHECK(findings[0].severity == sagelint::Severity::error);
}
