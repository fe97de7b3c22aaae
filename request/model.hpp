#pragma once
// The typed CreateProcessingJob request (the JSON body a user sends to the API).
//
// Member names follow the API's, in snake_case. Every structure carries `pointer`,
// the JSON Pointer of that structure in the request ("" for the top level,
// "/ProcessingInputs/0/S3Input", ...). A scalar member's pointer is its structure's
// pointer plus "/" and the API member name (member_pointer() spells it), so a
// finding can point at "/ProcessingInputs/0/S3Input/LocalPath".
//
// parse_request() fills the model leniently: a member of the wrong type is left
// absent (and noted as a Problem), so the model is complete and trustworthy only
// when model_problems() is empty. Optional members are std::optional, so
// "absent" and "empty" stay distinct where the API distinguishes them (an absent
// ContainerArguments keeps the image CMD; an empty one is invalid).
#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace sagelint::request {

// Appends one reference token to a JSON Pointer, escaping '~' and '/' (RFC 6901).
std::string member_pointer(std::string_view base, std::string_view token);
std::string member_pointer(std::string_view base, std::size_t index);

// One way the request breaks the CreateProcessingJob model. `pointer` is the JSON
// Pointer of the offending member ("" = the whole request); `message` says what is
// wrong and what is allowed. For a value outside its enum, `member` is the API member
// name and `value` the value given ("" otherwise), so a caller can tell one known bad
// value from another.
struct Problem {
  std::string pointer;
  std::string message;
  std::string member;
  std::string value;
};

struct S3Input {
  std::string pointer;
  std::string s3_uri;                        // S3Uri (required)
  std::optional<std::string> local_path;     // LocalPath (required unless AppManaged)
  std::string s3_data_type;                  // S3DataType (required): ManifestFile | S3Prefix
  std::optional<std::string> s3_input_mode;  // S3InputMode: Pipe | File (service default File)
  std::optional<std::string> s3_data_distribution_type;  // FullyReplicated | ShardedByS3Key
  std::optional<std::string> s3_compression_type;        // None | Gzip
};

struct AthenaDatasetDefinition {
  std::string pointer;
  std::string catalog;
  std::string database;
  std::string query_string;
  std::optional<std::string> work_group;
  std::string output_s3_uri;
  std::optional<std::string> kms_key_id;
  std::string output_format;                      // PARQUET | ORC | AVRO | JSON | TEXTFILE
  std::optional<std::string> output_compression;  // GZIP | SNAPPY | ZLIB
};

struct RedshiftDatasetDefinition {
  std::string pointer;
  std::string cluster_id;
  std::string database;
  std::string db_user;
  std::string query_string;
  std::string cluster_role_arn;
  std::string output_s3_uri;
  std::optional<std::string> kms_key_id;
  std::string output_format;                      // PARQUET | CSV
  std::optional<std::string> output_compression;  // None | GZIP | BZIP2 | ZSTD | SNAPPY
};

struct DatasetDefinition {
  std::string pointer;
  std::optional<AthenaDatasetDefinition> athena;      // AthenaDatasetDefinition
  std::optional<RedshiftDatasetDefinition> redshift;  // RedshiftDatasetDefinition
  std::optional<std::string> local_path;              // LocalPath (required unless AppManaged)
  std::optional<std::string> data_distribution_type;  // service default ShardedByS3Key
  std::optional<std::string> input_mode;              // Pipe | File (default File)
};

struct ProcessingInput {
  std::string pointer;                                  // "/ProcessingInputs/<i>"
  std::string input_name;                               // InputName (required)
  bool app_managed = false;                             // AppManaged (default false)
  std::optional<S3Input> s3_input;                      // exactly one of s3_input and
  std::optional<DatasetDefinition> dataset_definition;  // dataset_definition

  // The LocalPath of whichever source is set, and that member's pointer ("" if none).
  const std::optional<std::string>& local_path() const;
  std::string local_path_pointer() const;
};

struct S3Output {
  std::string pointer;
  std::string s3_uri;                     // S3Uri (required)
  std::optional<std::string> local_path;  // LocalPath (required unless AppManaged)
  std::string s3_upload_mode;             // S3UploadMode (required): Continuous | EndOfJob
};

struct FeatureStoreOutput {
  std::string pointer;
  std::string feature_group_name;  // FeatureGroupName
};

struct ProcessingOutput {
  std::string pointer;      // "/ProcessingOutputConfig/Outputs/<i>"
  std::string output_name;  // OutputName (required)
  bool app_managed = false;
  std::optional<S3Output> s3_output;                       // exactly one of s3_output and
  std::optional<FeatureStoreOutput> feature_store_output;  // feature_store_output (AppManaged only)

