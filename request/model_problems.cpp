// The value checks of the CreateProcessingJob model, with the limits of
// research/sagemaker-processing.md §1 and Appendix A (the authority where sources
// differ). Lengths count code points; a value over its maximum length is not matched
// against its pattern at all.
#include <algorithm>
#include <set>
#include <vector>

#include "request/instance_types.hpp"
#include "request/model.hpp"
#include "request/patterns.hpp"
#include "request/text.hpp"

namespace sagelint::request {
namespace {

using Matcher = bool (*)(std::string_view);

struct StringRule {
  std::size_t min_length;
  std::size_t max_length;
  Matcher matches;           // nullptr: any text
  std::string_view allowed;  // what `matches` accepts, for the message
};

bool job_name(std::string_view s) { return matches_entity_name(s, 62); }
bool experiment_name(std::string_view s) { return matches_entity_name(s, 119); }

constexpr std::string_view kOneLine = "a single line (no line breaks)";

const StringRule kJobName{1, 63, job_name,
                          "letters, digits and hyphens, starting and ending with a letter or "
                          "digit"};
const StringRule kExperimentName{1, 120, experiment_name,
                                 "letters, digits and hyphens, starting and ending with a "
                                 "letter or digit"};
const StringRule kRoleArn{20, 2048, matches_role_arn,
                          "an IAM role ARN such as arn:aws:iam::123456789012:role/MyRole"};
const StringRule kKmsKeyId{0, 2048, matches_kms_key_id, "letters, digits and : / _ -"};
const StringRule kImageUri{0, 255, is_single_line, kOneLine};
const StringRule kContainerItem{0, 256, is_single_line, kOneLine};
const StringRule kLocalPath{0, 256, is_single_line, kOneLine};
const StringRule kS3Uri{0, 1024, matches_s3_uri,
                        "an s3:// or https:// URI naming a bucket, such as "
                        "s3://bucket/prefix, on one line"};
const StringRule kEnvKey{0, 256, matches_env_key,
                         "a letter or underscore followed by letters, digits and underscores"};
const StringRule kEnvValue{0, 256, nullptr, ""};
const StringRule kVpcId{0, 32, matches_vpc_id, "letters, digits and hyphens (at least one)"};
const StringRule kFeatureGroupName{1, 64, matches_feature_group_name,
                                   "letters, digits, hyphens and underscores, starting and "
                                   "ending with a letter or digit"};
const StringRule kTagKey{1, 128, matches_tag_text, "letters, digits, spaces and _ . : / = + - @"};
const StringRule kTagValue{0, 256, matches_tag_text, "letters, digits, spaces and _ . : / = + - @"};

using Values = std::vector<std::string_view>;

std::string join(const Values& values) {
  std::string out;
  for (auto v : values) {
    if (!out.empty()) out += ", ";
    out += v;
  }
  return out;
}

class Checker {
 public:
  explicit Checker(std::vector<Problem>& out) : out_(out) {}

  void report(std::string pointer, std::string message, std::string_view member = {},
              std::string_view value = {}) {
    out_.push_back(
        Problem{std::move(pointer), std::move(message), std::string(member), std::string(value)});
  }

  void string(const std::string& value, const std::string& pointer, std::string_view name,
              const StringRule& rule) {
    std::size_t n = code_points(value);
    if (n < rule.min_length || n > rule.max_length) {
      std::string bounds;
      if (rule.min_length == 0) {
        bounds = "at most " + std::to_string(rule.max_length);
      } else {
        bounds = std::to_string(rule.min_length) + " to " + std::to_string(rule.max_length);
      }
      report(pointer, std::string(name) + " must be " + bounds + " characters long, got " +
                          std::to_string(n));
      return;
    }
    if (rule.matches != nullptr && !rule.matches(value)) {
      report(pointer, std::string(name) + " must be " + std::string(rule.allowed) + ", got " +
                          in_quotes(value));
    }
  }

  void optional_string(const std::optional<std::string>& value, const std::string& base,
                       std::string_view name, const StringRule& rule) {
    if (value) string(*value, member_pointer(base, name), name, rule);
  }

  void member(const std::string& value, const std::string& base, std::string_view name,
              const StringRule& rule) {
    string(value, member_pointer(base, name), name, rule);
  }

  void enumeration(const std::optional<std::string>& value, const std::string& base,
                   std::string_view name, const Values& allowed) {
    if (!value) return;
    if (std::find(allowed.begin(), allowed.end(), *value) != allowed.end()) return;
    std::string message =
        std::string(name) + " must be one of " + join(allowed) + ", got " + in_quotes(*value);
    for (auto a : allowed) {
      if (equals_ignoring_case(a, *value)) {
        message += " (values are case-sensitive: " + std::string(a) + ")";
      }
    }
    report(member_pointer(base, name), std::move(message), name, *value);
  }

  void range(std::int64_t value, const std::string& base, std::string_view name, std::int64_t min,
             std::int64_t max) {
    if (value >= min && value <= max) return;
    report(member_pointer(base, name), std::string(name) + " must be between " +
                                           std::to_string(min) + " and " + std::to_string(max) +
                                           ", got " + std::to_string(value));
  }

