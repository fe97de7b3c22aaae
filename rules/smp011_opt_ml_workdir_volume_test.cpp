#include "rules/rule_test_support.hpp"

namespace sagelint::rules {
const Rule& rule_SMP011();
}

using sagelint::rules::rule_SMP011;
using sagelint::rules::testing::run_cases;

TEST_CASE("SMP011 flags WORKDIR and VOLUME at or under /opt/ml") {
  run_cases(
      rule_SMP011(),
      {
          // research section 3 row 20
          {"WORKDIR /opt/ml", "FROM python:3.12\nWORKDIR /opt/ml\n", {"2:9-2:16"}},
          {"trailing slash", "FROM python:3.12\nWORKDIR /opt/ml/\n", {"2:9-2:17"}},
          {"double slash", "FROM python:3.12\nWORKDIR /opt//ml/x\n", {"2:9-2:19"}},
          {"dot", "FROM python:3.12\nWORKDIR /opt/./ml\n", {"2:9-2:18"}},
          {"relative WORKDIR", "FROM python:3.12\nWORKDIR /opt\nWORKDIR ml\n", {"3:9-3:11"}},
          {"expanded", "FROM python:3.12\nARG BASE=/opt\nWORKDIR ${BASE}/ml\n", {"3:9-3:19"}},
          {"VOLUME words", "FROM python:3.12\nVOLUME /data /opt/ml/processing\n", {"2:14-2:32"}},
          {"VOLUME JSON", "FROM python:3.12\nVOLUME [\"/opt/ml/output\"]\n", {"2:9-2:25"}},
          {"inherited",
           "FROM python:3.12 AS base\nWORKDIR /opt/ml/code\nFROM base\n",
           {"2:9-2:21"}},
      });
}

TEST_CASE("SMP011 leaves other directories alone") {
  run_cases(rule_SMP011(),
            {
                {"/opt/mlflow", "FROM python:3.12\nWORKDIR /opt/mlflow\n", {}},
                {"/opt", "FROM python:3.12\nWORKDIR /opt\n", {}},
                {"builder stage",
                 "FROM python:3.12 AS b\nWORKDIR /opt/ml\nFROM python:3.12\nWORKDIR /app\n",
                 {}},
                {"unknown ARG", "FROM python:3.12\nARG D\nWORKDIR $D\n", {}},
                {"relative with unknown base WORKDIR", "FROM python:3.12\nWORKDIR ml\n", {}},
            });
}

TEST_CASE("SMP011 in an image: WorkingDir and Volumes") {
  using namespace sagelint::rules::testing;
  auto workdir = image_of(std::nullopt, std::nullopt);
  workdir.config.working_dir = "/opt/ml/code";
  auto volume = image_of(std::nullopt, std::nullopt);
  volume.config.volumes = {"/data", "/opt/ml/processing/output"};
  auto fine = image_of(std::nullopt, std::nullopt);
  fine.config.working_dir = "/opt/mlflow";
  fine.config.volumes = {"/opt/mlx"};
  run_image_cases(rule_SMP011(), {
                                     {"WorkingDir", workdir, {"config"}},
                                     {"Volumes", volume, {"config"}},
                                     {"neighbours", fine, {}},
                                 });
}

TEST_CASE("SMP011 says which part of /opt/ml the directory is in") {
  using namespace sagelint::rules::testing;
  struct Row {
    const char* dockerfile;
    const char* expected;
  };
  const std::vector<Row> rows = {
      {"FROM python:3.12\nWORKDIR /opt/ml/processing\n",
       "WORKDIR /opt/ml/processing is inside /opt/ml: Processing mounts the job's input and output "
       "LocalPaths under /opt/ml/processing at run time"},
      {"FROM python:3.12\nWORKDIR /opt/ml/code\n",
       "WORKDIR /opt/ml/code is inside /opt/ml: /opt/ml/code is a training/inference convention "
       "that Processing does not mount, so it holds only what the image put there"},
      {"FROM python:3.12\nVOLUME /opt/ml/output\n",
       "VOLUME /opt/ml/output is inside /opt/ml: Docker creates an anonymous volume there, which "
       "competes with the directory Processing mounts at /opt/ml/output; drop the VOLUME"},
  };
  for (const auto& row : rows) {
    CAPTURE(row.dockerfile);
    auto findings = lint_text(rule_SMP011(), row.dockerfile);
    REQUIRE(findings.size() == 1);
    CHECK(findings[0].message.find(row.expected) != std::string::npos);
  }
  auto image = image_of(std::nullopt, std::nullopt);
  image.config.working_dir = "/opt/ml/model";
  auto in_image = lint_image(rule_SMP011(), image);
  REQUIRE(in_image.size() == 1);
  CHECK(in_image[0].message.find("/opt/ml/model is a training/inference convention") !=
        std::string::npos);
}
