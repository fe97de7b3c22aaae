#include "rules/rule_test_support.hpp"

namespace sagelint::rules {
const Rule& rule_SMP010();
}

using sagelint::rules::rule_SMP010;
using sagelint::rules::testing::LintSetup;
using sagelint::rules::testing::run_cases;

TEST_CASE("SMP010 flags COPY/ADD destinations at or under /opt/ml") {
  run_cases(
      rule_SMP010(),
      {
          {"COPY into /opt/ml/code/",
           "FROM python:3.12\nCOPY app.py /opt/ml/code/\n",
           {"2:13-2:26"}},
          // research section 3 row 20: path prefixes
          {"double slash", "FROM python:3.12\nADD x.tar /opt//ml/x\n", {"2:11-2:21"}},
          {"dot component", "FROM python:3.12\nCOPY a /opt/./ml\n", {"2:8-2:17"}},
          {"no trailing slash", "FROM python:3.12\nCOPY a /opt/ml\n", {"2:8-2:15"}},
          {"dot-dot", "FROM python:3.12\nCOPY a /opt/x/../ml/b\n", {"2:8-2:22"}},
          {"relative to WORKDIR", "FROM python:3.12\nWORKDIR /opt\nCOPY a ml/\n", {"3:8-3:11"}},
          {"relative WORKDIR chain",
           "FROM python:3.12\nWORKDIR /opt\nWORKDIR ml\nCOPY a .\n",
           {"4:8-4:9"}},
          {"ARG expansion", "FROM python:3.12\nARG BASE=/opt\nCOPY a ${BASE}/ml\n", {"3:8-3:18"}},
          {"global ARG", "ARG ML=/opt/ml\nFROM python:3.12\nARG ML\nCOPY a $ML/\n", {"4:8-4:12"}},
          {"ENV expansion", "FROM python:3.12\nENV D=/opt/ml/x\nCOPY a $D\n", {"3:8-3:10"}},
          {"heredoc source",
           "FROM python:3.12\nCOPY <<EOF /opt/ml/config.json\n{}\nEOF\n",
           {"2:12-2:31"}},
          {"COPY --from a builder into the shipped stage",
           "FROM python:3.12 AS builder\nRUN make\nFROM python:3.12\nCOPY --from=builder /out "
           "/opt/ml/model\n",
           {"4:26-4:39"}},
          {"inherited from the base stage",
           "FROM python:3.12 AS base\nCOPY a /opt/ml/\nFROM base\nRUN true\n",
           {"2:8-2:16"}},
          {"ENV inherited from the base stage",
           "FROM python:3.12 AS base\nENV ML=/opt/ml\nFROM base\nCOPY a $ML/\n",
           {"4:8-4:12"}},
          {"WORKDIR inherited from the base stage",
           "FROM python:3.12 AS base\nWORKDIR /opt/ml\nFROM base\nCOPY a b\n",
           {"4:8-4:9"}},
          {"JSON form", "FROM python:3.12\nCOPY [\"a b\", \"/opt/ml/\"]\n", {"2:14-2:24"}},
      });
}

