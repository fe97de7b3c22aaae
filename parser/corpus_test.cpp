// The 380 real-world Dockerfiles of ../shared/corpus/dockerfiles against BuildKit's own
// output for each (../shared/corpus/buildkit-oracle): the dump byte for byte, and every
// instruction's lines, keyword, flags, arguments, exec-form flag, heredocs, ONBUILD
// child, original text and comments.
#include <doctest/doctest.h>

#include <filesystem>
#include <nlohmann/json.hpp>

#include "parser/dump.hpp"
#include "parser/parser.hpp"
#include "parser/shared_data_test_support.hpp"

namespace fs = std::filesystem;
using namespace sagelint::parser;
using sagelint::parser::testing::read_all;

namespace {

std::vector<std::string> strings_of(const std::vector<Token>& tokens) {
  std::vector<std::string> out;
  for (const Token& t : tokens) out.push_back(t.value);
  return out;
}

std::vector<std::string> flags_of(const Instruction& inst) {
  std::vector<std::string> out;
  for (const Flag& f : inst.flags) out.push_back(f.raw);
  return out;
}

std::vector<std::string> string_list(const nlohmann::json& j, const char* key) {
  std::vector<std::string> out;
  if (j.contains(key) && !j.at(key).is_null())
    for (const auto& v : j.at(key)) out.push_back(v.get<std::string>());
  return out;
}

// Compares what both sides have for one node; `top` adds the line range.
void check_node(const Instruction& inst, const nlohmann::json& want, bool top) {
  CHECK(inst.original_keyword == want.at("cmd").get<std::string>());
  CHECK(flags_of(inst) == string_list(want, "flags"));
  CHECK(inst.json == (want.contains("json") && want.at("json").get<bool>()));
  CHECK(inst.original == want.at("original").get<std::string>());
  if (want.contains("sub")) {
    REQUIRE(inst.onbuild);
    check_node(*inst.onbuild, want.at("sub"), false);
    CHECK(inst.args.empty());
  } else {
    CHECK_FALSE(inst.onbuild);
    CHECK(strings_of(inst.args) == string_list(want, "args"));
  }
  if (!top) return;
  CHECK(inst.span.begin.line == want.at("start").get<int>());
  CHECK(inst.span.end.line == want.at("end").get<int>());
  CHECK(inst.prev_comment == string_list(want, "prev_comment"));
  const auto& hd = want.contains("heredocs") ? want.at("heredocs") : nlohmann::json::array();
  REQUIRE(inst.heredocs.size() == hd.size());
  for (std::size_t i = 0; i < hd.size(); ++i) {
    CHECK(inst.heredocs[i].name == hd[i].at("name").get<std::string>());
    CHECK(inst.heredocs[i].content == hd[i].at("content").get<std::string>());
    CHECK(inst.heredocs[i].expand == hd[i].at("expand").get<bool>());
    CHECK(inst.heredocs[i].chomp == hd[i].at("chomp").get<bool>());
    CHECK(inst.heredocs[i].file_descriptor == hd[i].at("fd").get<int>());
  }
}

}  // namespace

TEST_SUITE_BEGIN("needs-shared");

TEST_CASE("corpus: every file parses as BuildKit parses it") {
  SKIP_IF_MISSING("shared", sagelint::testing::missing_shared("corpus/dockerfiles"));
  SKIP_IF_MISSING("shared", sagelint::testing::missing_shared("corpus/buildkit-oracle"));
  const fs::path files = sagelint::testing::shared_path("corpus/dockerfiles");
  const fs::path oracle = sagelint::testing::shared_path("corpus/buildkit-oracle");
  int parsed = 0, rejected = 0, dumps_equal = 0;
  for (const auto& entry : fs::directory_iterator(files)) {
    const std::string name = entry.path().filename().string();
    const fs::path ast_path = oracle / (name + ".ast.json");
    if (!fs::is_regular_file(ast_path)) continue;  // SOURCES.tsv and the like
    CAPTURE(name);
    const auto want = nlohmann::json::parse(read_all(ast_path));
    const ParseResult r = parse(read_all(entry.path()));
    if (!want.at("ok").get<bool>()) {
      ++rejected;
      REQUIRE(r.error.has_value());
      CHECK(r.error->message == want.at("error").get<std::string>());
      CHECK(r.error->span.begin.line == want.at("error_lines")[0][0].get<int>());
      CHECK(r.error->span.end.line == want.at("error_lines")[0][1].get<int>());
      continue;
    }
    ++parsed;
    REQUIRE_MESSAGE(!r.error, (r.error ? r.error->message : ""));
    const std::string dump = dump_buildkit(r.file);
    const std::string expected = read_all(oracle / (name + ".result"));
    CHECK(dump == expected);
    if (dump == expected) ++dumps_equal;
    CHECK(std::string(1, r.file.escape_token) == want.at("escape_token").get<std::string>());
    std::vector<std::string> warnings;
    for (const Warning& w : r.file.warnings) warnings.push_back(w.message);
    CHECK(warnings == string_list(want, "warnings"));
    const auto& children = want.at("children");
    REQUIRE(children.size() == r.file.instructions.size());
    for (std::size_t i = 0; i < children.size(); ++i) {
      CAPTURE(i);
      check_node(r.file.instructions[i], children[i], true);
    }
  }
  CHECK(parsed == 379);
  CHECK(rejected == 1);
  CHECK(dumps_equal == 379);
}

TEST_SUITE_END();
