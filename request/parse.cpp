// JSON text -> Request. While reading, reports what only the JSON shows: wrong
// types, unknown members (the service and botocore reject them: "Unknown
// parameter"), missing required members and exclusive members set twice or not at
// all. Value checks on what was read are model_problems()'s (model_problems.cpp).
//
// JSON null counts as an absent member, as in the service's JSON protocol.
#include <algorithm>
#include <exception>
#include <initializer_list>
#include <limits>
#include <set>
#include <utility>

#include <nlohmann/json.hpp>

#include "request/model.hpp"
#include "request/text.hpp"

namespace sagelint::request {
namespace {

using nlohmann::json;
using Names = std::initializer_list<std::string_view>;

std::string_view kind_of(const json& j) {
  switch (j.type()) {
    case json::value_t::null: return "null";
    case json::value_t::boolean: return "a boolean";
    case json::value_t::number_integer:
    case json::value_t::number_unsigned: return "an integer";
    case json::value_t::number_float: return "a number with a fraction or exponent";
    case json::value_t::string: return "a string";
    case json::value_t::array: return "an array";
    case json::value_t::object: return "an object";
    default: return "an unsupported value";
  }
}

std::string join(Names names) {
  std::string out;
  for (auto n : names) {
    if (!out.empty()) out += ", ";
    out += n;
  }
  return out;
}

// Reads one structure at a time, noting every problem.
class Reader {
 public:
  explicit Reader(std::vector<Problem>& out) : out_(out) {}

  // Pointers of members that are missing or not of their type: nothing below them
  // was read, so nothing below them can be judged.
  std::set<std::string> unread() const { return unread_; }

  void report(std::string pointer, std::string message) {
    out_.push_back(Problem{std::move(pointer), std::move(message), {}, {}});
  }

  // The member's value, or nullptr when absent or null.
  static const json* find(const json& obj, std::string_view name) {
    auto it = obj.find(name);
    if (it == obj.end() || it->is_null()) return nullptr;
    return &*it;
  }

  // Checks that `j` is an object with only `known` members and every `required` one.
  bool structure(const json& j, const std::string& ptr, std::string_view what, Names known,
                 Names required) {
    if (!j.is_object()) {
      report(ptr, std::string(what) + " must be an object, got " + std::string(kind_of(j)));
      unread_.insert(ptr);
      return false;
    }
    for (const auto& item : j.items()) {
      const std::string& key = item.key();
      if (std::find(known.begin(), known.end(), key) != known.end()) continue;
      std::string message = "Unknown member " + in_quotes(key) + " in " + std::string(what);
      auto near = std::find_if(known.begin(), known.end(),
                               [&](std::string_view k) { return equals_ignoring_case(k, key); });
      if (near != known.end()) {
        message += "; did you mean " + std::string(*near) + "? (member names are case-sensitive)";
      } else {
        message += "; allowed members: " + join(known);
      }
      // A pathological key would make a pathological pointer: point at the parent.
      report(key.size() <= 256 ? member_pointer(ptr, key) : ptr, std::move(message));
    }
    for (auto name : required) {
      if (find(j, name) == nullptr) {
        unread_.insert(member_pointer(ptr, name));
        report(member_pointer(ptr, name),
               "Missing required member " + std::string(name) + " in " + std::string(what));
      }
    }
    return true;
  }

  // Exactly one of two members must be set.
  void exactly_one(const json& obj, const std::string& ptr, std::string_view what,
                   std::string_view a, std::string_view b) {
    bool has_a = find(obj, a) != nullptr;
    bool has_b = find(obj, b) != nullptr;
    if (has_a && has_b) {
      report(ptr, std::string(what) + " sets both " + std::string(a) + " and " + std::string(b) +
                      "; set exactly one of them");
    } else if (!has_a && !has_b) {
      report(ptr, std::string(what) + " sets neither " + std::string(a) + " nor " + std::string(b) +
                      "; set exactly one of them");
    }
  }

  std::optional<std::string> string(const json& obj, const std::string& ptr,
                                    std::string_view name) {
    const json* v = find(obj, name);
    if (v == nullptr) return std::nullopt;
    if (!v->is_string()) {
      wrong_type(member_pointer(ptr, name), name, "a string", *v);
      return std::nullopt;
    }
    return v->get<std::string>();
  }

