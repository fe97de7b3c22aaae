#include "request/test_request.hpp"
#include "rules/request_rule_test_support.hpp"

namespace sagelint::rules {
const Rule& rule_SMJ005();
}

using namespace sagelint::rules::testing;
using namespace sagelint::request::testing;
using nlohmann::json;
using sagelint::rules::rule_SMJ005;

TEST_CASE("SMJ005 flags what the service rejects although the model allows it") {
  struct Row {
    const char* name;
    std::vector<Patch> patches;
    std::string expected;
  };
  const std::vector<Row> rows = {
      {"the SDK's request", {}, ""},
      {"empty argument",
       {{"/AppSpecification/ContainerArguments", json::array({"--model-name", ""})}},
       "[/AppSpecification/ContainerArguments/1] "},
      {"empty entrypoint item and two empty arguments",
       {{"/AppSpecification/ContainerEntrypoint", json::array({"python3", ""})},
        {"/AppSpecification/ContainerArguments", json::array({"", "x", ""})}},
       "[/AppSpecification/ContainerEntrypoint/1] [/AppSpecification/ContainerArguments/0] "
       "[/AppSpecification/ContainerArguments/2] "},
      {"a blank is not empty",
       {{"/AppSpecification/ContainerArguments", json::array({" ", "--flag"})}},
       ""},
      {"two inputs with one name",
       {{"/ProcessingInputs/1/InputName", "input-1"}},
       "[/ProcessingInputs/1/InputName] "},
      {"an output named like an input",
       {{"/ProcessingOutputConfig/Outputs/0/OutputName", "code"}},
       "[/ProcessingOutputConfig/Outputs/0/OutputName] "},
      {"names differing in case are distinct",
       {{"/ProcessingOutputConfig/Outputs/0/OutputName", "Code"}},
       ""},
      {"a missing name is SMJ001's",
       {{"/ProcessingInputs/0/InputName", kRemove}, {"/ProcessingInputs/1/InputName", kRemove}},
       ""},
  };
  for (const auto& row : rows) {
    std::string name = row.name;
    CAPTURE(name);
    CHECK(pointers(lint_request(rule_SMJ005(), patched(sdk_request(), row.patches).dump())) ==
          row.expected);
  }
}

TEST_CASE("SMJ005 messages quote the service and name the first use") {
  auto doc = patched(sdk_request(), {{"/AppSpecification/ContainerArguments", json::array({""})},
                                     {"/ProcessingOutputConfig/Outputs/0/OutputName", "code"}});
  auto findings = lint_request(rule_SMJ005(), doc.dump());
  REQUIRE(findings.size() == 2);
  CHECK(findings[0].message.find("may not contain null or empty strings") != std::string::npos);
  CHECK(findings[1].message.find("\"code\" is already used at /ProcessingInputs/1/InputName") !=
        std::string::npos);
  CHECK(findings[1].message.find("globally unique") != std::string::npos);
  CHECK(findings[0].severity == sagelint::Severity::error);
}