  void count(std::size_t n, const std::string& pointer, std::string_view name, std::size_t min,
             std::size_t max) {
    if (n >= min && n <= max) return;
    std::string bounds = min == 0 ? "at most " + std::to_string(max)
                                  : std::to_string(min) + " to " + std::to_string(max);
    report(pointer,
           std::string(name) + " must have " + bounds + " items, got " + std::to_string(n));
  }

  void list(const std::optional<std::vector<std::string>>& items, const std::string& base,
            std::string_view name, std::size_t min, std::size_t max, const StringRule& rule) {
    if (!items) return;
    std::string pointer = member_pointer(base, name);
    count(items->size(), pointer, name, min, max);
    for (std::size_t i = 0; i < items->size(); ++i) {
      string((*items)[i], member_pointer(pointer, i), std::string(name) + " item", rule);
    }
  }

 private:
  std::vector<Problem>& out_;
};

const Values kDistribution = {"FullyReplicated", "ShardedByS3Key"};
const Values kInputModes = {"Pipe", "File"};

void check_instance_type(Checker& c, const ClusterConfig& cluster) {
  if (is_processing_instance_type(cluster.instance_type)) return;
  std::string message = "InstanceType must be one of the " +
                        std::to_string(processing_instance_types().size()) +
                        " Processing instance types (ml.t3.medium, ml.m5.xlarge, ...), got " +
                        in_quotes(cluster.instance_type);
  auto family = instance_types_of_family(cluster.instance_type);
  if (!family.empty()) {
    message += "; this family has";
    for (std::size_t i = 0; i < family.size(); ++i) {
      message += (i == 0 ? " " : ", ") + std::string(family[i]);
    }
  }
  c.report(member_pointer(cluster.pointer, "InstanceType"), std::move(message));
}

void check_s3_input(Checker& c, const S3Input& s) {
  c.member(s.s3_uri, s.pointer, "S3Uri", kS3Uri);
  c.optional_string(s.local_path, s.pointer, "LocalPath", kLocalPath);
  c.enumeration(s.s3_data_type, s.pointer, "S3DataType", {"ManifestFile", "S3Prefix"});
  c.enumeration(s.s3_input_mode, s.pointer, "S3InputMode", kInputModes);
  c.enumeration(s.s3_data_distribution_type, s.pointer, "S3DataDistributionType", kDistribution);
  c.enumeration(s.s3_compression_type, s.pointer, "S3CompressionType", {"None", "Gzip"});
}

void check_dataset(Checker& c, const DatasetDefinition& d) {
  if (d.athena) {
    const auto& a = *d.athena;
    c.member(a.catalog, a.pointer, "Catalog", StringRule{1, 256, nullptr, ""});
    c.member(a.database, a.pointer, "Database", StringRule{1, 255, nullptr, ""});
    c.member(a.query_string, a.pointer, "QueryString", StringRule{1, 4096, nullptr, ""});
    c.optional_string(
        a.work_group, a.pointer, "WorkGroup",
        StringRule{1, 128, matches_athena_work_group, "letters, digits, '.', '_' and '-'"});
    c.member(a.output_s3_uri, a.pointer, "OutputS3Uri", kS3Uri);
    c.optional_string(a.kms_key_id, a.pointer, "KmsKeyId", kKmsKeyId);
    c.enumeration(a.output_format, a.pointer, "OutputFormat",
                  {"PARQUET", "ORC", "AVRO", "JSON", "TEXTFILE"});
    c.enumeration(a.output_compression, a.pointer, "OutputCompression", {"GZIP", "SNAPPY", "ZLIB"});
  }
  if (d.redshift) {
    const auto& r = *d.redshift;
    c.member(r.cluster_id, r.pointer, "ClusterId", StringRule{1, 63, nullptr, ""});
    c.member(r.database, r.pointer, "Database", StringRule{1, 64, nullptr, ""});
    c.member(r.db_user, r.pointer, "DbUser", StringRule{1, 128, nullptr, ""});
    c.member(r.query_string, r.pointer, "QueryString", StringRule{1, 4096, nullptr, ""});
    c.member(r.cluster_role_arn, r.pointer, "ClusterRoleArn", kRoleArn);
    c.member(r.output_s3_uri, r.pointer, "OutputS3Uri", kS3Uri);
    c.optional_string(r.kms_key_id, r.pointer, "KmsKeyId", kKmsKeyId);
    c.enumeration(r.output_format, r.pointer, "OutputFormat", {"PARQUET", "CSV"});
    c.enumeration(r.output_compression, r.pointer, "OutputCompression",
                  {"None", "GZIP", "BZIP2", "ZSTD", "SNAPPY"});
  }
  c.optional_string(d.local_path, d.pointer, "LocalPath", kLocalPath);
  c.enumeration(d.data_distribution_type, d.pointer, "DataDistributionType", kDistribution);
  c.enumeration(d.input_mode, d.pointer, "InputMode", kInputModes);
}

void check_outputs(Checker& c, const ProcessingOutputConfig& config) {
  c.count(config.outputs.size(), member_pointer(config.pointer, "Outputs"), "Outputs", 0, 10);
  c.optional_string(config.kms_key_id, config.pointer, "KmsKeyId", kKmsKeyId);
  for (const auto& out : config.outputs) {
    if (out.s3_output) {
      const auto& s = *out.s3_output;
      c.member(s.s3_uri, s.pointer, "S3Uri", kS3Uri);
      c.optional_string(s.local_path, s.pointer, "LocalPath", kLocalPath);
      c.enumeration(s.s3_upload_mode, s.pointer, "S3UploadMode", {"Continuous", "EndOfJob"});
    }
    if (out.feature_store_output) {
      const auto& f = *out.feature_store_output;
      c.member(f.feature_group_name, f.pointer, "FeatureGroupName", kFeatureGroupName);
    }
  }
}

void check_values(const Request& req, std::vector<Problem>& out) {
  Checker c(out);
  c.member(req.processing_job_name, req.pointer, "ProcessingJobName", kJobName);

  c.count(req.processing_inputs.size(), member_pointer(req.pointer, "ProcessingInputs"),
          "ProcessingInputs", 0, 10);
  for (const auto& in : req.processing_inputs) {
    if (in.s3_input) check_s3_input(c, *in.s3_input);
    if (in.dataset_definition) check_dataset(c, *in.dataset_definition);
  }
  if (req.processing_output_config) check_outputs(c, *req.processing_output_config);

  const ClusterConfig& cluster = req.processing_resources.cluster_config;
  c.range(cluster.instance_count, cluster.pointer, "InstanceCount", 1, 100);
  check_instance_type(c, cluster);
  c.range(cluster.volume_size_in_gb, cluster.pointer, "VolumeSizeInGB", 1, 16384);
  c.optional_string(cluster.volume_kms_key_id, cluster.pointer, "VolumeKmsKeyId", kKmsKeyId);

  if (req.stopping_condition) {
    c.range(req.stopping_condition->max_runtime_in_seconds, req.stopping_condition->pointer,
            "MaxRuntimeInSeconds", 1, 777600);
  }

  const AppSpecification& app = req.app_specification;
  c.member(app.image_uri, app.pointer, "ImageUri", kImageUri);
  c.list(app.container_entrypoint, app.pointer, "ContainerEntrypoint", 1, 100, kContainerItem);
  c.list(app.container_arguments, app.pointer, "ContainerArguments", 1, 100, kContainerItem);

  c.count(req.environment.size(), "/Environment", "Environment", 0, 100);
  for (const auto& [key, value] : req.environment) {
    // A pathological key would make a pathological pointer: point at the map.
    std::string pointer =
        key.size() <= 256 * 4UL ? member_pointer("/Environment", key) : std::string("/Environment");
    c.string(key, pointer, "Environment key", kEnvKey);
    c.string(value, pointer, "Environment value", kEnvValue);
  }

  if (req.network_config && req.network_config->vpc_config) {
    const VpcConfig& vpc = *req.network_config->vpc_config;
    c.list(vpc.security_group_ids, vpc.pointer, "SecurityGroupIds", 1, 5, kVpcId);
    c.list(vpc.subnets, vpc.pointer, "Subnets", 1, 16, kVpcId);
  }

  c.member(req.role_arn, req.pointer, "RoleArn", kRoleArn);

  if (req.experiment_config) {
    const ExperimentConfig& e = *req.experiment_config;
    c.optional_string(e.experiment_name, e.pointer, "ExperimentName", kExperimentName);
    c.optional_string(e.trial_name, e.pointer, "TrialName", kExperimentName);
    c.optional_string(e.trial_component_display_name, e.pointer, "TrialComponentDisplayName",
                      kExperimentName);
    c.optional_string(e.run_name, e.pointer, "RunName", kExperimentName);
  }

  c.count(req.tags.size(), "/Tags", "Tags", 0, 50);
  for (const auto& tag : req.tags) {
    c.member(tag.key, tag.pointer, "Key", kTagKey);
    c.member(tag.value, tag.pointer, "Value", kTagValue);
  }
}

}  // namespace

std::vector<Problem> model_problems(const Request& request) {
  std::vector<Problem> out = request.read.problems;
  // What the reader reported (missing, wrong type) would be reported again by the
  // value checks (empty, zero): keep the first report for each pointer, and judge
  // nothing below a member that could not be read.
  std::set<std::string> reported;
  for (const auto& p : out) reported.insert(p.pointer);
  auto below_unread = [&](const std::string& pointer) {
    for (std::size_t slash = pointer.find('/', 1); slash != std::string::npos;
         slash = pointer.find('/', slash + 1)) {
      if (request.read.unread.count(pointer.substr(0, slash)) != 0) return true;
    }
    return false;
  };
  std::vector<Problem> values;
  check_values(request, values);
  for (auto& v : values) {
    if (reported.count(v.pointer) == 0 && !below_unread(v.pointer)) out.push_back(std::move(v));
  }
  return out;
}

}  // namespace sagelint::request
