#pragma once
// The service's string patterns (research/sagemaker-processing.md, Appendix A),
// matched against the whole string. Hand-written rather than std::regex: each is a
// single left-to-right scan, so a long value cannot exhaust the stack, and each is
// tested against the Appendix A regex with std::regex_match in patterns_test.cpp.
#include <cstddef>
#include <string_view>

namespace sagelint::request {

// [a-zA-Z0-9](-*[a-zA-Z0-9]){0,max_repeats}  (ProcessingJobName: 62, experiment names: 119)
bool matches_entity_name(std::string_view s, std::size_t max_repeats);
// [a-zA-Z_][a-zA-Z0-9_]*
bool matches_env_key(std::string_view s);
// (https|s3)://([^/]+)/?(.*)
bool matches_s3_uri(std::string_view s);
// arn:aws[a-z\-]*:iam::\d{12}:role/?[a-zA-Z_0-9+=,.@\-_/]+
bool matches_role_arn(std::string_view s);
// [a-zA-Z0-9:/_-]*
bool matches_kms_key_id(std::string_view s);
// [-0-9a-zA-Z]+  (security group and subnet ids)
bool matches_vpc_id(std::string_view s);
// [a-zA-Z0-9]([_-]*[a-zA-Z0-9]){0,63}
bool matches_feature_group_name(std::string_view s);
// [a-zA-Z0-9._-]+
bool matches_athena_work_group(std::string_view s);
// ([\p{L}\p{Z}\p{N}_.:/=+\-@]*) for tag keys and values. std::regex has no Unicode
// classes: ASCII characters are judged exactly, every non-ASCII character is accepted.
bool matches_tag_text(std::string_view s);

}  // namespace sagelint::request
