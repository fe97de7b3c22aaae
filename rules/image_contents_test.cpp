#include <doctest/doctest.h>

#include "image/view.hpp"
#include "rules/rule.hpp"

using sagelint::rules::image_rules_want_content;

TEST_CASE("the image rules ask only for the start script and package databases") {
  sagelint::image::ImageConfig config;
  config.entrypoint = std::vector<std::string>{"tini", "--", "entrypoint.sh"};
  config.env = {"PATH=/opt/bin:/usr/bin"};
  CHECK(image_rules_want_content("/opt/bin/entrypoint.sh", config));
  CHECK(image_rules_want_content("/usr/bin/entrypoint.sh", config));
  CHECK(image_rules_want_content("/somewhere/entrypoint.sh", config));  // a symlink's target
  CHECK(image_rules_want_content("/var/lib/dpkg/status", config));
  CHECK(image_rules_want_content("/var/lib/dpkg/status.d/base", config));
  CHECK(image_rules_want_content("/lib/apk/db/installed", config));
  CHECK_FALSE(image_rules_want_content("/usr/bin/python3", config));
  CHECK_FALSE(image_rules_want_content("/opt/ml/code/train.py", config));

  sagelint::image::ImageConfig shell;
  shell.cmd = std::vector<std::string>{"bash", "-e", "run.sh"};
  shell.working_dir = "/app";
  CHECK(image_rules_want_content("/app/run.sh", shell));
  CHECK_FALSE(image_rules_want_content("/bin/bash", shell));
  shell.cmd = std::vector<std::string>{"bash", "-m", "start.sh"};
  CHECK(image_rules_want_content("/app/start.sh", shell));
  CHECK(image_rules_want_content("/usr/bin/start.sh", shell));

  sagelint::image::ImageConfig python;
  python.entrypoint = std::vector<std::string>{"python3", "/opt/program/process.py"};
  CHECK_FALSE(image_rules_want_content("/usr/bin/python3", python));
  CHECK_FALSE(image_rules_want_content("/usr/local/bin/python3", python));

  sagelint::image::ImageConfig binary;
  binary.entrypoint = std::vector<std::string>{"/usr/local/bin/serve"};
  CHECK(image_rules_want_content("/usr/local/bin/serve", binary));
  CHECK_FALSE(image_rules_want_content("/opt/serve", binary));

  sagelint::image::ImageConfig none;
  CHECK_FALSE(image_rules_want_content("/entrypoint.sh", none));
}