TEST_CASE("SMP010 flags RUN commands that write files or links under /opt/ml") {
  run_cases(
      rule_SMP010(),
      {
          {"touch", "FROM python:3.12\nRUN touch /opt/ml/x\n", {"2:11-2:20"}},
          {"mkdir then cp",
           "FROM python:3.12\nRUN mkdir -p /opt/ml/code && cp run.py /opt/ml/code/\n",
           {"2:40-2:53"}},
          {"redirection", "FROM python:3.12\nRUN echo hi > /opt/ml/a.txt\n", {"2:15-2:28"}},
          {"append redirection", "FROM python:3.12\nRUN echo hi >>/opt/ml/a.txt\n", {"2:15-2:28"}},
          {"ln", "FROM python:3.12\nRUN ln -s /usr/bin/python3 /opt/ml/python\n", {"2:28-2:42"}},
          {"tar -C", "FROM python:3.12\nRUN tar -xzf m.tgz -C /opt/ml/model\n", {"2:23-2:36"}},
          {"curl -o",
           "FROM python:3.12\nRUN curl -fsSL -o /opt/ml/m.bin https://x/m.bin\n",
           {"2:19-2:32"}},
          {"wget -O",
           "FROM python:3.12\nRUN wget -q -O /opt/ml/m.bin https://x/m.bin\n",
           {"2:16-2:29"}},
          {"pip --target=",
           "FROM python:3.12\nRUN pip install --target=/opt/ml/lib x\n",
           {"2:26-2:37"}},
          {"tee", "FROM python:3.12\nRUN echo x | tee /opt/ml/x.txt\n", {"2:18-2:31"}},
          {"unzip -d", "FROM python:3.12\nRUN unzip -q m.zip -d /opt/ml/m\n", {"2:23-2:32"}},
          {"wget into the current directory",
           "FROM python:3.12\nWORKDIR /opt/ml/model\nRUN wget -q https://x/m.bin?x=1\n",
           {"3:13-3:32"}},
          {"curl -O into the current directory",
           "FROM python:3.12\nRUN cd /opt/ml && curl -fsSLO https://x/m.bin\n",
           {"2:31-2:46"}},
          {"cd then write", "FROM python:3.12\nRUN cd /opt/ml && touch x\n", {"2:25-2:26"}},
          {"continuation line",
           "FROM python:3.12\nRUN apt-get update && \\\n    git clone https://g/r.git "
           "/opt/ml/code\n",
           {"3:31-3:43"}},
          {"heredoc script", "FROM python:3.12\nRUN <<EOF\ntouch /opt/ml/x\nEOF\n", {"3:7-3:16"}},
          {"heredoc script with a bash shebang",
           "FROM python:3.12\nRUN <<EOF\n#!/usr/bin/env bash\ntouch /opt/ml/x\nEOF\n",
           {"4:7-4:16"}},
          {"relative to WORKDIR",
           "FROM python:3.12\nWORKDIR /opt/ml/code\nRUN touch x\n",
           {"3:11-3:12"}},
          {"ENV in the path",
           "FROM python:3.12\nENV ML=/opt/ml\nRUN cp a \"$ML/code/\"\n",
           {"3:10-3:21"}},
          {"RUN --mount flag",
           "FROM python:3.12\nRUN --mount=type=cache,target=/root/.cache touch /opt/ml/x\n",
           {"2:50-2:59"}},
      });
}

TEST_CASE("SMP010 leaves mentions, reads, empty directories and unshipped stages alone") {
  run_cases(
      rule_SMP010(),
      {
          {"ENV value", "FROM python:3.12\nENV OUT=/opt/ml/output\n", {}},
          {"argument of a reading program",
           "FROM python:3.12\nRUN python prep.py /opt/ml/processing/input\n",
           {}},
          {"empty mkdir",
           "FROM python:3.12\nRUN mkdir -p /opt/ml/processing/input /opt/ml/processing/output\n",
           {}},
          {"install -d", "FROM python:3.12\nRUN install -d -m 0755 /opt/ml/code\n", {}},
          {"/opt/mlflow is not /opt/ml",
           "FROM python:3.12\nCOPY a /opt/mlflow/\nRUN touch /opt/mlflow/x\n",
           {}},
          {"builder stage",
           "FROM python:3.12 AS b\nRUN touch /opt/ml/x\nFROM python:3.12\nCOPY --from=b /opt/ml/x "
           "/app/x\n",
           {}},
          {"redirect to /dev/null", "FROM python:3.12\nRUN ls /opt/ml > /dev/null 2>&1\n", {}},
          {"read from /opt/ml",
           "FROM python:3.12\nRUN cp /opt/ml/x /app/ && cat /opt/ml/y | tee /tmp/y\n",
           {}},
          {"curl to stdout",
           "FROM python:3.12\nWORKDIR /opt/ml\nRUN curl -fsSL https://x/get.sh | sh && wget -qO- "
           "https://x/y | tar -t\n",
           {}},
          {"home directory",
           "FROM python:3.12\nWORKDIR /opt/ml\nRUN touch ~/.netrc && cp a ~\n",
           {}},
          {"chmod", "FROM python:3.12\nRUN chmod -R 777 /opt/ml\n", {}},
          {"relative path, WORKDIR of an external base unknown",
           "FROM python:3.12\nCOPY a ml/\n",
           {}},
          {"WORKDIR alone is SMP011", "FROM python:3.12\nWORKDIR /opt/ml\n", {}},
          {"unknown ARG", "FROM python:3.12\nARG DEST\nCOPY a $DEST\n", {}},
          {"heredoc writing a shell script is data",
           "FROM python:3.12\nRUN cat <<EOF > /usr/local/bin/x.sh\n#!/bin/sh\ntouch "
           "/opt/ml/y\nEOF\n",
           {}},
          {"python heredoc",
           "FROM python:3.12\nRUN <<EOF\n#!/usr/bin/env python3\nopen('/opt/ml/x', 'w')\nEOF\n",
           {}},
          {"heredoc with data is not a script",
           "FROM python:3.12\nRUN cat <<EOF > /tmp/x\ntouch /opt/ml/y\nEOF\n",
           {}},
          {"cd elsewhere before writing",
           "FROM python:3.12\nWORKDIR /opt/ml\nRUN cd /app && touch x\n",
           {}},
      });
}

