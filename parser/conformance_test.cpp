// BuildKit's own parser test cases (../shared/conformance/buildkit-parser): the dump of
// every case must equal BuildKit's `result` byte for byte, and the negative cases fail.
#include <doctest/doctest.h>

#include <filesystem>
#include <nlohmann/json.hpp>

#include "parser/dump.hpp"
#include "parser/heredoc.hpp"
#include "parser/line_parsers.hpp"
#include "parser/parser.hpp"
#include "parser/shared_data_test_support.hpp"

namespace fs = std::filesystem;
using namespace sagelint::parser;
using sagelint::parser::testing::read_all;

namespace {

constexpr const char* kConformance = "conformance/buildkit-parser";

}  // namespace

TEST_SUITE_BEGIN("needs-shared");

TEST_CASE("every BuildKit testfile dumps byte for byte as BuildKit's result") {
  SKIP_IF_MISSING("shared", sagelint::testing::missing_shared(kConformance));
  const fs::path dir = sagelint::testing::shared_path(kConformance);
  int cases = 0;
  for (const auto& entry : fs::directory_iterator(dir)) {
    const fs::path result = entry.path() / "result";
    if (!fs::is_regular_file(result)) continue;
    ++cases;
    const std::string name = entry.path().filename().string();
    CAPTURE(name);
    ParseResult r = parse(read_all(entry.path() / "Dockerfile"));
    REQUIRE_MESSAGE(!r.error, (r.error ? r.error->message : ""));
    CHECK(dump_buildkit(r.file) == read_all(result));
  }
  CHECK(cases == 33);
}

TEST_CASE("the negative testfiles are rejected") {
  SKIP_IF_MISSING("shared", sagelint::testing::missing_shared(kConformance));
  const fs::path dir = sagelint::testing::shared_path(kConformance);
  int cases = 0;
  for (const auto& entry : fs::directory_iterator(dir / "testfiles-negative")) {
    ++cases;
    const std::string name = entry.path().filename().string();
    CAPTURE(name);
    const ParseResult r = parse(read_all(entry.path() / "Dockerfile"));
    CHECK(r.error.has_value());
  }
  CHECK(cases == 4);
  CHECK(parse("").error->message == "file with no instructions");
  CHECK(parse("# only\n# comments\n").error->message == "file with no instructions");
  CHECK(parse("FROM a\nENV PATH\n").error->message == "ENV must have two arguments");
  CHECK(parse("FROM a\nCMD [\"a\", [\"b\"]]\n").error->message ==
        "when using JSON array syntax, arrays must be comprised of strings only");
}

TEST_CASE("testfile-line: instruction line ranges match BuildKit's") {
  SKIP_IF_MISSING("shared", sagelint::testing::missing_shared(kConformance));
  const fs::path dir = sagelint::testing::shared_path(kConformance);
  const fs::path base = dir / "testfile-line";
  const auto expected = nlohmann::json::parse(read_all(base / "ast.generated.json"));
  const ParseResult r = parse(read_all(base / "Dockerfile"));
  REQUIRE(!r.error);
  const auto& children = expected.at("children");
  REQUIRE(children.size() == r.file.instructions.size());
  for (std::size_t i = 0; i < children.size(); ++i) {
    CAPTURE(i);
    CHECK(r.file.instructions[i].span.begin.line == children[i].at("start").get<int>());
    CHECK(r.file.instructions[i].span.end.line == children[i].at("end").get<int>());
  }
  // BuildKit's TestParseIncludesLineNumbers expectations.
  const auto lines = nlohmann::json::parse(read_all(base / "expected.json"));
  const auto& want = lines.at("children_lines");
  REQUIRE(want.size() == r.file.instructions.size());
  for (std::size_t i = 0; i < want.size(); ++i) {
    CHECK(r.file.instructions[i].span.begin.line == want[i][0].get<int>());
    CHECK(r.file.instructions[i].span.end.line == want[i][1].get<int>());
  }
  CHECK(r.file.instructions.front().span.begin.line == lines.at("ast_start_line").get<int>());
  CHECK(r.file.instructions.back().span.end.line == lines.at("ast_end_line").get<int>());
}

TEST_SUITE_END();
