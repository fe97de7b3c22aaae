// ARG/ENV expansion with BuildKit's word rules; "unknown" stays distinct from "empty".
#include <doctest/doctest.h>

#include "parser/expand.hpp"

using namespace sagelint::parser;

namespace {

VarScope sample_scope() {
  VarScope s;
  s.set("A", "x");
  s.set("EMPTY", "");
  s.set("V", "a/b/c");
  s.set("TWO", "1 2");
  s.set_unknown("U");
  return s;
}

}  // namespace

TEST_CASE("expand_word: values, empty, undefined and unknown variables") {
  const VarScope s = sample_scope();
  struct Case {
    const char* word;
    const char* value;
    bool unknown;
  };
  const Case cases[] = {
      {"$A", "x", false},
      {"${A}-y", "x-y", false},
      {"$EMPTY", "", false},
      {"$NOPE", "", false},
      {"$U", "$U", true},
      {"pre${U}post", "pre${U}post", true},
      {"${U:-d}", "${U:-d}", true},
      {"${NOPE:-def}", "def", false},
      {"${EMPTY:-def}", "def", false},
      {"${EMPTY-def}", "", false},
      {"${NOPE-def}", "def", false},
      {"${A:+yes}", "yes", false},
      {"${EMPTY:+yes}", "", false},
      {"${EMPTY+yes}", "yes", false},
      {"${V#*/}", "b/c", false},
      {"${V##*/}", "c", false},
      {"${V%/*}", "a/b", false},
      {"${V%%/*}", "a", false},
      {"${V/b/X}", "a/X/c", false},
      {"${V//\\//_}", "a_b_c", false},
      {"'$A'", "$A", false},
      {"\"$A b\"", "x b", false},
      {"\\$A", "$A", false},
      {"$", "$", false},
      {"${A:?}", "x", false},
  };
  for (const Case& c : cases) {
    CAPTURE(c.word);
    const Expanded e = expand_word(c.word, s);
    CHECK_FALSE(e.error);
    CHECK(e.value == c.value);
    CHECK(e.unknown == c.unknown);
  }
}

TEST_CASE("expand_word: errors") {
  const VarScope s = sample_scope();
  const Expanded unset = expand_word("${NOPE:?must be set}", s);
  REQUIRE(unset.error);
  CHECK(unset.error->find("NOPE: must be set") != std::string::npos);
  const Expanded empty = expand_word("${EMPTY:?}", s);
  REQUIRE(empty.error);
  CHECK(empty.error->find("EMPTY: is not allowed to be empty") != std::string::npos);
  // Go reads EOF as U+FFFD here, so BuildKit says "unsupported modifier (\uFFFD)".
  CHECK(expand_word("${A", s).error->find("unsupported modifier (\xEF\xBF\xBD)") !=
        std::string::npos);
  CHECK(expand_word("${A:-x", s).error->find("missing '}'") != std::string::npos);
  CHECK(expand_word("${}", s).error->find("bad substitution") != std::string::npos);
  CHECK(expand_word("'open", s).error.has_value());
  // Hostile nesting is an error, not a stack overflow.
  std::string deep;
  for (int i = 0; i < 20000; ++i) deep += "${A:-";
  CHECK(expand_word(deep, s).error.has_value());
}

TEST_CASE("expand_word: backtick escape") {
  const VarScope s = sample_scope();
  CHECK(expand_word("`$A", s, '`').value == "$A");
  CHECK(expand_word("c:\\dir", s, '`').value == "c:\\dir");
}

TEST_CASE("expand_words: split after expansion, quotes keep words together") {
  const VarScope s = sample_scope();
  const auto words = expand_words("a \"b c\" $A $TWO", s);
  std::vector<std::string> values;
  for (const auto& w : words) values.push_back(w.value);
  CHECK(values == std::vector<std::string>{"a", "b c", "x", "1", "2"});
  CHECK(expand_words("  ", s).empty());
  const auto unknown = expand_words("run $U \"a${U}b\" $A", s);
  REQUIRE(unknown.size() == 4);
  CHECK_FALSE(unknown[0].unknown);
  CHECK(unknown[1].value == "$U");
  CHECK(unknown[1].unknown);
  CHECK(unknown[2].value == "a${U}b");
  CHECK(unknown[2].unknown);
  CHECK_FALSE(unknown[3].unknown);
}

TEST_CASE(
    "expand_word: a word with nothing to expand comes back as written, bytes as the lexer reads "
    "them") {
  const VarScope s = sample_scope();
  // Plain ASCII words: as they are (the shortcut that skips the lexer).
  for (const char* word : {"/usr/local/bin", "python3", "a=b,c:d", "", "x y"}) {
    const Expanded e = expand_word(word, s);
    CHECK(e.value == word);
    CHECK_FALSE(e.unknown);
    CHECK_FALSE(e.error);
  }
  // Quotes, escapes and the other escape token still go through the lexer.
  CHECK(expand_word("'a b'", s).value == "a b");
  CHECK(expand_word("a\\ b", s).value == "a b");
  CHECK(expand_word("a`b", s, '`').value == "ab");
  // Valid UTF-8 is kept; an invalid byte becomes U+FFFD, as the lexer's rune reading does.
  CHECK(expand_word("caf\xC3\xA9", s).value == "caf\xC3\xA9");
  CHECK(expand_word("a\xFF", s).value == "a\xEF\xBF\xBD");
}
