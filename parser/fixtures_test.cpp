// The project's own parser conformance set, fixtures/parser/<case>/: each Dockerfile
// parses to its `result` (what `sagelint dump --format buildkit` prints, BuildKit's
// Node.Dump()) or fails with the message in `error`. The results were pinned once from
// this parser while it matched BuildKit byte for byte on ../shared (scripts/pin-parser-
// fixtures.sh), so a clone without ../shared still tests the parser's contract.
#include <doctest/doctest.h>

#include <filesystem>

#include "parser/dump.hpp"
#include "parser/parser.hpp"
#include "parser/shared_data_test_support.hpp"

namespace fs = std::filesystem;
using namespace sagelint::parser;
using sagelint::parser::testing::read_all;

TEST_CASE("fixtures/parser: every case parses to its pinned result or error") {
  const fs::path dir = fs::path(SAGELINT_SOURCE_DIR) / "fixtures" / "parser";
  REQUIRE(fs::is_directory(dir));
  int results = 0, errors = 0;
  for (const auto& entry : fs::directory_iterator(dir)) {
    if (!entry.is_directory()) continue;
    const std::string name = entry.path().filename().string();
    CAPTURE(name);
    const fs::path result = entry.path() / "result", error = entry.path() / "error";
    REQUIRE_MESSAGE(fs::is_regular_file(result) != fs::is_regular_file(error),
                    "a case has exactly one of `result` and `error`");
    const ParseResult r = parse(read_all(entry.path() / "Dockerfile"));
    if (fs::is_regular_file(result)) {
      ++results;
      REQUIRE_MESSAGE(!r.error, (r.error ? r.error->message : ""));
      CHECK(dump_buildkit(r.file) == read_all(result));
    } else {
      ++errors;
      REQUIRE(r.error);
      CHECK(r.error->message + "\n" == read_all(error));
    }
  }
  // The set is the parser's contract without ../shared: it must not quietly shrink.
  CHECK(results >= 60);
  CHECK(errors >= 1);
}