  const std::optional<std::string>& local_path() const;
  std::string local_path_pointer() const;
};

struct ProcessingOutputConfig {
  std::string pointer;                    // "/ProcessingOutputConfig"
  std::vector<ProcessingOutput> outputs;  // Outputs (required, 0..10)
  std::optional<std::string> kms_key_id;  // KmsKeyId
};

struct ClusterConfig {
  std::string pointer;                 // "/ProcessingResources/ClusterConfig"
  std::int64_t instance_count = 0;     // InstanceCount (required, 1..100)
  std::string instance_type;           // InstanceType (required, ml.*)
  std::int64_t volume_size_in_gb = 0;  // VolumeSizeInGB (required, 1..16384)
  std::optional<std::string> volume_kms_key_id;
};

struct ProcessingResources {
  std::string pointer;  // "/ProcessingResources"
  ClusterConfig cluster_config;
};

struct StoppingCondition {
  std::string pointer;                      // "/StoppingCondition"
  std::int64_t max_runtime_in_seconds = 0;  // MaxRuntimeInSeconds (required, 1..777600)
};

struct AppSpecification {
  std::string pointer;                                           // "/AppSpecification"
  std::string image_uri;                                         // ImageUri (required)
  std::optional<std::vector<std::string>> container_entrypoint;  // absent != empty
  std::optional<std::vector<std::string>> container_arguments;   // absent != empty
};

struct VpcConfig {
  std::string pointer;
  std::vector<std::string> security_group_ids;
  std::vector<std::string> subnets;
};

struct NetworkConfig {
  std::string pointer;  // "/NetworkConfig"
  std::optional<bool> enable_inter_container_traffic_encryption;
  std::optional<bool> enable_network_isolation;
  std::optional<VpcConfig> vpc_config;
};

struct ExperimentConfig {
  std::string pointer;  // "/ExperimentConfig"
  std::optional<std::string> experiment_name;
  std::optional<std::string> trial_name;
  std::optional<std::string> trial_component_display_name;
  std::optional<std::string> run_name;
};

struct Tag {
  std::string pointer;  // "/Tags/<i>"
  std::string key;
  std::string value;
};

struct Request {
  std::string pointer;              // "" (the whole document)
  std::string processing_job_name;  // ProcessingJobName (required)
  std::vector<ProcessingInput> processing_inputs;
  std::optional<ProcessingOutputConfig> processing_output_config;
  ProcessingResources processing_resources;  // required
  std::optional<StoppingCondition> stopping_condition;
  AppSpecification app_specification;  // required
  std::map<std::string, std::string> environment;
  std::optional<NetworkConfig> network_config;
  std::string role_arn;  // RoleArn (required)
  std::optional<ExperimentConfig> experiment_config;
  std::vector<Tag> tags;

  // Set by parse_request: what only the JSON text shows (wrong types, unknown,
  // missing and doubly set members), and the members it could not read at all.
  // model_problems() reports these together with its own checks.
  struct ReadProblems {
    std::vector<Problem> problems;
    std::set<std::string> unread;  // JSON Pointers; nothing below them is judged
  } read;
};

struct ParseResult {
  // Absent when the text is not JSON or not a JSON object; `error` then says why in
  // one line. Otherwise the (leniently filled) model, with what the reader saw in
  // Request::read.
  std::optional<Request> request;
  std::string error;

  bool ok() const { return request.has_value(); }
};

// JSON text -> model. Judges nothing beyond what only the JSON shows (Request::read).
ParseResult parse_request(std::string_view json_text);

// Where the request breaks the CreateProcessingJob model: what parse_request saw in
// the JSON (Request::read), then lengths, counts, ranges, patterns, enums and instance
// types of the values (research/sagemaker-processing.md §1 and Appendix A), in
// document order of the checks; one problem per pointer, and nothing below a member
// that could not be read. Also for callers that build or change a Request themselves
// (`run` flags override request fields).
std::vector<Problem> model_problems(const Request& request);

// Content sniffing for the CLI: a JSON object with a top-level "AppSpecification".
// Text that starts like a JSON object and mentions "AppSpecification" but is not
// valid JSON also counts, so that its parse error is reported rather than the file
// being mistaken for a Dockerfile. Cheap on non-JSON input (looks at the first byte).
bool looks_like_request(std::string_view text);

}  // namespace sagelint::request
