#pragma once
// For the tests: the argv that `sh` itself builds from shell text, by running it.
#include <doctest/doctest.h>
#include <stdlib.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

namespace sagelint::fix::testing {

// The argv `sh` builds from `text`: `set --` splits the words as for a command.
inline std::vector<std::string> argv_under_sh(const std::string& text) {
  char dir_template[] = "/tmp/sagelint-fix-sh-XXXXXX";
  REQUIRE(mkdtemp(dir_template) != nullptr);
  const std::filesystem::path dir = dir_template;
  std::ofstream(dir / "script.sh") << "set -- " << text << "\nprintf '%s\\0' \"$@\"\n";
  const std::string command = "sh " + (dir / "script.sh").string();
  FILE* pipe = popen(command.c_str(), "r");
  REQUIRE(pipe != nullptr);
  std::string out;
  char buf[4096];
  std::size_t n;
  while ((n = fread(buf, 1, sizeof buf, pipe)) > 0) out.append(buf, n);
  CHECK(pclose(pipe) == 0);
  std::filesystem::remove_all(dir);
  std::vector<std::string> argv;
  std::size_t b = 0;
  for (std::size_t e; (e = out.find('\0', b)) != std::string::npos; b = e + 1)
    argv.push_back(out.substr(b, e - b));
  return argv;
}

}  // namespace sagelint::fix::testing
