// The hand-written matchers agree with the Appendix A regexes (std::regex_match,
// ECMAScript) on hand-picked and generated strings.
#include <doctest/doctest.h>

#include <random>
#include <regex>
#include <string>
#include <vector>

#include "request/patterns.hpp"
#include "request/text.hpp"

namespace {

using namespace sagelint::request;

bool job_name(std::string_view s) { return matches_entity_name(s, 62); }
bool experiment_name(std::string_view s) { return matches_entity_name(s, 119); }

struct Pattern {
  const char* name;
  const char* regex;  // Appendix A, anchored by regex_match
  bool (*matcher)(std::string_view);
  const char* alphabet;  // characters the generated strings are made of
  std::vector<std::string> samples;
};

std::vector<Pattern> patterns() {
  return {
      {"ProcessingJobName",
       "[a-zA-Z0-9](-*[a-zA-Z0-9]){0,62}",
       job_name,
       "aZ9-_.",
       {"a", "a-b", "a--b", "-a", "a-", "", "a_b", std::string(63, 'a'), std::string(64, 'a'),
        std::string(62, 'a') + "-" + "b"}},
      {"ExperimentEntityName",
       "[a-zA-Z0-9](-*[a-zA-Z0-9]){0,119}",
       experiment_name,
       "a-",
       {std::string(120, 'x'), std::string(121, 'x')}},
      {"EnvKey",
       "[a-zA-Z_][a-zA-Z0-9_]*",
       matches_env_key,
       "aZ_9-",
       {"", "_", "9A", "A9", "PATH", "MY-VAR"}},
      {"S3Uri",
       "(https|s3)://([^/]+)/?(.*)",
       matches_s3_uri,
       "s3:/htpb\n",
       {"s3://b", "s3://b/", "s3://b/k/k", "s3:///k", "https://b/k", "http://b/k", "s3://b/k\nx",
        "s3://b\nc/k", "S3://b", "s3://", "s3://b//"}},
      {"RoleArn",
       R"(arn:aws[a-z\-]*:iam::\d{12}:role/?[a-zA-Z_0-9+=,.@\-_/]+)",
       matches_role_arn,
       "r/a_:.",
       {"arn:aws:iam::123456789012:role/R", "arn:aws-us-gov:iam::123456789012:role/a/b",
        "arn:aws:iam::123456789012:role/", "arn:aws:iam::123456789012:role",
        "arn:aws:iam::123456789012:roleX", "arn:aws:iam::1234567890123:role/R",
        "arn:aws:iam::123456789012:role/R R", "arn:awsX:iam::123456789012:role/R"}},
      {"KmsKeyId",
       "[a-zA-Z0-9:/_-]*",
       matches_kms_key_id,
       "a:/_- .",
       {"", "alias/x", "arn:aws:kms:us-east-1:1:key/abc", "a b"}},
      {"SecurityGroupId", "[-0-9a-zA-Z]+", matches_vpc_id, "sg-0_", {"", "sg-1", "sg_1"}},
      {"FeatureGroupName",
       "[a-zA-Z0-9]([_-]*[a-zA-Z0-9]){0,63}",
       matches_feature_group_name,
       "a_-9.",
       {"a", "a_b", "a__-b", "_a", "a_", std::string(64, 'a'), std::string(65, 'a')}},
      {"AthenaWorkGroup",
       "[a-zA-Z0-9._-]+",
       matches_athena_work_group,
       "a._- ",
       {"", "primary", "a b"}},
      {"single line (.*)", ".*", is_single_line, "a\n\r ", {"", "abc", "a\nb", "a\rb"}},
  };
}

}  // namespace

TEST_CASE("hand-written matchers agree with the Appendix A regexes") {
  std::mt19937 rng(20240501);
  for (const auto& p : patterns()) {
    CAPTURE(std::string(p.name));
    std::regex re(p.regex, std::regex::ECMAScript);
    std::vector<std::string> inputs = p.samples;
    std::string alphabet = p.alphabet;
    for (int i = 0; i < 3000; ++i) {
      std::size_t length = rng() % 12;
      std::string s;
      for (std::size_t k = 0; k < length; ++k) s += alphabet[rng() % alphabet.size()];
      // Give the structured patterns their fixed prefixes half the time.
      if (std::string(p.name) == "S3Uri" && (i % 2) == 0) s = (i % 4 ? "s3://" : "https://") + s;
      if (std::string(p.name) == "RoleArn" && (i % 2) == 0) s = "arn:aws:iam::123456789012:" + s;
      inputs.push_back(s);
    }
    for (const auto& s : inputs) {
      CAPTURE(s);
      CHECK(p.matcher(s) == std::regex_match(s, re));
    }
  }
}

TEST_CASE("Java's other line terminators end a line too") {
  CHECK(
      !is_single_line("a\xC2\x85"
                      "b"));                          // U+0085
  CHECK(!is_single_line("a\xE2\x80\xA8"));            // U+2028
  CHECK(!is_single_line("\xE2\x80\xA9"));             // U+2029
  CHECK(is_single_line("caf\xC3\xA9 \xE2\x80\xA6"));  // é and an ellipsis
}

TEST_CASE("tag text: ASCII judged exactly, other characters accepted") {
  CHECK(matches_tag_text("team: data/ml = +1 @ home_1.0-b"));
  CHECK(matches_tag_text(""));
  CHECK(matches_tag_text("\xC3\xA9quipe"));
  CHECK(!matches_tag_text("a#b"));
  CHECK(!matches_tag_text("a\tb"));
  CHECK(!matches_tag_text("a*"));
}

TEST_CASE("lengths count code points") {
  CHECK(code_points("") == 0);
  CHECK(code_points("abc") == 3);
  CHECK(code_points("\xC3\xA9t\xC3\xA9") == 3);
  CHECK(code_points("\xF0\x9F\x98\x80") == 1);
}

TEST_CASE("printable values are escaped and cut") {
  CHECK(in_quotes("a\nb\x01") == "\"a\\nb\\x01\"");
  CHECK(printable(std::string(100, 'x'), 10) == std::string(10, 'x') + "...");
  // Never half a UTF-8 sequence.
  CHECK(printable("aaaaaaaaa\xC3\xA9", 10) == "aaaaaaaaa...");
}