  std::optional<std::int64_t> integer(const json& obj, const std::string& ptr,
                                      std::string_view name) {
    const json* v = find(obj, name);
    if (v == nullptr) return std::nullopt;
    if (v->is_number_integer() && !v->is_number_unsigned()) return v->get<std::int64_t>();
    if (v->is_number_unsigned()) {
      auto u = v->get<std::uint64_t>();
      if (u <= static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max())) {
        return static_cast<std::int64_t>(u);
      }
      report(member_pointer(ptr, name),
             std::string(name) + " is far out of range, got " + std::to_string(u));
      return std::nullopt;
    }
    wrong_type(member_pointer(ptr, name), name, "an integer", *v);
    return std::nullopt;
  }

  std::optional<bool> boolean(const json& obj, const std::string& ptr, std::string_view name) {
    const json* v = find(obj, name);
    if (v == nullptr) return std::nullopt;
    if (!v->is_boolean()) {
      wrong_type(member_pointer(ptr, name), name, "a boolean (true or false)", *v);
      return std::nullopt;
    }
    return v->get<bool>();
  }

  // A member that must be an array; nullptr when absent or of another type.
  const json* array(const json& obj, const std::string& ptr, std::string_view name) {
    const json* v = find(obj, name);
    if (v == nullptr) return nullptr;
    if (!v->is_array()) {
      wrong_type(member_pointer(ptr, name), name, "an array", *v);
      return nullptr;
    }
    return v;
  }

  std::optional<std::vector<std::string>> strings(const json& obj, const std::string& ptr,
                                                  std::string_view name) {
    const json* list = array(obj, ptr, name);
    if (list == nullptr) return std::nullopt;
    std::vector<std::string> out;
    std::string list_ptr = member_pointer(ptr, name);
    for (std::size_t i = 0; i < list->size(); ++i) {
      const json& item = (*list)[i];
      if (!item.is_string()) {
        report(member_pointer(list_ptr, i), "Each item of " + std::string(name) +
                                                " must be a string, got " +
                                                std::string(kind_of(item)));
        continue;
      }
      out.push_back(item.get<std::string>());
    }
    return out;
  }

 private:
  void wrong_type(std::string pointer, std::string_view name, std::string_view expected,
                  const json& got) {
    report(std::move(pointer), std::string(name) + " must be " + std::string(expected) + ", got " +
                                   std::string(kind_of(got)));
  }

