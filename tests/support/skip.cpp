#include "tests/support/skip.hpp"

#include <doctest/doctest.h>

#include <cstdio>
#include <cstdlib>
#include <set>

namespace sagelint::testing {

namespace {

// The suite of the case that runs now, recorded by a doctest listener: the only way
// doctest tells which case is running.
std::string g_current_suite;
bool g_skipped = false;

struct SuiteListener : doctest::IReporter {
  explicit SuiteListener(const doctest::ContextOptions&) {}
  void report_query(const doctest::QueryData&) override {}
  void test_run_start() override {}
  void test_run_end(const doctest::TestRunStats&) override {}
  void test_case_start(const doctest::TestCaseData& tc) override {
    g_current_suite = tc.m_test_suite ? tc.m_test_suite : "";
  }
  void test_case_reenter(const doctest::TestCaseData&) override {}
  void test_case_end(const doctest::CurrentTestCaseStats&) override {}
  void test_case_exception(const doctest::TestCaseException&) override {}
  void subcase_start(const doctest::SubcaseSignature&) override {}
  void subcase_end() override {}
  void log_assert(const doctest::AssertData&) override {}
  void log_message(const doctest::MessageData&) override {}
  void test_case_skipped(const doctest::TestCaseData&) override {}
};

REGISTER_LISTENER("sagelint-skip", 1, SuiteListener);

}  // namespace

bool skip_because(std::string_view need, std::string_view missing) {
  if (missing.empty()) return false;
  const std::string suite = "needs-" + std::string(need);
  if (g_current_suite != suite) {
    FAIL_CHECK("this case skips when " << need << " is missing (" << missing
                                       << "), so it must be in TEST_SUITE_BEGIN(\"" << suite
                                       << "\"), not in \"" << g_current_suite << "\"");
    return true;
  }
  static std::set<std::string, std::less<>> printed;
  if (printed.insert(std::string(missing)).second) {
    std::printf("skipped: %.*s\n", static_cast<int>(missing.size()), missing.data());
    std::fflush(stdout);
  }
  g_skipped = true;
  return true;
}

bool any_skipped() { return g_skipped; }

std::optional<std::filesystem::path> shared_dir() {
  namespace fs = std::filesystem;
  if (const char* env = std::getenv("SAGELINT_SHARED"); env && *env) {
    if (fs::is_directory(env)) return fs::path(env);
    return std::nullopt;
  }
  const fs::path p = fs::path(SAGELINT_SOURCE_DIR) / ".." / "shared";
  if (fs::is_directory(p)) return p;
  return std::nullopt;
}

std::string missing_shared(std::string_view sub) {
  const auto dir = shared_dir();
  if (dir && std::filesystem::exists(*dir / sub)) return "";
  return "../shared/" + std::string(sub) + " not found (set SAGELINT_SHARED)";
}

std::filesystem::path shared_path(std::string_view sub) {
  return shared_dir().value_or(std::filesystem::path()) / sub;
}

}  // namespace sagelint::testing