TEST_CASE("SMP010 honours the allow option") {
  LintSetup setup;
  setup.options["allow"] = {"/opt/ml/processing/input/code/**", "/opt/ml/model/*.bin"};
  run_cases(
      rule_SMP010(),
      {
          {"allowed dir", "FROM python:3.12\nCOPY a /opt/ml/processing/input/code/\n", {}},
          {"allowed file", "FROM python:3.12\nRUN touch /opt/ml/processing/input/code/x.py\n", {}},
          {"file landing in an allowed directory",
           "FROM python:3.12\nCOPY run.py /opt/ml/processing/input/code/\n",
           {}},
          {"allowed file pattern", "FROM python:3.12\nCOPY m.bin /opt/ml/model/\n", {}},
          {"file pattern does not cover other files",
           "FROM python:3.12\nCOPY m.txt /opt/ml/model/\n",
           {"2:12-2:26"}},
          {"outside the allowed tree", "FROM python:3.12\nCOPY a /opt/ml/code/\n", {"2:8-2:21"}},
      },
      setup);
}

TEST_CASE("SMP010 in an image: files and links under /opt/ml in the final filesystem") {
  using namespace sagelint::rules::testing;
  run_image_cases(
      rule_SMP010(),
      {
          {"files, links, not empty dirs",
           image_of(std::nullopt, std::nullopt,
                    {"/opt/ml/code/train.py", "/opt/ml/input/", "/opt/ml/processing/output/",
                     "/opt/ml/model -> /models", "/opt/mlflow/x", "/opt/program/run.py"}),
           {"/opt/ml/code/train.py", "/opt/ml/model"}},
          {"/opt/ml itself a link",
           image_of(std::nullopt, std::nullopt, {"/opt/ml -> /data"}),
           {"/opt/ml"}},
          {"only empty directories",
           image_of(std::nullopt, std::nullopt, {"/opt/ml/input/data/", "/opt/ml/output/"}),
           {}},
      });
  sagelint::rules::RuleOptions allow{{"allow", {"/opt/ml/code/**"}}};
  run_image_cases(
      rule_SMP010(),
      {{"allowed",
        image_of(std::nullopt, std::nullopt, {"/opt/ml/code/train.py", "/opt/ml/model/m.bin"}),
        {"/opt/ml/model/m.bin"}}},
      allow);
}

TEST_CASE("SMP010 image findings carry the layer and its created_by") {
  using namespace sagelint::rules::testing;
  auto findings =
      lint_image(rule_SMP010(), image_of(std::nullopt, std::nullopt, {"/opt/ml/code/a.py"}));
  REQUIRE(findings.size() == 1);
  CHECK(findings[0].layer == 1);
  CHECK(findings[0].created_by == "COPY . / # buildkit");
}

