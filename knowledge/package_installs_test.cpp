#include <doctest/doctest.h>

#include "knowledge/package_installs.hpp"
#include "knowledge/run_scripts.hpp"
#include "knowledge/shell_variables.hpp"
#include "parser/parser.hpp"

using namespace sagelint::knowledge;

namespace {

std::vector<std::string> packages_of(std::string_view line) {
  std::vector<std::string> out;
  for (const auto& command : split_shell_commands(line)) {
    for (const auto& p : installed_packages(command)) out.push_back(p.word.value);
  }
  return out;
}

}  // namespace

TEST_CASE("installed_packages: installs count, downloads do not") {
  using V = std::vector<std::string>;
  CHECK(packages_of("apt-get install -y a b") == V{"a", "b"});
  CHECK(packages_of("dnf -d 0 install -y a") == V{"a"});
  CHECK(packages_of("zypper -n in a") == V{"a"});
  for (const char* download :
       {"apt-get install --download-only a", "apt-get install -d a", "apt-get install -qyd a",
        "apt-get -o APT::Get::Download-Only=true install a", "apt-get download a", "apt download a",
        "yum install --downloadonly a", "dnf install -y --downloadonly a", "dnf download a",
        "yumdownloader a", "zypper install --download-only a", "zypper in -d a",
        "zypper install --download only a", "zypper --non-interactive download a", "apk fetch a"}) {
    CAPTURE(std::string(download));
    CHECK(packages_of(download).empty());
  }
}

TEST_CASE("scopes_before_commands: variables a RUN script assigns") {
  auto parsed = sagelint::parser::parse(
      "FROM x\nRUN A=1; export B=\"$A two\" && C=$(uname) D=3; readonly E=x; F=9 env; echo\n");
  REQUIRE(!parsed.error);
  const auto& run = parsed.file.instructions.at(1);
  auto scripts = run_scripts(run);
  REQUIRE(scripts.size() == 1);
  auto scopes = scopes_before_commands(scripts[0], sagelint::parser::VarScope{});
  REQUIRE(scopes.size() == scripts[0].commands.size());
  const auto& last = scopes.back();
  REQUIRE(last.find("A") != nullptr);
  CHECK(**last.find("A") == "1");
  REQUIRE(last.find("B") != nullptr);
  CHECK(**last.find("B") == "1 two");
  REQUIRE(last.find("C") != nullptr);
  CHECK_FALSE(last.find("C")->has_value());  // computed by the shell
  CHECK(**last.find("D") == "3");
  CHECK(**last.find("E") == "x");
  CHECK(last.find("F") == nullptr);  // a prefix assignment reaches only `env`
  CHECK(scopes.front().find("A") == nullptr);
}
