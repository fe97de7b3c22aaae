#pragma once
// Skipping, not passing, a test whose requirement the machine lacks (../shared, runc, a
// dockerd, ...). Such test cases sit in a doctest suite named "needs-<what>":
//
//   TEST_SUITE_BEGIN("needs-shared");
//   TEST_CASE("...") {
//     SKIP_IF_MISSING("shared", sagelint::testing::missing_shared("corpus"));
//     ...
//   }
//   TEST_SUITE_END();
//
// CMake (cmake/SagelintTests.cmake) runs every needs-<what> suite of a test binary as a
// CTest test of its own, NAME.needs-<what>; its other cases run as NAME. When a case
// skips, the binary prints "skipped: <reason>" once and exits with kSkipExitCode, which
// CTest reports as skipped (SKIP_RETURN_CODE). A case that skips outside its needs suite
// fails instead, so a missing suite cannot hide a test among passed ones.
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

namespace sagelint::testing {

inline constexpr int kSkipExitCode = 77;

// True when `missing` (why `need` is not met; empty when it is) says the running case
// must be skipped: the caller returns at once (SKIP_IF_MISSING does).
bool skip_because(std::string_view need, std::string_view missing);

// True once a case has skipped; the test binary's main turns it into kSkipExitCode.
bool any_skipped();

// ../shared beside the checkout, or $SAGELINT_SHARED when set; nullopt when absent.
std::optional<std::filesystem::path> shared_dir();
// "" when ../shared/<sub> exists, else the one-line reason a test skips.
std::string missing_shared(std::string_view sub);
// ../shared/<sub>; only meaningful after missing_shared(sub) was "".
std::filesystem::path shared_path(std::string_view sub);

}  // namespace sagelint::testing

#define SKIP_IF_MISSING(need, missing) \
  if (::sagelint::testing::skip_because((need), (missing))) return