TEST_CASE("SMP010 through the parser pitfalls of heredocs, comments, CRLF and ARGs") {
  run_cases(rule_SMP010(),
            {
                // research section 3 row 8
                {"RUN <<EOT bash",
                 "FROM python:3.12\nRUN <<EOT bash\ntouch /opt/ml/x\nEOT\n",
                 {"3:7-3:16"}},
                {"COPY <<-\"EOF\"",
                 "FROM python:3.12\nCOPY <<-\"EOF\" /opt/ml/f\n\tdata\n\tEOF\n",
                 {"2:15-2:24"}},
                {"heredoc after && \\",
                 "FROM python:3.12\nRUN apt-get update && \\\n    cat <<X > /opt/ml/f\nhello\nX\n",
                 {"3:15-3:24"}},
                {"two heredocs on one line",
                 "FROM python:3.12\nRUN cat <<A > /opt/ml/a && cat <<B > /opt/ml/b\na\nA\nb\nB\n",
                 {"2:15-2:24", "2:38-2:47"}},
                {"CRLF line endings",
                 "FROM python:3.12\r\nCOPY a /opt/ml/\r\nRUN touch \\\r\n /opt/ml/b\r\n",
                 {"2:8-2:16", "4:2-4:11"}},
                // row 9: comment lines inside a continuation are removed before joining
                {"comment inside a continuation",
                 "FROM python:3.12\nRUN mkdir -p /x \\\n# comment\n && touch /opt/ml/y\n",
                 {"4:11-4:20"}},
                // row 14: variables in FROM and COPY --from
                {"ARG in FROM",
                 "ARG IMG=python:3.12\nFROM ${IMG} AS base\nCOPY a /opt/ml/\nFROM base\n",
                 {"3:8-3:16"}},
                {"COPY --from=$S",
                 "ARG S=builder\nFROM python:3.12 AS builder\nRUN make\nFROM python:3.12\nARG "
                 "S\nCOPY --from=$S /x /opt/ml/x\n",
                 {"6:19-6:28"}},
                // row 6: the escape directive
                {"backtick escape",
                 "# escape=`\nFROM python:3.12\nRUN touch `\n  /opt/ml/x\n",
                 {"4:3-4:12"}},
            });
  run_cases(rule_SMP010(),
            {
                // row 9: a trailing `# c \` comments out the rest of the joined line for the shell
                {"dead code after a trailing comment",
                 "FROM python:3.12\nRUN echo a # c \\\n && touch /opt/ml/b\n",
                 {}},
            });
}

TEST_CASE("SMP010 names where a copied file lands") {
  using sagelint::rules::testing::lint_text;
  auto one =
      lint_text(rule_SMP010(), "FROM python:3.12\nWORKDIR /opt/ml/code\nCOPY process.py .\n");
  REQUIRE(one.size() == 1);
  CHECK(one[0].message.find("/opt/ml/code/process.py") != std::string::npos);
  auto dir = lint_text(rule_SMP010(), "FROM python:3.12\nCOPY src /opt/ml/code\n");
  REQUIRE(dir.size() == 1);
  CHECK(dir[0].message.find("at /opt/ml/code:") != std::string::npos);
}

TEST_CASE("SMP010 says whether Processing mounts the path and why the data should move") {
  using namespace sagelint::rules::testing;
  struct Row {
    const char* dockerfile;
    const char* expected;
  };
  const std::vector<Row> rows = {
      {"FROM python:3.12\nCOPY p.py /opt/ml/processing/code/p.py\n",
       "COPY puts data at /opt/ml/processing/code/p.py: Processing mounts the job's input and "
       "output LocalPaths under /opt/ml/processing at run time, so it is hidden by an input "
       "mounted over it or uploaded as job output; install it outside /opt/ml"},
      {"FROM python:3.12\nRUN echo x > /opt/ml/config/extra.json\n",
       "RUN writes /opt/ml/config/extra.json: Processing mounts its own /opt/ml/config"},
      {"FROM python:3.12\nCOPY train.py /opt/ml/code/\n",
       "COPY puts data at /opt/ml/code/train.py: /opt/ml/code is a training/inference convention "
       "that Processing does not mount, so it stays visible, but SageMaker reserves all of "
       "/opt/ml and asks images not to keep data there; install it outside /opt/ml (for example "
       "under /opt/program)"},
      {"FROM python:3.12\nCOPY model.tar.gz /opt/ml/model/\n",
       "/opt/ml/model is a training/inference convention"},
  };
  for (const auto& row : rows) {
    CAPTURE(row.dockerfile);
    auto findings = lint_text(rule_SMP010(), row.dockerfile);
    REQUIRE(findings.size() == 1);
    CHECK(findings[0].message.find(row.expected) != std::string::npos);
  }
  auto image = image_of(std::nullopt, std::nullopt, {"/opt/ml/output/data/x"});
  auto in_image = lint_image(rule_SMP010(), image);
  REQUIRE(in_image.size() == 1);
  CHECK(in_image[0].message.find("file /opt/ml/output/data/x is under /opt/ml: Processing mounts "
                                 "a fresh, empty /opt/ml/output at run time, which hides it") !=
        std::string::npos);
}