  std::vector<Problem>& out_;
  std::set<std::string> unread_;
};

// Sets `field` when the member is a string; keeps the default otherwise.
void read_into(Reader& r, const json& obj, const std::string& ptr, std::string_view name,
               std::string& field) {
  if (auto v = r.string(obj, ptr, name)) field = std::move(*v);
}

S3Input read_s3_input(Reader& r, const json& j, const std::string& ptr, bool app_managed) {
  S3Input s;
  s.pointer = ptr;
  if (!r.structure(j, ptr, "S3Input",
                   {"S3Uri", "LocalPath", "S3DataType", "S3InputMode", "S3DataDistributionType",
                    "S3CompressionType"},
                   {"S3Uri", "S3DataType"})) {
    return s;
  }
  read_into(r, j, ptr, "S3Uri", s.s3_uri);
  s.local_path = r.string(j, ptr, "LocalPath");
  if (!app_managed && Reader::find(j, "LocalPath") == nullptr) {
    r.report(member_pointer(ptr, "LocalPath"),
             "Missing LocalPath in S3Input: it is required unless the input is AppManaged");
  }
  read_into(r, j, ptr, "S3DataType", s.s3_data_type);
  s.s3_input_mode = r.string(j, ptr, "S3InputMode");
  s.s3_data_distribution_type = r.string(j, ptr, "S3DataDistributionType");
  s.s3_compression_type = r.string(j, ptr, "S3CompressionType");
  return s;
}

AthenaDatasetDefinition read_athena(Reader& r, const json& j, const std::string& ptr) {
  AthenaDatasetDefinition a;
  a.pointer = ptr;
  if (!r.structure(j, ptr, "AthenaDatasetDefinition",
                   {"Catalog", "Database", "QueryString", "WorkGroup", "OutputS3Uri", "KmsKeyId",
                    "OutputFormat", "OutputCompression"},
                   {"Catalog", "Database", "QueryString", "OutputS3Uri", "OutputFormat"})) {
    return a;
  }
  read_into(r, j, ptr, "Catalog", a.catalog);
  read_into(r, j, ptr, "Database", a.database);
  read_into(r, j, ptr, "QueryString", a.query_string);
  a.work_group = r.string(j, ptr, "WorkGroup");
  read_into(r, j, ptr, "OutputS3Uri", a.output_s3_uri);
  a.kms_key_id = r.string(j, ptr, "KmsKeyId");
  read_into(r, j, ptr, "OutputFormat", a.output_format);
  a.output_compression = r.string(j, ptr, "OutputCompression");
  return a;
}

RedshiftDatasetDefinition read_redshift(Reader& r, const json& j, const std::string& ptr) {
  RedshiftDatasetDefinition d;
  d.pointer = ptr;
  if (!r.structure(j, ptr, "RedshiftDatasetDefinition",
                   {"ClusterId", "Database", "DbUser", "QueryString", "ClusterRoleArn",
                    "OutputS3Uri", "KmsKeyId", "OutputFormat", "OutputCompression"},
                   {"ClusterId", "Database", "DbUser", "QueryString", "ClusterRoleArn",
                    "OutputS3Uri", "OutputFormat"})) {
    return d;
  }
  read_into(r, j, ptr, "ClusterId", d.cluster_id);
  read_into(r, j, ptr, "Database", d.database);
  read_into(r, j, ptr, "DbUser", d.db_user);
  read_into(r, j, ptr, "QueryString", d.query_string);
  read_into(r, j, ptr, "ClusterRoleArn", d.cluster_role_arn);
  read_into(r, j, ptr, "OutputS3Uri", d.output_s3_uri);
  d.kms_key_id = r.string(j, ptr, "KmsKeyId");
  read_into(r, j, ptr, "OutputFormat", d.output_format);
  d.output_compression = r.string(j, ptr, "OutputCompression");
  return d;
}

DatasetDefinition read_dataset(Reader& r, const json& j, const std::string& ptr, bool app_managed) {
  DatasetDefinition d;
  d.pointer = ptr;
  if (!r.structure(j, ptr, "DatasetDefinition",
                   {"AthenaDatasetDefinition", "RedshiftDatasetDefinition", "LocalPath",
                    "DataDistributionType", "InputMode"},
                   {})) {
    return d;
  }
  r.exactly_one(j, ptr, "DatasetDefinition", "AthenaDatasetDefinition",
                "RedshiftDatasetDefinition");
  if (const json* a = Reader::find(j, "AthenaDatasetDefinition")) {
    auto p = member_pointer(ptr, "AthenaDatasetDefinition");
    if (a->is_object())
      d.athena = read_athena(r, *a, p);
    else
      r.structure(*a, p, "AthenaDatasetDefinition", {}, {});
  }
  if (const json* rs = Reader::find(j, "RedshiftDatasetDefinition")) {
    auto p = member_pointer(ptr, "RedshiftDatasetDefinition");
    if (rs->is_object())
      d.redshift = read_redshift(r, *rs, p);
    else
      r.structure(*rs, p, "RedshiftDatasetDefinition", {}, {});
  }
  d.local_path = r.string(j, ptr, "LocalPath");
  if (!app_managed && Reader::find(j, "LocalPath") == nullptr) {
    r.report(member_pointer(ptr, "LocalPath"),
             "Missing LocalPath in DatasetDefinition: it is required unless the input is "
             "AppManaged");
  }
  d.data_distribution_type = r.string(j, ptr, "DataDistributionType");
  d.input_mode = r.string(j, ptr, "InputMode");
  return d;
}

ProcessingInput read_input(Reader& r, const json& j, const std::string& ptr) {
  ProcessingInput in;
  in.pointer = ptr;
  if (!r.structure(j, ptr, "ProcessingInput",
                   {"InputName", "AppManaged", "S3Input", "DatasetDefinition"}, {"InputName"})) {
    return in;
  }
  read_into(r, j, ptr, "InputName", in.input_name);
  in.app_managed = r.boolean(j, ptr, "AppManaged").value_or(false);
  r.exactly_one(j, ptr, "ProcessingInput", "S3Input", "DatasetDefinition");
  if (const json* s = Reader::find(j, "S3Input")) {
    auto p = member_pointer(ptr, "S3Input");
    if (s->is_object())
      in.s3_input = read_s3_input(r, *s, p, in.app_managed);
    else
      r.structure(*s, p, "S3Input", {}, {});
  }
  if (const json* d = Reader::find(j, "DatasetDefinition")) {
    auto p = member_pointer(ptr, "DatasetDefinition");
    if (d->is_object())
      in.dataset_definition = read_dataset(r, *d, p, in.app_managed);
    else
      r.structure(*d, p, "DatasetDefinition", {}, {});
  }
  return in;
}

ProcessingOutput read_output(Reader& r, const json& j, const std::string& ptr) {
  ProcessingOutput out;
  out.pointer = ptr;
  if (!r.structure(j, ptr, "ProcessingOutput",
                   {"OutputName", "S3Output", "FeatureStoreOutput", "AppManaged"},
                   {"OutputName"})) {
    return out;
  }
  read_into(r, j, ptr, "OutputName", out.output_name);
  out.app_managed = r.boolean(j, ptr, "AppManaged").value_or(false);
  r.exactly_one(j, ptr, "ProcessingOutput", "S3Output", "FeatureStoreOutput");
  if (const json* s = Reader::find(j, "S3Output")) {
    auto p = member_pointer(ptr, "S3Output");
    if (r.structure(*s, p, "S3Output", {"S3Uri", "LocalPath", "S3UploadMode"},
                    {"S3Uri", "S3UploadMode"})) {
      S3Output o;
      o.pointer = p;
      read_into(r, *s, p, "S3Uri", o.s3_uri);
      o.local_path = r.string(*s, p, "LocalPath");
      if (!out.app_managed && Reader::find(*s, "LocalPath") == nullptr) {
        r.report(member_pointer(p, "LocalPath"),
                 "Missing LocalPath in S3Output: it is required unless the output is "
                 "AppManaged");
      }
      read_into(r, *s, p, "S3UploadMode", o.s3_upload_mode);
      out.s3_output = std::move(o);
    }
  }
  if (const json* f = Reader::find(j, "FeatureStoreOutput")) {
    auto p = member_pointer(ptr, "FeatureStoreOutput");
    if (r.structure(*f, p, "FeatureStoreOutput", {"FeatureGroupName"}, {"FeatureGroupName"})) {
      FeatureStoreOutput o;
      o.pointer = p;
      read_into(r, *f, p, "FeatureGroupName", o.feature_group_name);
      out.feature_store_output = std::move(o);
    }
    if (!out.app_managed) {
      r.report(p,
               "FeatureStoreOutput is only valid when the output is AppManaged; set "
               "\"AppManaged\": true or use S3Output");
    }
  }
  return out;
}

void read_outputs(Reader& r, const json& j, Request& req) {
  const std::string ptr = "/ProcessingOutputConfig";
  if (!r.structure(j, ptr, "ProcessingOutputConfig", {"Outputs", "KmsKeyId"}, {"Outputs"})) {
    return;
  }
  ProcessingOutputConfig config;
  config.pointer = ptr;
  if (const json* list = r.array(j, ptr, "Outputs")) {
    std::string list_ptr = member_pointer(ptr, "Outputs");
    for (std::size_t i = 0; i < list->size(); ++i) {
      config.outputs.push_back(read_output(r, (*list)[i], member_pointer(list_ptr, i)));
    }
  }
  config.kms_key_id = r.string(j, ptr, "KmsKeyId");
  req.processing_output_config = std::move(config);
}

void read_resources(Reader& r, const json& j, Request& req) {
  const std::string ptr = "/ProcessingResources";
  req.processing_resources.pointer = ptr;
  ClusterConfig& c = req.processing_resources.cluster_config;
  c.pointer = ptr + "/ClusterConfig";
  if (!r.structure(j, ptr, "ProcessingResources", {"ClusterConfig"}, {"ClusterConfig"})) return;
  const json* cj = Reader::find(j, "ClusterConfig");
  if (cj == nullptr ||
      !r.structure(*cj, c.pointer, "ClusterConfig",
                   {"InstanceCount", "InstanceType", "VolumeSizeInGB", "VolumeKmsKeyId"},
                   {"InstanceCount", "InstanceType", "VolumeSizeInGB"})) {
    return;
  }
  if (auto v = r.integer(*cj, c.pointer, "InstanceCount")) c.instance_count = *v;
  read_into(r, *cj, c.pointer, "InstanceType", c.instance_type);
  if (auto v = r.integer(*cj, c.pointer, "VolumeSizeInGB")) c.volume_size_in_gb = *v;
  c.volume_kms_key_id = r.string(*cj, c.pointer, "VolumeKmsKeyId");
}

void read_app(Reader& r, const json& j, Request& req) {
  AppSpecification& app = req.app_specification;
  app.pointer = "/AppSpecification";
  if (!r.structure(j, app.pointer, "AppSpecification",
                   {"ImageUri", "ContainerEntrypoint", "ContainerArguments"}, {"ImageUri"})) {
    return;
  }
  read_into(r, j, app.pointer, "ImageUri", app.image_uri);
  app.container_entrypoint = r.strings(j, app.pointer, "ContainerEntrypoint");
  app.container_arguments = r.strings(j, app.pointer, "ContainerArguments");
}

void read_environment(Reader& r, const json& j, Request& req) {
  const std::string ptr = "/Environment";
  if (!j.is_object()) {
    r.report(ptr, "Environment must be an object of string values, got " + std::string(kind_of(j)));
    return;
  }
  if (j.size() > 100) {
    r.report(ptr, "Environment must have at most 100 items, got " + std::to_string(j.size()));
  }
  for (const auto& [key, value] : j.items()) {
    if (!value.is_string()) {
      r.report(key.size() <= 256 ? member_pointer(ptr, key) : ptr,
               "Environment value of " + in_quotes(key) + " must be a string, got " +
                   std::string(kind_of(value)));
      continue;
    }
    req.environment[key] = value.get<std::string>();
  }
}

void read_network(Reader& r, const json& j, Request& req) {
  NetworkConfig n;
  n.pointer = "/NetworkConfig";
  if (!r.structure(j, n.pointer, "NetworkConfig",
                   {"EnableInterContainerTrafficEncryption", "EnableNetworkIsolation", "VpcConfig"},
                   {})) {
    return;
  }
  n.enable_inter_container_traffic_encryption =
      r.boolean(j, n.pointer, "EnableInterContainerTrafficEncryption");
  n.enable_network_isolation = r.boolean(j, n.pointer, "EnableNetworkIsolation");
  if (const json* v = Reader::find(j, "VpcConfig")) {
    VpcConfig vpc;
    vpc.pointer = n.pointer + "/VpcConfig";
    if (r.structure(*v, vpc.pointer, "VpcConfig", {"SecurityGroupIds", "Subnets"},
                    {"SecurityGroupIds", "Subnets"})) {
      vpc.security_group_ids =
          r.strings(*v, vpc.pointer, "SecurityGroupIds").value_or(std::vector<std::string>{});
      vpc.subnets = r.strings(*v, vpc.pointer, "Subnets").value_or(std::vector<std::string>{});
      n.vpc_config = std::move(vpc);
    }
  }
  req.network_config = std::move(n);
}

void read_experiment(Reader& r, const json& j, Request& req) {
  ExperimentConfig e;
  e.pointer = "/ExperimentConfig";
  if (!r.structure(j, e.pointer, "ExperimentConfig",
                   {"ExperimentName", "TrialName", "TrialComponentDisplayName", "RunName"}, {})) {
    return;
  }
  e.experiment_name = r.string(j, e.pointer, "ExperimentName");
  e.trial_name = r.string(j, e.pointer, "TrialName");
  e.trial_component_display_name = r.string(j, e.pointer, "TrialComponentDisplayName");
  e.run_name = r.string(j, e.pointer, "RunName");
  req.experiment_config = std::move(e);
}

void read_tags(Reader& r, const json& list, Request& req) {
  // Counted here: a tag that is not an object is not in the model.
  if (list.size() > 50) {
    r.report("/Tags", "Tags must have at most 50 items, got " + std::to_string(list.size()));
  }
  for (std::size_t i = 0; i < list.size(); ++i) {
    Tag t;
    t.pointer = member_pointer("/Tags", i);
    if (!r.structure(list[i], t.pointer, "Tag", {"Key", "Value"}, {"Key", "Value"})) continue;
    read_into(r, list[i], t.pointer, "Key", t.key);
    read_into(r, list[i], t.pointer, "Value", t.value);
    req.tags.push_back(std::move(t));
  }
}

Request read_request(Reader& r, const json& j) {
  Request req;
  req.processing_resources.pointer = "/ProcessingResources";
  req.processing_resources.cluster_config.pointer = "/ProcessingResources/ClusterConfig";
  req.app_specification.pointer = "/AppSpecification";
  r.structure(j, "", "the request",
              {"ProcessingInputs", "ProcessingOutputConfig", "ProcessingJobName",
               "ProcessingResources", "StoppingCondition", "AppSpecification", "Environment",
               "NetworkConfig", "RoleArn", "ExperimentConfig", "Tags"},
              {"ProcessingJobName", "ProcessingResources", "AppSpecification", "RoleArn"});
  read_into(r, j, "", "ProcessingJobName", req.processing_job_name);
  if (const json* list = r.array(j, "", "ProcessingInputs")) {
    for (std::size_t i = 0; i < list->size(); ++i) {
      req.processing_inputs.push_back(
          read_input(r, (*list)[i], member_pointer("/ProcessingInputs", i)));
    }
  }
  if (const json* v = Reader::find(j, "ProcessingOutputConfig")) read_outputs(r, *v, req);
  if (const json* v = Reader::find(j, "ProcessingResources")) read_resources(r, *v, req);
  if (const json* v = Reader::find(j, "StoppingCondition")) {
    StoppingCondition s;
    s.pointer = "/StoppingCondition";
    if (r.structure(*v, s.pointer, "StoppingCondition", {"MaxRuntimeInSeconds"},
                    {"MaxRuntimeInSeconds"})) {
      if (auto m = r.integer(*v, s.pointer, "MaxRuntimeInSeconds")) s.max_runtime_in_seconds = *m;
      req.stopping_condition = s;
    }
  }
  if (const json* v = Reader::find(j, "AppSpecification")) read_app(r, *v, req);
  if (const json* v = Reader::find(j, "Environment")) read_environment(r, *v, req);
  if (const json* v = Reader::find(j, "NetworkConfig")) read_network(r, *v, req);
  read_into(r, j, "", "RoleArn", req.role_arn);
  if (const json* v = Reader::find(j, "ExperimentConfig")) read_experiment(r, *v, req);
  if (const json* list = r.array(j, "", "Tags")) read_tags(r, *list, req);
  return req;
}

// nlohmann's messages start with "[json.exception.parse_error.101] " and may quote
// the whole last token (a 100 MB string): keep one short line.
std::string parse_error_line(const char* what) {
  std::string_view m(what);
  if (!m.empty() && m.front() == '[') {
    auto close = m.find("] ");
    if (close != std::string_view::npos) m.remove_prefix(close + 2);
  }
  return "not valid JSON: " + printable(m, 200);
}

}  // namespace

