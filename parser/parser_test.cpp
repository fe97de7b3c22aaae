// Unit tests of parse(): positions of every kind of token, directives, JSON-vs-shell
// explanations, heredocs and errors, on small inputs written here.
#include <doctest/doctest.h>

#include "parser/dump.hpp"
#include "parser/parser.hpp"

using namespace sagelint::parser;

namespace {

Dockerfile parse_ok(std::string_view text) {
  ParseResult r = parse(text);
  REQUIRE_MESSAGE(!r.error, (r.error ? r.error->message : ""));
  return std::move(r.file);
}

std::string where(const Span& s) {
  return std::to_string(s.begin.line) + ":" + std::to_string(s.begin.column) + "-" +
         std::to_string(s.end.line) + ":" + std::to_string(s.end.column);
}

Span find_in_rest(const Instruction& inst, std::string_view needle) {
  const std::size_t at = inst.rest.find(needle);
  REQUIRE(at != std::string::npos);
  return inst.span_in_rest(at, needle.size());
}

}  // namespace

TEST_CASE("positions: a word on a continuation line points at its own line") {
  const Dockerfile f =
      parse_ok("FROM a\nRUN apt-get update \\\n    && ls /opt/ml \\\n    && true\n");
  const Instruction& run = f.instructions[1];
  CHECK(run.rest == "apt-get update     && ls /opt/ml     && true");
  CHECK(where(find_in_rest(run, "/opt/ml")) == "3:11-3:18");
  CHECK(where(find_in_rest(run, "true")) == "4:8-4:12");
  CHECK(where(run.span) == "2:1-4:12");
  CHECK(where(run.args[0].span) == "2:5-4:12");
}

TEST_CASE("positions: heredoc marker and body lines") {
  const Dockerfile f = parse_ok("FROM a\nRUN <<EOF bash\necho hi\n  ls /opt/ml\nEOF\nUSER x\n");
  const Instruction& run = f.instructions[1];
  REQUIRE(run.heredocs.size() == 1);
  const Heredoc& h = run.heredocs[0];
  CHECK(h.name == "EOF");
  CHECK(h.content == "echo hi\n  ls /opt/ml\n");
  CHECK(where(h.marker) == "2:5-2:10");
  CHECK(h.body_first_line == 3);
  CHECK(h.terminator_line == 5);
  CHECK(run.span.end.line == 5);
  CHECK(f.instructions[2].span.begin.line == 6);
}

TEST_CASE("positions: CRLF line endings are not part of any token") {
  const Dockerfile f = parse_ok("FROM a\r\nRUN echo x \\\r\n  y\r\nUSER me\r\n");
  CHECK(dump_buildkit(f) == "(from \"a\")\n(run \"echo x   y\")\n(user \"me\")\n");
  CHECK(where(f.instructions[1].args[0].span) == "2:5-3:4");
  CHECK(where(f.instructions[2].args[0].span) == "4:6-4:8");
  CHECK(f.instructions[2].span.end.column == 8);
}

TEST_CASE("positions: a UTF-8 BOM does not shift columns of line 1") {
  const Dockerfile f = parse_ok(
      "\xEF\xBB\xBF"
      "FROM alpine\nUSER me\n");
  CHECK(where(f.instructions[0].keyword_span) == "1:1-1:5");
  CHECK(where(f.instructions[0].args[0].span) == "1:6-1:12");
  CHECK(f.instructions[0].original == "FROM alpine");
}

TEST_CASE("positions: backtick escape directive") {
  const Dockerfile f = parse_ok("# escape=`\nFROM a\nRUN dir c:\\ `\n  /b\nENV P c:\\go\n");
  CHECK(f.escape_token == '`');
  REQUIRE(f.directives.size() == 1);
  CHECK(f.directives[0].name == "escape");
  CHECK(f.directives[0].line == 1);
  CHECK(dump_buildkit(f) ==
        "(from \"a\")\n(run \"dir c:\\\\   /b\")\n(env \"P\" \"c:\\\\go\" \"\")\n");
  CHECK(where(find_in_rest(f.instructions[1], "/b")) == "4:3-4:5");
}

TEST_CASE("positions: flags, JSON elements and ENV pairs") {
  const Dockerfile f = parse_ok(
      "FROM a\nCOPY --from=build --chmod=755 a /b\nCMD [\"x\", \"y z\"]\nENV A=1 B=\"two "
      "words\"\n");
  const Instruction& copy = f.instructions[1];
  REQUIRE(copy.flags.size() == 2);
  CHECK(copy.flags[0].name == "from");
  CHECK(copy.flags[0].value == "build");
  CHECK(where(copy.flags[0].span) == "2:6-2:18");
  CHECK(where(copy.flags[1].span) == "2:19-2:30");
  CHECK(where(copy.args[1].span) == "2:33-2:35");
  const Instruction& cmd = f.instructions[2];
  CHECK(cmd.json);
  CHECK(where(cmd.args[1].span) == "3:11-3:16");
  const Instruction& env = f.instructions[3];
  REQUIRE(env.args.size() == 6);
  CHECK(env.args[4].value == "\"two words\"");
  CHECK(where(env.args[3].span) == "4:9-4:10");
  CHECK(where(env.args[4].span) == "4:11-4:22");
}

