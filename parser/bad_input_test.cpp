// Hostile and broken input: every case ends in a correct parse or a ParseError/LoadError,
// never a crash or a hang. Inputs are generated here, not committed.
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <random>

#include "parser/dump.hpp"
#include "parser/expand.hpp"
#include "parser/parser.hpp"
#include "parser/stages.hpp"

using namespace sagelint::parser;
namespace fs = std::filesystem;

namespace {

// Runs everything a caller may run on a parse, so each path sees the input.
void exercise(const ParseResult& r) {
  const StageModel m = build_stages(r.file);
  (void)dump_buildkit(r.file);
  (void)dump_json(r.file).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  for (const Stage& s : m.stages)
    for (const StageInstruction& si : s.instructions)
      if (!si.node->args.empty()) (void)expand_words(si.node->args[0].value, si.scope);
}

fs::path temp_file(const std::string& name, const std::string& content) {
  const fs::path dir = fs::temp_directory_path() / "sagelint-parser-tests";
  fs::create_directories(dir);
  fs::path p = dir / name;
  std::ofstream(p, std::ios::binary) << content;
  return p;
}

}  // namespace

TEST_CASE("a 10 MB single line is rejected as BuildKit's scanner rejects it") {
  std::string text = "FROM a\nRUN ";
  text.append(10UL * 1024 * 1024, 'x');
  text += "\n";
  const ParseResult r = parse(text);
  REQUIRE(r.error);
  CHECK(r.error->message == "dockerfile line greater than max allowed size of 65535");
  CHECK(r.error->span.begin.line == 2);
  exercise(r);

  // The longest line BuildKit accepts.
  std::string edge = "FROM a\nRUN ";
  edge.append(65535 - 4, 'y');
  const ParseResult ok = parse(edge + "\n");
  REQUIRE_FALSE(ok.error);
  CHECK(ok.file.instructions[1].args[0].value.size() == 65531);
}

TEST_CASE("an unterminated heredoc is an error") {
  const ParseResult r = parse("FROM a\nRUN <<EOF\nline\nline\n");
  REQUIRE(r.error);
  CHECK(r.error->message == "unterminated heredoc");
  CHECK(r.error->span.begin.line == 2);
  exercise(r);
}

TEST_CASE("invalid UTF-8 is accepted as bytes, as BuildKit does") {
  const ParseResult r = parse("FROM a\nRUN echo \xff\xfe \xc3\n");
  REQUIRE_FALSE(r.error);
  CHECK(dump_buildkit(r.file) == "(from \"a\")\n(run \"echo \\xff\\xfe \\xc3\")\n");
  exercise(r);
}

TEST_CASE("100,000 instructions") {
  std::string text = "FROM a\n";
  for (int i = 0; i < 100000; ++i) text += "RUN echo " + std::to_string(i) + "\n";
  const ParseResult r = parse(text);
  REQUIRE_FALSE(r.error);
  CHECK(r.file.instructions.size() == 100001);
  CHECK(r.file.instructions.back().span.begin.line == 100001);
  exercise(r);
}

TEST_CASE("binary input never crashes the parser; load_file refuses it") {
  std::mt19937 rng(42);
  for (int round = 0; round < 200; ++round) {
    std::string text = "FROM a\n";
    const int n = static_cast<int>(rng() % 4000);
    for (int i = 0; i < n; ++i) text.push_back(static_cast<char>(rng() & 0xFF));
    exercise(parse(text));
  }
  std::string bin = "FROM a\n";
  bin.push_back('\0');
  bin += "RUN x\n";
  const LoadResult l = load_file(temp_file("binary", bin).string());
  REQUIRE(l.error);
  CHECK(*l.error == "binary file (NUL byte at offset 7)");
  CHECK(l.text.empty());
}

TEST_CASE("deeply nested brackets") {
  // 20,000 unclosed '[': not JSON, so one shell-form argument.
  const ParseResult open = parse("FROM a\nCMD " + std::string(20000, '[') + "\n");
  REQUIRE_FALSE(open.error);
  CHECK_FALSE(open.file.instructions[1].json);
  // Closed and within encoding/json's depth limit: valid JSON with a non-string element.
  const ParseResult deep =
      parse("FROM a\nCMD " + std::string(5000, '[') + std::string(5000, ']') + "\n");
  REQUIRE(deep.error);
  CHECK(deep.error->message ==
        "when using JSON array syntax, arrays must be comprised of strings only");
  // Deeper than encoding/json allows (10000): a syntax error there, so shell form.
  const ParseResult too_deep =
      parse("FROM a\nCMD " + std::string(10001, '[') + std::string(10001, ']') + "\n");
  REQUIRE_FALSE(too_deep.error);
  CHECK_FALSE(too_deep.file.instructions[1].json);
  exercise(too_deep);
  // Deep ${ nesting in a heredoc-looking RUN line.
  std::string dollars = "FROM a\nRUN <<EOF ";
  for (int i = 0; i < 20000; ++i) dollars += "${a:-";
  const ParseResult lex = parse(dollars + "\nEOF\n");
  exercise(lex);
}

TEST_CASE("load_file: missing path, directory, good file") {
  CHECK(*load_file("/nonexistent/sagelint/Dockerfile").error == "no such file");
  CHECK(*load_file(fs::temp_directory_path().string()).error == "is a directory");
  const LoadResult ok = load_file(temp_file("Dockerfile", "FROM a\n").string());
  REQUIRE_FALSE(ok.error);
  CHECK(ok.text == "FROM a\n");
}