ParseResult parse_request(std::string_view json_text) {
  ParseResult result;
  json doc;
  try {
    doc = json::parse(json_text.begin(), json_text.end());
  } catch (const json::parse_error& e) {
    result.error = parse_error_line(e.what());
    return result;
  } catch (const std::exception& e) {
    result.error = "cannot read the JSON: " + printable(e.what(), 200);
    return result;
  }
  if (!doc.is_object()) {
    result.error = "not a CreateProcessingJob request: the JSON top level is " +
                   std::string(kind_of(doc)) + ", not an object";
    return result;
  }
  Request::ReadProblems read;
  Reader reader(read.problems);
  result.request = read_request(reader, doc);
  read.unread = reader.unread();
  result.request->read = std::move(read);
  return result;
}

bool looks_like_request(std::string_view text) {
  std::size_t i = 0;
  if (text.substr(0, 3) == "\xEF\xBB\xBF") i = 3;  // UTF-8 byte order mark
  while (i < text.size() &&
         (text[i] == ' ' || text[i] == '\t' || text[i] == '\n' || text[i] == '\r')) {
    ++i;
  }
  if (i >= text.size() || text[i] != '{') return false;
  json doc = json::parse(text.begin(), text.end(), nullptr, /*allow_exceptions=*/false);
  if (doc.is_discarded()) return text.find("\"AppSpecification\"") != std::string_view::npos;
  return doc.is_object() && doc.contains("AppSpecification");
}

}  // namespace sagelint::request