TEST_CASE("exec form: why text that looks like JSON is shell form") {
  struct Case {
    const char* line;
    const char* reason;
  };
  const Case cases[] = {
      {"ENTRYPOINT ['python3', 'p.py']", "single quotes are not valid JSON; use double quotes"},
      {"ENTRYPOINT [\"python3\", \"p.py\",]", "trailing comma"},
      {"CMD [\"echo\", $PORT]", "unquoted $VAR"},
      {"CMD [echo]", "bare word"},
      {"CMD [\"a\", \"b\"", "unterminated array"},
      {"CMD [\"a", "unterminated string"},
      {"CMD [ -f /x ] && run", "bare word"},
      {"CMD [\"a\" \"b\"]", "missing comma between elements"},
      {"CMD [\"a\", {\"k\" 1}]", "missing ':' in object"},
  };
  for (const Case& c : cases) {
    CAPTURE(c.line);
    const Dockerfile f = parse_ok(std::string("FROM a\n") + c.line + "\n");
    const Instruction& inst = f.instructions[1];
    CHECK_FALSE(inst.json);
    REQUIRE(inst.json_error);
    CHECK(*inst.json_error == c.reason);
    REQUIRE(inst.json_text_span);
    CHECK(inst.json_text_span->begin.line == 2);
    REQUIRE(inst.args.size() == 1);
  }
  const Dockerfile ok = parse_ok("FROM a\nENTRYPOINT []\nCMD [\"a\"] trailing\n");
  CHECK(ok.instructions[1].json);
  CHECK(ok.instructions[1].args.empty());
  CHECK_FALSE(ok.instructions[1].json_error);
  // encoding/json's Decoder stops after the first value: the rest is ignored.
  CHECK(ok.instructions[2].json);
  CHECK(dump_buildkit(ok) == "(from \"a\")\n(entrypoint)\n(cmd \"a\")\n");

  const ParseResult bad = parse("FROM a\nCMD [\"sleep\", 10]\n");
  REQUIRE(bad.error);
  CHECK(bad.error->message ==
        "when using JSON array syntax, arrays must be comprised of strings only");
  CHECK(bad.error->span.begin.line == 2);
  CHECK(parse("FROM a\nCMD [\"a\", null]\n").error.has_value());
}

TEST_CASE("directives: leading block only, case-insensitive keys, one of each") {
  const Dockerfile f =
      parse_ok("#Syntax = docker/dockerfile:1\n# CHECK=skip=all\n# escape=`\nFROM a\n");
  REQUIRE(f.directives.size() == 3);
  CHECK(f.directives[0].name == "syntax");
  CHECK(f.directives[0].value == "docker/dockerfile:1");
  CHECK(f.directives[1].name == "check");
  CHECK(f.escape_token == '`');
  CHECK(f.instructions[0].prev_comment.empty());

  const Dockerfile late = parse_ok("# a comment\n# escape=`\nFROM a\n");
  CHECK(late.escape_token == '\\');
  CHECK(late.directives.empty());
  CHECK(late.instructions[0].prev_comment == std::vector<std::string>{"a comment", "escape=`"});

  const ParseResult twice = parse("# escape=`\n# escape=\\\nFROM a\n");
  REQUIRE(twice.error);
  CHECK(twice.error->message == "only one escape parser directive can be used");
  const ParseResult bad = parse("# escape=x\nFROM a\n");
  REQUIRE(bad.error);
  CHECK(bad.error->message == "invalid escape token 'x' does not match ` or \\");
}

TEST_CASE("continuations: comments dropped, empty lines warned, escape at end of file") {
  const Dockerfile f = parse_ok("FROM a\nRUN a \\\n# note\n  b \\\n\n  c\nRUN d \\");
  CHECK(dump_buildkit(f) == "(from \"a\")\n(run \"a   b   c\")\n(run \"d\")\n");
  REQUIRE(f.warnings.size() == 1);
  CHECK(f.warnings[0].message == "Empty continuation line found in: RUN a   b   c");
  CHECK(f.warnings[0].short_name == "NoEmptyContinuation");
  bool inside = false;
  for (const Comment& c : f.comments) inside = inside || (c.inside_continuation && c.line == 3);
  CHECK(inside);
}

TEST_CASE("continuations: a keyword split across lines, a line of only an escape") {
  const Dockerfile f = parse_ok("FRO\\\nM alpine\n\\\nRUN x\n");
  CHECK(dump_buildkit(f) == "(from \"alpine\")\n(run \"x\")\n");
  CHECK(where(f.instructions[0].keyword_span) == "1:1-2:2");
  CHECK(f.instructions[1].span.begin.line == 3);  // BuildKit's StartLine
  CHECK(where(f.instructions[1].keyword_span) == "4:1-4:4");
}

