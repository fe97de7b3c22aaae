// BuildKit's Go unit-test expectations transcribed in ../shared/conformance/buildkit-parser/_extra:
// heredoc extraction, JSON form never heredoc, the heredoc helpers, parseWords and the
// empty-continuation warnings.
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

constexpr const char* kExtra = "conformance/buildkit-parser/_extra";

}  // namespace

#define REQUIRE_EXTRA(dir)                                              \
  SKIP_IF_MISSING("shared", sagelint::testing::missing_shared(kExtra)); \
  const fs::path dir = sagelint::testing::shared_path(kExtra)

TEST_SUITE_BEGIN("needs-shared");

TEST_CASE("_extra/heredoc-extract: every instruction's heredocs") {
  REQUIRE_EXTRA(dir);
  const fs::path base = dir / "heredoc-extract";
  const auto want = nlohmann::json::parse(read_all(base / "expected.json"));
  const ParseResult r = parse(read_all(base / "Dockerfile"));
  REQUIRE_MESSAGE(!r.error, (r.error ? r.error->message : ""));
  CHECK(dump_buildkit(r.file) == read_all(base / "result.generated"));
  const auto& expected = want.at("expected");
  const std::size_t from = want.at("children_from_index").get<std::size_t>();
  REQUIRE(r.file.instructions.size() == expected.size() + from);
  for (std::size_t i = 0; i < expected.size(); ++i) {
    const auto& e = expected[i];
    CAPTURE(e.at("comment").get<std::string>());
    const Instruction& inst = r.file.instructions[i + from];
    const auto& hd = e.at("heredocs");
    if (hd.is_null()) {
      CHECK(inst.heredocs.empty());
      continue;
    }
    REQUIRE(inst.heredocs.size() == hd.size());
    for (std::size_t k = 0; k < hd.size(); ++k) {
      CHECK(inst.heredocs[k].name == hd[k].at("Name").get<std::string>());
      CHECK(inst.heredocs[k].content == hd[k].at("Content").get<std::string>());
      CHECK(inst.heredocs[k].expand == hd[k].at("Expand").get<bool>());
      CHECK(inst.heredocs[k].chomp == hd[k].at("Chomp").get<bool>());
      CHECK(inst.heredocs[k].file_descriptor == hd[k].at("FileDescriptor").get<int>());
    }
  }
}

TEST_CASE("_extra/heredoc-json: the JSON form never has heredocs") {
  REQUIRE_EXTRA(dir);
  const fs::path base = dir / "heredoc-json";
  const auto want = nlohmann::json::parse(read_all(base / "expected.json"));
  const ParseResult r = parse(read_all(base / "Dockerfile"));
  REQUIRE(!r.error);
  CHECK(dump_buildkit(r.file) == read_all(base / "result.generated"));
  for (const auto& i : want.at("expected_nil_children")) {
    const auto idx = i.get<std::size_t>();
    REQUIRE(idx < r.file.instructions.size());
    CHECK(r.file.instructions[idx].json);
    CHECK(r.file.instructions[idx].heredocs.empty());
  }
}

TEST_CASE("_extra/heredoc-helpers: ParseHeredoc, heredocsFromLine, ChompHeredocContent") {
  REQUIRE_EXTRA(dir);
  const auto want = nlohmann::json::parse(read_all(dir / "heredoc-helpers.json"));
  for (const auto& w : want.at("valid_name_EOF")) {
    const std::string word = w.get<std::string>();
    CAPTURE(word);
    const HeredocWord h = parse_heredoc_word(word);
    CHECK_FALSE(h.error);
    REQUIRE(h.marker);
    CHECK(h.marker->name == "EOF");
  }
  for (const auto& w : want.at("invalid_error")) {
    const std::string word = w.get<std::string>();
    CAPTURE(word);
    CHECK(parse_heredoc_word(word).error.has_value());
  }
  for (const auto& w : want.at("not_heredoc")) {
    const std::string word = w.get<std::string>();
    CAPTURE(word);
    const HeredocWord h = parse_heredoc_word(word);
    CHECK_FALSE(h.error);
    CHECK_FALSE(h.marker);
  }
  for (const auto& c : want.at("heredocs_from_line")) {
    const std::string line = c.at("line").get<std::string>();
    CAPTURE(line);
    std::vector<LineHeredoc> found;
    CHECK_FALSE(heredocs_from_line(line, found));
    std::vector<std::string> names;
    for (const auto& f : found) names.push_back(f.marker.name);
    std::vector<std::string> expected;
    if (!c.at("heredoc_names").is_null())
      for (const auto& n : c.at("heredoc_names")) expected.push_back(n.get<std::string>());
    CHECK(names == expected);
  }
  const auto& chomp = want.at("chomp");
  CHECK(chomp_heredoc_content(chomp.at("input").get<std::string>()) ==
        chomp.at("output").get<std::string>());
}

TEST_CASE("_extra/parse-words: parseWords") {
  REQUIRE_EXTRA(dir);
  const auto want = nlohmann::json::parse(read_all(dir / "parse-words.json"));
  REQUIRE(!want.at("cases").empty());
  for (const auto& c : want.at("cases")) {
    const std::string input = c.at("input").get<std::string>();
    CAPTURE(input);
    std::vector<std::string> got;
    for (const RawWord& w : parse_words(input, '\\')) got.push_back(w.value);
    CHECK(got == c.at("expect").get<std::vector<std::string>>());
  }
}

TEST_CASE("_extra/empty-continuation-warnings") {
  REQUIRE_EXTRA(dir);
  const fs::path base = dir / "empty-continuation-warnings";
  const auto want = nlohmann::json::parse(read_all(base / "expected.json"));
  const ParseResult r = parse(read_all(base / "Dockerfile"));
  REQUIRE(!r.error);
  CHECK(dump_buildkit(r.file) == read_all(base / "result.generated"));
  REQUIRE(r.file.warnings.size() == 2);
  for (const Warning& w : r.file.warnings) {
    CHECK(w.short_name == "NoEmptyContinuation");
    CHECK(w.message.rfind("Empty continuation line found in: ", 0) == 0);
  }
  for (const auto& s : want.at("warnings_contain")) {
    const std::string needle = s.get<std::string>();
    CAPTURE(needle);
    bool found = false;
    for (const Warning& w : r.file.warnings)
      found = found || w.message.find(needle) != std::string::npos;
    CHECK(found);
  }
}

TEST_SUITE_END();
