#include <doctest/doctest.h>

#include "image/view.hpp"
#include "rules/image_needs.hpp"

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

  sagelint::image::ImageConfig none;
  CHECK_FALSE(image_rules_want_content("/entrypoint.sh", none));
}