TEST_CASE("heredocs: quoted, chomped, several per line, fd, CRLF, under ONBUILD") {
  const Dockerfile f = parse_ok(
      "FROM a\nCOPY <<-\"A\" 3<<B /d\n\tone\n\tA\ntwo\r\nB\nONBUILD RUN <<EOF\nx\nEOF\nRUN "
      "[\"<<EOF\"]\n");
  const Instruction& copy = f.instructions[1];
  REQUIRE(copy.heredocs.size() == 2);
  CHECK(copy.heredocs[0].name == "A");
  CHECK_FALSE(copy.heredocs[0].expand);
  CHECK(copy.heredocs[0].chomp);
  CHECK(copy.heredocs[0].content == "\tone\n");
  CHECK(copy.heredocs[1].file_descriptor == 3);
  CHECK(copy.heredocs[1].content == "two\r\n");
  const Instruction& onbuild = f.instructions[2];
  REQUIRE(onbuild.onbuild);
  CHECK(onbuild.onbuild->keyword == "run");
  REQUIRE(onbuild.heredocs.size() == 1);
  CHECK(onbuild.heredocs[0].content == "x\n");
  CHECK(f.instructions[3].heredocs.empty());
  CHECK(dump_buildkit(f) ==
        "(from \"a\")\n(copy \"<<-\\\"A\\\"\" \"3<<B\" \"/d\")\n(onbuild (run \"<<EOF\"))\n(run "
        "\"<<EOF\")\n");

  const ParseResult open = parse("FROM a\nRUN <<EOF\necho\n");
  REQUIRE(open.error);
  CHECK(open.error->message == "unterminated heredoc");
}

TEST_CASE("instructions: unknown kept, ONBUILD nested, HEALTHCHECK, ARG raw words") {
  const Dockerfile f = parse_ok(
      "FROM a\nFOO --x bar\nONBUILD ONBUILD RUN x\nHEALTHCHECK --interval=5s CMD [\"curl\", "
      "\"-f\"]\n"
      "HEALTHCHECK NONE\nARG abc=\"123 456\" def\nLABEL a b c\nEXPOSE 80/tcp  443\n");
  CHECK(dump_buildkit(f) ==
        "(from \"a\")\n(foo [\"--x\"] \"\")\n(onbuild (onbuild (run \"x\")))\n"
        "(healthcheck [\"--interval=5s\"] \"CMD\" \"curl\" \"-f\")\n(healthcheck \"NONE\")\n"
        "(arg \"abc=\\\"123 456\\\"\" \"def\")\n(label \"a\" \"b c\" \"\")\n(expose \"80/tcp\" "
        "\"443\")\n");
  CHECK(f.instructions[3].json);
  CHECK(f.instructions[1].keyword == "foo");

  // A deep copy keeps the ONBUILD child.
  Instruction copy = f.instructions[2];
  REQUIRE(copy.onbuild);
  REQUIRE(copy.onbuild->onbuild);
  CHECK(copy.onbuild->onbuild->keyword == "run");
  CHECK(copy.onbuild.get() != f.instructions[2].onbuild.get());
  Instruction assigned;
  assigned = copy;
  CHECK(assigned.onbuild->onbuild->original == "RUN x");
}

TEST_CASE("errors: no instructions, ENV without value, ENV pair without =") {
  CHECK(parse("").error->message == "file with no instructions");
  CHECK(parse("\n\n# c\n   \n").error->message == "file with no instructions");
  const ParseResult env = parse("FROM a\nENV PATH\n");
  REQUIRE(env.error);
  CHECK(env.error->message == "ENV must have two arguments");
  CHECK(env.error->span.begin.line == 2);
  const ParseResult label = parse("FROM a\nLABEL a=b c\n");
  REQUIRE(label.error);
  CHECK(label.error->message ==
        "Syntax error - can't find = in \"c\". Must be of the form: name=value");
}

TEST_CASE("dump_json describes the file with positions") {
  const Dockerfile f = parse_ok("# syntax=x\nFROM a AS b\nRUN <<EOF\nhi\nEOF\n");
  const nlohmann::json j = dump_json(f);
  CHECK(j.at("escape_token") == "\\");
  CHECK(j.at("directives")[0].at("name") == "syntax");
  const auto& from = j.at("instructions")[0];
  CHECK(from.at("keyword") == "from");
  CHECK(from.at("args")[2].at("value") == "b");
  CHECK(from.at("args")[2].at("span").at("begin").at("column") == 11);
  CHECK(j.at("instructions")[1].at("heredocs")[0].at("content") == "hi\n");
  CHECK(j.at("line_count") == 5);
}
