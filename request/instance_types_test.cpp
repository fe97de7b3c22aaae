#include <doctest/doctest.h>

#include <fstream>
#include <string>
#include <vector>

#include "request/instance_types.hpp"
#include "tests/support/skip.hpp"

TEST_SUITE_BEGIN("needs-shared");

TEST_CASE("the instance type table is the research list") {
  constexpr const char* kList = "research/processing-instance-types.txt";
  SKIP_IF_MISSING("shared", sagelint::testing::missing_shared(kList));
  std::ifstream in(sagelint::testing::shared_path(kList));
  REQUIRE(in);
  std::vector<std::string> listed;
  for (std::string line; std::getline(in, line);) {
    if (line.empty() || line[0] == '#') continue;
    listed.push_back(line);
  }
  const auto& table = sagelint::request::processing_instance_types();
  REQUIRE(listed.size() == table.size());
  for (std::size_t i = 0; i < listed.size(); ++i) CHECK(listed[i] == table[i]);
}

TEST_SUITE_END();

TEST_CASE("instance type lookup and family hints") {
  using namespace sagelint::request;
  CHECK(processing_instance_types().size() == 133);
  CHECK(is_processing_instance_type("ml.m5.xlarge"));
  CHECK(is_processing_instance_type("ml.t3.medium"));
  CHECK(!is_processing_instance_type("local"));
  CHECK(!is_processing_instance_type("ml.m5.xlarge "));
  CHECK(!is_processing_instance_type("ML.M5.XLARGE"));
  auto g5 = instance_types_of_family("ml.g5.huge");
  CHECK(!g5.empty());
  for (auto t : g5) CHECK(t.substr(0, 6) == "ml.g5.");
  CHECK(instance_types_of_family("ml.g5").size() == g5.size());
  CHECK(instance_types_of_family("ml.zz9.xlarge").empty());
  CHECK(instance_types_of_family("local").empty());
}
