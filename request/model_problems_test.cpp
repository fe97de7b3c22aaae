// Every constraint of the CreateProcessingJob model, one row each: a change to a
// valid SDK-shaped request and exactly the problems (by JSON Pointer) it must
// produce. Rows with no expected problem are valid variants.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "request/model.hpp"
#include "request/test_request.hpp"

// Generated names use std::string("K").append(...), not `"K" + std::to_string(i)`: g++ 12
// at -O3 gives a false -Wrestrict on inserting a literal at a string's front (GCC bug 105329).
namespace {

using nlohmann::json;
using sagelint::request::parse_request;
using namespace sagelint::request::testing;

struct Case {
  const char* name;
  std::vector<Patch> patches;
  std::vector<std::string> expected;  // pointers, in report order
};

std::string repeat(char c, std::size_t n) { return std::string(n, c); }

const std::string kIn = "/ProcessingInputs/0";
const std::string kS3 = "/ProcessingInputs/0/S3Input";
const std::string kOut = "/ProcessingOutputConfig/Outputs/0";
const std::string kCluster = "/ProcessingResources/ClusterConfig";
const std::string kApp = "/AppSpecification";

json athena() {
  return json{{"Catalog", "AwsDataCatalog"},     {"Database", "db"},
              {"QueryString", "SELECT 1"},       {"WorkGroup", "primary"},
              {"OutputS3Uri", "s3://b/athena/"}, {"OutputFormat", "PARQUET"},
              {"OutputCompression", "GZIP"}};
}
json redshift() {
  return json{{"ClusterId", "c1"},
              {"Database", "dev"},
              {"DbUser", "awsuser"},
              {"QueryString", "SELECT 1"},
              {"ClusterRoleArn", "arn:aws:iam::123456789012:role/Redshift"},
              {"OutputS3Uri", "s3://b/rs/"},
              {"OutputFormat", "CSV"},
              {"OutputCompression", "ZSTD"}};
}

std::vector<Case> cases() {
  return {
      {"the SDK-shaped request is valid", {}, {}},
      // ProcessingJobName
      {"job name 63 chars", {{"/ProcessingJobName", repeat('a', 63)}}, {}},
      {"job name with runs of hyphens", {{"/ProcessingJobName", "a--b-c"}}, {}},
      {"job name 64 chars", {{"/ProcessingJobName", repeat('a', 64)}}, {"/ProcessingJobName"}},
      {"job name empty", {{"/ProcessingJobName", ""}}, {"/ProcessingJobName"}},
      {"job name underscore", {{"/ProcessingJobName", "my_job"}}, {"/ProcessingJobName"}},
      {"job name dot", {{"/ProcessingJobName", "my.job"}}, {"/ProcessingJobName"}},
      {"job name leading hyphen", {{"/ProcessingJobName", "-job"}}, {"/ProcessingJobName"}},
      {"job name trailing hyphen", {{"/ProcessingJobName", "job-"}}, {"/ProcessingJobName"}},
      {"job name missing", {{"/ProcessingJobName", kRemove}}, {"/ProcessingJobName"}},
      {"job name a number", {{"/ProcessingJobName", 7}}, {"/ProcessingJobName"}},
      // RoleArn
      {"role arn in another partition", {{"/RoleArn", "arn:aws-cn:iam::123456789012:role/R"}}, {}},
      {"role arn missing", {{"/RoleArn", kRemove}}, {"/RoleArn"}},
      {"role arn too short", {{"/RoleArn", "arn:aws:iam::1:role"}}, {"/RoleArn"}},
      {"role arn 11-digit account",
       {{"/RoleArn", "arn:aws:iam::12345678901:role/R"}},
       {"/RoleArn"}},
      {"role arn of a user", {{"/RoleArn", "arn:aws:iam::123456789012:user/bob"}}, {"/RoleArn"}},
      {"role arn without a name", {{"/RoleArn", "arn:aws:iam::123456789012:role/"}}, {}},
      {"role arn too long",
       {{"/RoleArn", "arn:aws:iam::123456789012:role/" + repeat('r', 2020)}},
       {"/RoleArn"}},
      // ProcessingResources
      {"instance count 1", {{kCluster + "/InstanceCount", 1}}, {}},
      {"instance count 100", {{kCluster + "/InstanceCount", 100}}, {}},
      {"instance count 0", {{kCluster + "/InstanceCount", 0}}, {kCluster + "/InstanceCount"}},
      {"instance count 101", {{kCluster + "/InstanceCount", 101}}, {kCluster + "/InstanceCount"}},
      {"instance count negative",
       {{kCluster + "/InstanceCount", -1}},
       {kCluster + "/InstanceCount"}},
      {"instance count 2^64-1",
       {{kCluster + "/InstanceCount", 18446744073709551615ull}},
       {kCluster + "/InstanceCount"}},
      {"instance count a float",
       {{kCluster + "/InstanceCount", 1.5}},
       {kCluster + "/InstanceCount"}},
      {"instance count a string",
       {{kCluster + "/InstanceCount", "1"}},
       {kCluster + "/InstanceCount"}},
      {"instance count missing",
       {{kCluster + "/InstanceCount", kRemove}},
       {kCluster + "/InstanceCount"}},
      {"instance type g5", {{kCluster + "/InstanceType", "ml.g5.xlarge"}}, {}},
      {"instance type p5.4xlarge", {{kCluster + "/InstanceType", "ml.p5.4xlarge"}}, {}},
      {"instance type local",
       {{kCluster + "/InstanceType", "local"}},
       {kCluster + "/InstanceType"}},
      {"instance type without ml.",
       {{kCluster + "/InstanceType", "m5.xlarge"}},
       {kCluster + "/InstanceType"}},
      {"instance type a training-only type",
       {{kCluster + "/InstanceType", "ml.p4d.24xlarge"}},
       {kCluster + "/InstanceType"}},
      {"instance type missing",
       {{kCluster + "/InstanceType", kRemove}},
       {kCluster + "/InstanceType"}},
      {"volume 16384", {{kCluster + "/VolumeSizeInGB", 16384}}, {}},
      {"volume 16385", {{kCluster + "/VolumeSizeInGB", 16385}}, {kCluster + "/VolumeSizeInGB"}},
      {"volume 0", {{kCluster + "/VolumeSizeInGB", 0}}, {kCluster + "/VolumeSizeInGB"}},
      {"volume missing", {{kCluster + "/VolumeSizeInGB", kRemove}}, {kCluster + "/VolumeSizeInGB"}},
      {"volume kms key",
       {{kCluster + "/VolumeKmsKeyId", "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab"}},
       {}},
      {"volume kms key with a space",
       {{kCluster + "/VolumeKmsKeyId", "my key"}},
       {kCluster + "/VolumeKmsKeyId"}},
      {"volume kms key too long",
       {{kCluster + "/VolumeKmsKeyId", repeat('k', 2049)}},
       {kCluster + "/VolumeKmsKeyId"}},
      {"cluster config missing", {{kCluster, kRemove}}, {kCluster}},
      {"cluster config an array", {{kCluster, json::array()}}, {kCluster}},
      {"resources missing", {{"/ProcessingResources", kRemove}}, {"/ProcessingResources"}},
      // StoppingCondition
      {"max runtime 777600", {{"/StoppingCondition/MaxRuntimeInSeconds", 777600}}, {}},
      {"max runtime 777601",
       {{"/StoppingCondition/MaxRuntimeInSeconds", 777601}},
       {"/StoppingCondition/MaxRuntimeInSeconds"}},
      {"max runtime 0",
       {{"/StoppingCondition/MaxRuntimeInSeconds", 0}},
       {"/StoppingCondition/MaxRuntimeInSeconds"}},
      {"max runtime missing",
       {{"/StoppingCondition/MaxRuntimeInSeconds", kRemove}},
       {"/StoppingCondition/MaxRuntimeInSeconds"}},
      {"no stopping condition", {{"/StoppingCondition", kRemove}}, {}},
      // AppSpecification
      {"image uri missing", {{kApp + "/ImageUri", kRemove}}, {kApp + "/ImageUri"}},
      {"image uri 255", {{kApp + "/ImageUri", repeat('i', 255)}}, {}},
      {"image uri 256", {{kApp + "/ImageUri", repeat('i', 256)}}, {kApp + "/ImageUri"}},
      {"image uri with a newline", {{kApp + "/ImageUri", "repo\n:tag"}}, {kApp + "/ImageUri"}},
      {"no entrypoint nor arguments",
       {{kApp + "/ContainerEntrypoint", kRemove}, {kApp + "/ContainerArguments", kRemove}},
       {}},
      {"entrypoint empty list",
       {{kApp + "/ContainerEntrypoint", json::array()}},
       {kApp + "/ContainerEntrypoint"}},
      {"arguments empty list",
       {{kApp + "/ContainerArguments", json::array()}},
       {kApp + "/ContainerArguments"}},
      {"entrypoint with an empty item",
       {{kApp + "/ContainerEntrypoint", json::array({"python3", ""})}},
       {}},
      {"entrypoint 100 items",
       {{kApp + "/ContainerEntrypoint", json(std::vector<std::string>(100, "x"))}},
       {}},
      {"entrypoint 101 items",
       {{kApp + "/ContainerEntrypoint", json(std::vector<std::string>(101, "x"))}},
       {kApp + "/ContainerEntrypoint"}},
      {"argument 256 chars", {{kApp + "/ContainerArguments/1", repeat('a', 256)}}, {}},
      {"argument 257 chars",
       {{kApp + "/ContainerArguments/1", repeat('a', 257)}},
       {kApp + "/ContainerArguments/1"}},
      {"argument 256 non-ASCII chars",
       {{kApp + "/ContainerArguments/1",
         [] {
           std::string s;
           for (int i = 0; i < 256; ++i) s += "\xC3\xA9";
           return s;
         }()}},
       {}},
      {"argument with a newline",
       {{kApp + "/ContainerArguments/0", "a\nb"}},
       {kApp + "/ContainerArguments/0"}},
      {"argument with U+2028",
       {{kApp + "/ContainerArguments/0",
         "a\xE2\x80\xA8"
         "b"}},
       {kApp + "/ContainerArguments/0"}},
      {"argument a number",
       {{kApp + "/ContainerArguments/1", 0.2}},
       {kApp + "/ContainerArguments/1"}},
      {"arguments a string",
       {{kApp + "/ContainerArguments", "--x"}},
       {kApp + "/ContainerArguments"}},
      {"app spec missing", {{kApp, kRemove}}, {kApp}},
      {"app spec unknown member",
       {{kApp + "/Entrypoint", json::array({"x"})}},
       {kApp + "/Entrypoint"}},
      // Environment
      {"env 100 entries",
       {{"/Environment",
         [] {
           json e = json::object();
           for (int i = 0; i < 100; ++i) e[std::string("K").append(std::to_string(i))] = "v";
           return e;
         }()}},
       {}},
      {"env 101 entries",
       {{"/Environment",
         [] {
           json e = json::object();
           for (int i = 0; i < 101; ++i) e[std::string("K").append(std::to_string(i))] = "v";
           return e;
         }()}},
       {"/Environment"}},
      {"env key with a dash", {{"/Environment/MY-VAR", "1"}}, {"/Environment/MY-VAR"}},
      {"env key starting with a digit", {{"/Environment/1VAR", "1"}}, {"/Environment/1VAR"}},
      {"env key empty", {{"/Environment", json{{"", "1"}}}}, {"/Environment/"}},
      {"env key 257 chars",
       {{"/Environment/" + repeat('K', 257), "1"}},
       {"/Environment/" + repeat('K', 257)}},
      {"env value 256 chars with newlines", {{"/Environment/V", repeat('\n', 256)}}, {}},
      {"env value 257 chars", {{"/Environment/V", repeat('v', 257)}}, {"/Environment/V"}},
      {"env value a number", {{"/Environment/V", 1}}, {"/Environment/V"}},
      {"env key with a slash is escaped",
       {{"/Environment", json{{"A/B", "1"}}}},
       {"/Environment/A~1B"}},
      {"env an array", {{"/Environment", json::array()}}, {"/Environment"}},
      // ProcessingInputs
      {"no inputs", {{"/ProcessingInputs", kRemove}}, {}},
      {"empty inputs", {{"/ProcessingInputs", json::array()}}, {}},
      {"11 inputs",
       {{"/ProcessingInputs",
         [] {
           json list = json::array();
           for (int i = 0; i < 11; ++i) {
             list.push_back({{"InputName", "in" + std::to_string(i)},
                             {"S3Input",
                              {{"S3Uri", "s3://b/k"},
                               {"S3DataType", "S3Prefix"},
                               {"LocalPath", "/opt/ml/processing/in" + std::to_string(i)}}}});
           }
           return list;
         }()}},
       {"/ProcessingInputs"}},
      {"inputs an object", {{"/ProcessingInputs", json::object()}}, {"/ProcessingInputs"}},
      {"input a string", {{kIn, "s3://b/k"}}, {kIn}},
      {"input name missing", {{kIn + "/InputName", kRemove}}, {kIn + "/InputName"}},
      {"input with S3Input and DatasetDefinition",
       {{kIn + "/DatasetDefinition",
         {{"AthenaDatasetDefinition", athena()}, {"LocalPath", "/opt/ml/processing/athena"}}}},
       {kIn}},
      {"input with neither source", {{kS3, kRemove}}, {kIn}},
      {"input with an unknown member",
       {{kIn + "/S3DownloadMode", "StartOfJob"}},
       {kIn + "/S3DownloadMode"}},
      {"input with a miscased member", {{kIn + "/inputName", "x"}}, {kIn + "/inputName"}},
      {"AppManaged a string", {{kIn + "/AppManaged", "false"}}, {kIn + "/AppManaged"}},
      {"S3Uri missing", {{kS3 + "/S3Uri", kRemove}}, {kS3 + "/S3Uri"}},
      {"S3Uri https", {{kS3 + "/S3Uri", "https://my-bucket.s3.amazonaws.com/raw"}}, {}},
      {"S3Uri bucket only", {{kS3 + "/S3Uri", "s3://my-bucket"}}, {}},
      {"S3Uri without scheme", {{kS3 + "/S3Uri", "my-bucket/raw"}}, {kS3 + "/S3Uri"}},
      {"S3Uri without bucket", {{kS3 + "/S3Uri", "s3:///raw"}}, {kS3 + "/S3Uri"}},
      {"S3Uri 1025 chars", {{kS3 + "/S3Uri", "s3://b/" + repeat('k', 1018)}}, {kS3 + "/S3Uri"}},
      {"S3Uri 1024 chars", {{kS3 + "/S3Uri", "s3://b/" + repeat('k', 1017)}}, {}},
      {"S3DataType ManifestFile", {{kS3 + "/S3DataType", "ManifestFile"}}, {}},
      {"S3DataType miscased", {{kS3 + "/S3DataType", "s3prefix"}}, {kS3 + "/S3DataType"}},
      {"S3DataType missing", {{kS3 + "/S3DataType", kRemove}}, {kS3 + "/S3DataType"}},
      {"S3InputMode Pipe", {{kS3 + "/S3InputMode", "Pipe"}}, {}},
      {"S3InputMode unknown", {{kS3 + "/S3InputMode", "Stream"}}, {kS3 + "/S3InputMode"}},
      {"S3InputMode absent", {{kS3 + "/S3InputMode", kRemove}}, {}},
      {"S3DataDistributionType ShardedByS3Key",
       {{kS3 + "/S3DataDistributionType", "ShardedByS3Key"}},
       {}},
      {"S3DataDistributionType unknown",
       {{kS3 + "/S3DataDistributionType", "Sharded"}},
       {kS3 + "/S3DataDistributionType"}},
      {"S3CompressionType unknown",
       {{kS3 + "/S3CompressionType", "Zstd"}},
       {kS3 + "/S3CompressionType"}},
      {"S3Input unknown member",
       {{kS3 + "/S3DownloadMode", "StartOfJob"}},
       {kS3 + "/S3DownloadMode"}},
      {"S3Input a string", {{kS3, "s3://b/k"}}, {kS3}},
      {"LocalPath missing", {{kS3 + "/LocalPath", kRemove}}, {kS3 + "/LocalPath"}},
      {"LocalPath optional when AppManaged",
       {{kIn + "/AppManaged", true}, {kS3 + "/LocalPath", kRemove}},
       {}},
      {"LocalPath null counts as absent", {{kS3 + "/LocalPath", nullptr}}, {kS3 + "/LocalPath"}},
      {"LocalPath 257 chars",
       {{kS3 + "/LocalPath", "/opt/ml/processing/" + repeat('p', 238)}},
       {kS3 + "/LocalPath"}},
      {"LocalPath 256 chars", {{kS3 + "/LocalPath", "/opt/ml/processing/" + repeat('p', 237)}}, {}},
      // DatasetDefinition
      {"athena dataset",
       {{kIn,
         {{"InputName", "athena"},
          {"DatasetDefinition",
           {{"AthenaDatasetDefinition", athena()},
            {"LocalPath", "/opt/ml/processing/athena"},
            {"DataDistributionType", "FullyReplicated"},
            {"InputMode", "File"}}}}}},
       {}},
      {"redshift dataset",
       {{kIn,
         {{"InputName", "rs"},
          {"DatasetDefinition",
           {{"RedshiftDatasetDefinition", redshift()}, {"LocalPath", "/opt/ml/processing/rs"}}}}}},
       {}},
      {"dataset with athena and redshift",
       {{kIn,
         {{"InputName", "x"},
          {"DatasetDefinition",
           {{"AthenaDatasetDefinition", athena()},
            {"RedshiftDatasetDefinition", redshift()},
            {"LocalPath", "/opt/ml/processing/x"}}}}}},
       {kIn + "/DatasetDefinition"}},
      {"dataset with neither",
       {{kIn,
         {{"InputName", "x"}, {"DatasetDefinition", {{"LocalPath", "/opt/ml/processing/x"}}}}}},
       {kIn + "/DatasetDefinition"}},
      {"dataset without LocalPath",
       {{kIn,
         {{"InputName", "x"}, {"DatasetDefinition", {{"AthenaDatasetDefinition", athena()}}}}}},
       {kIn + "/DatasetDefinition/LocalPath"}},
      {"athena bad fields",
       {{kIn,
         {{"InputName", "x"},
          {"DatasetDefinition",
           {{"AthenaDatasetDefinition",
             [] {
               json a = athena();
               a["WorkGroup"] = "my group";
               a["OutputFormat"] = "CSV";
               a["OutputCompression"] = "ZSTD";
               a["Catalog"] = "";
               a["QueryString"] = repeat('q', 4097);
               a.erase("Database");
               return a;
             }()},
            {"LocalPath", "/opt/ml/processing/x"}}}}}},
       {kIn + "/DatasetDefinition/AthenaDatasetDefinition/Database",
        kIn + "/DatasetDefinition/AthenaDatasetDefinition/Catalog",
        kIn + "/DatasetDefinition/AthenaDatasetDefinition/QueryString",
        kIn + "/DatasetDefinition/AthenaDatasetDefinition/WorkGroup",
        kIn + "/DatasetDefinition/AthenaDatasetDefinition/OutputFormat",
        kIn + "/DatasetDefinition/AthenaDatasetDefinition/OutputCompression"}},
      {"redshift bad fields",
       {{kIn,
         {{"InputName", "x"},
          {"DatasetDefinition",
           {{"RedshiftDatasetDefinition",
             [] {
               json r = redshift();
               r["ClusterId"] = repeat('c', 64);
               r["Database"] = repeat('d', 65);
               r["DbUser"] = repeat('u', 129);
               r["ClusterRoleArn"] = "role";
               r["OutputS3Uri"] = "ftp://x";
               r["OutputFormat"] = "PARQUET";
               r["OutputCompression"] = "ZLIB";
               return r;
             }()},
            {"LocalPath", "/opt/ml/processing/x"}}}}}},
       {kIn + "/DatasetDefinition/RedshiftDatasetDefinition/ClusterId",
        kIn + "/DatasetDefinition/RedshiftDatasetDefinition/Database",
        kIn + "/DatasetDefinition/RedshiftDatasetDefinition/DbUser",
        kIn + "/DatasetDefinition/RedshiftDatasetDefinition/ClusterRoleArn",
        kIn + "/DatasetDefinition/RedshiftDatasetDefinition/OutputS3Uri",
        kIn + "/DatasetDefinition/RedshiftDatasetDefinition/OutputCompression"}},
      {"dataset distribution and mode enums",
       {{kIn,
         {{"InputName", "x"},
          {"DatasetDefinition",
           {{"AthenaDatasetDefinition", athena()},
            {"LocalPath", "/opt/ml/processing/x"},
            {"DataDistributionType", "Replicated"},
            {"InputMode", "Stream"}}}}}},
       {kIn + "/DatasetDefinition/DataDistributionType", kIn + "/DatasetDefinition/InputMode"}},
      // ProcessingOutputConfig
      {"no output config", {{"/ProcessingOutputConfig", kRemove}}, {}},
      {"no outputs", {{"/ProcessingOutputConfig/Outputs", json::array()}}, {}},
      {"outputs missing",
       {{"/ProcessingOutputConfig/Outputs", kRemove}},
       {"/ProcessingOutputConfig/Outputs"}},
      {"11 outputs",
       {{"/ProcessingOutputConfig/Outputs",
         [] {
           json list = json::array();
           for (int i = 0; i < 11; ++i) {
             list.push_back({{"OutputName", std::string("o").append(std::to_string(i))},
                             {"S3Output",
                              {{"S3Uri", "s3://b/o"},
                               {"S3UploadMode", "EndOfJob"},
                               {"LocalPath", "/opt/ml/processing/o" + std::to_string(i)}}}});
           }
           return list;
         }()}},
       {"/ProcessingOutputConfig/Outputs"}},
      {"output kms key", {{"/ProcessingOutputConfig/KmsKeyId", "alias/my-key"}}, {}},
      {"output kms key bad",
       {{"/ProcessingOutputConfig/KmsKeyId", "alias/my key"}},
       {"/ProcessingOutputConfig/KmsKeyId"}},
      {"output name missing", {{kOut + "/OutputName", kRemove}}, {kOut + "/OutputName"}},
      {"S3UploadMode Continuous", {{kOut + "/S3Output/S3UploadMode", "Continuous"}}, {}},
      {"S3UploadMode bad",
       {{kOut + "/S3Output/S3UploadMode", "AtEnd"}},
       {kOut + "/S3Output/S3UploadMode"}},
      {"S3UploadMode missing",
       {{kOut + "/S3Output/S3UploadMode", kRemove}},
       {kOut + "/S3Output/S3UploadMode"}},
      {"output S3Uri bad", {{kOut + "/S3Output/S3Uri", "/local/dir"}}, {kOut + "/S3Output/S3Uri"}},
      {"output LocalPath missing",
       {{kOut + "/S3Output/LocalPath", kRemove}},
       {kOut + "/S3Output/LocalPath"}},
      {"output with neither", {{kOut + "/S3Output", kRemove}}, {kOut}},
      {"feature store output, app managed",
       {{kOut,
         {{"OutputName", "fs"},
          {"AppManaged", true},
          {"FeatureStoreOutput", {{"FeatureGroupName", "customers_v2"}}}}}},
       {}},
      {"feature store output, not app managed",
       {{kOut,
         {{"OutputName", "fs"}, {"FeatureStoreOutput", {{"FeatureGroupName", "customers"}}}}}},
       {kOut + "/FeatureStoreOutput"}},
      {"feature group name bad",
       {{kOut,
         {{"OutputName", "fs"},
          {"AppManaged", true},
          {"FeatureStoreOutput", {{"FeatureGroupName", "_customers"}}}}}},
       {kOut + "/FeatureStoreOutput/FeatureGroupName"}},
      {"feature group name 65",
       {{kOut,
         {{"OutputName", "fs"},
          {"AppManaged", true},
          {"FeatureStoreOutput", {{"FeatureGroupName", repeat('f', 65)}}}}}},
       {kOut + "/FeatureStoreOutput/FeatureGroupName"}},
      {"output with S3Output and FeatureStoreOutput",
       {{kOut + "/AppManaged", true}, {kOut + "/FeatureStoreOutput", {{"FeatureGroupName", "fg"}}}},
       {kOut}},
      // NetworkConfig
      {"network flags a string",
       {{"/NetworkConfig/EnableNetworkIsolation", "true"}},
       {"/NetworkConfig/EnableNetworkIsolation"}},
      {"6 security groups",
       {{"/NetworkConfig/VpcConfig/SecurityGroupIds", json(std::vector<std::string>(6, "sg-1"))}},
       {"/NetworkConfig/VpcConfig/SecurityGroupIds"}},
      {"no security groups",
       {{"/NetworkConfig/VpcConfig/SecurityGroupIds", json::array()}},
       {"/NetworkConfig/VpcConfig/SecurityGroupIds"}},
      {"16 subnets",
       {{"/NetworkConfig/VpcConfig/Subnets", json(std::vector<std::string>(16, "subnet-1"))}},
       {}},
      {"17 subnets",
       {{"/NetworkConfig/VpcConfig/Subnets", json(std::vector<std::string>(17, "subnet-1"))}},
       {"/NetworkConfig/VpcConfig/Subnets"}},
      {"subnet id bad",
       {{"/NetworkConfig/VpcConfig/Subnets/0", "subnet_1"}},
       {"/NetworkConfig/VpcConfig/Subnets/0"}},
      {"subnet id 33 chars",
       {{"/NetworkConfig/VpcConfig/Subnets/0", repeat('s', 33)}},
       {"/NetworkConfig/VpcConfig/Subnets/0"}},
      {"vpc config without subnets",
       {{"/NetworkConfig/VpcConfig/Subnets", kRemove}},
       {"/NetworkConfig/VpcConfig/Subnets"}},
      // ExperimentConfig
      {"experiment run name", {{"/ExperimentConfig/RunName", "run-1"}}, {}},
      {"experiment name 121",
       {{"/ExperimentConfig/ExperimentName", repeat('e', 121)}},
       {"/ExperimentConfig/ExperimentName"}},
      {"trial name underscore",
       {{"/ExperimentConfig/TrialName", "trial_1"}},
       {"/ExperimentConfig/TrialName"}},
      {"trial component display name empty",
       {{"/ExperimentConfig/TrialComponentDisplayName", ""}},
       {"/ExperimentConfig/TrialComponentDisplayName"}},
      // Tags
      {"tag value empty", {{"/Tags/0/Value", ""}}, {}},
      {"tag key non-ASCII", {{"/Tags/0/Key", "Kostenstelle-\xC3\xBC"}}, {}},
      {"tag key empty", {{"/Tags/0/Key", ""}}, {"/Tags/0/Key"}},
      {"tag key 129", {{"/Tags/0/Key", repeat('k', 129)}}, {"/Tags/0/Key"}},
      {"tag key with a hash", {{"/Tags/0/Key", "cost#center"}}, {"/Tags/0/Key"}},
      {"tag value 257", {{"/Tags/0/Value", repeat('v', 257)}}, {"/Tags/0/Value"}},
      {"tag without value", {{"/Tags/0/Value", kRemove}}, {"/Tags/0/Value"}},
      {"51 tags",
       {{"/Tags",
         [] {
           json t = json::array();
           for (int i = 0; i < 51; ++i)
             t.push_back({{"Key", std::string("k").append(std::to_string(i))}, {"Value", "v"}});
           return t;
         }()}},
       {"/Tags"}},
      {"51 tags, one not an object",
       {{"/Tags",
         [] {
           json t = json::array();
           for (int i = 0; i < 50; ++i)
             t.push_back({{"Key", std::string("k").append(std::to_string(i))}, {"Value", "v"}});
           t.push_back(1);
           return t;
         }()}},
       {"/Tags", "/Tags/50"}},
      // Unknown top-level members
      {"unknown top-level member",
       {{"/ProcessingJobArn", "arn:aws:sagemaker:us-east-1:123456789012:processing-job/x"}},
       {"/ProcessingJobArn"}},
      {"null optional member", {{"/ExperimentConfig", nullptr}}, {}},
      // Values the model lists but the service rejects are judged by the rules
      // (SMJ004); to the model, FastFile is outside the enum and Gzip is a valid value.
      {"FastFile is not an input mode",
       {{kS3 + "/S3InputMode", "FastFile"}},
       {kS3 + "/S3InputMode"}},
      {"Gzip with File", {{kS3 + "/S3CompressionType", "Gzip"}}, {}},
  };
}

}  // namespace

TEST_CASE("every CreateProcessingJob constraint is caught at its JSON Pointer") {
  const json base = sdk_request();
  for (const auto& c : cases()) {
    std::string name = c.name;
    CAPTURE(name);
    auto result = parse_request(patched(base, c.patches).dump());
    REQUIRE(result.ok());
    CHECK(joined(found(result)) == joined(c.expected));
    for (const auto& p : sagelint::request::model_problems(*result.request)) {
      CAPTURE(p.message);
      CHECK(!p.message.empty());
      CHECK(p.message.find('\n') == std::string::npos);
    }
  }
}

TEST_CASE("messages say what is wrong and what is allowed") {
  const json base = sdk_request();
  auto message_for = [&](std::vector<Patch> patches) {
    auto result = parse_request(patched(base, patches).dump());
    REQUIRE(result.ok());
    auto problems = sagelint::request::model_problems(*result.request);
    REQUIRE(problems.size() == 1);
    return problems[0].message;
  };
  CHECK(message_for({{kCluster + "/InstanceCount", 0}}) ==
        "InstanceCount must be between 1 and 100, got 0");
  CHECK(message_for({{"/ProcessingJobName", repeat('a', 64)}}) ==
        "ProcessingJobName must be 1 to 63 characters long, got 64");
  CHECK(message_for({{"/ProcessingJobName", "my_job"}}) ==
        "ProcessingJobName must be letters, digits and hyphens, starting and ending with a "
        "letter or digit, got \"my_job\"");
  CHECK(message_for({{kS3 + "/S3DataType", "s3prefix"}}) ==
        "S3DataType must be one of ManifestFile, S3Prefix, got \"s3prefix\" (values are "
        "case-sensitive: S3Prefix)");
  CHECK(message_for({{kIn + "/inputName", "x"}}).find("did you mean InputName?") !=
        std::string::npos);
  CHECK(message_for({{kCluster + "/InstanceType", "ml.m5.24xl"}}).find("ml.m5.24xlarge") !=
        std::string::npos);
  CHECK(message_for({{kS3, kRemove}}) ==
        "ProcessingInput sets neither S3Input nor DatasetDefinition; set exactly one of them");
  CHECK(message_for({{kS3 + "/S3InputMode", "FastFile"}}) ==
        "S3InputMode must be one of Pipe, File, got \"FastFile\"");
}

TEST_CASE("the model keeps what the request says") {
  auto result = parse_request(sdk_request().dump());
  REQUIRE(result.ok());
  const auto& r = *result.request;
  CHECK(r.processing_job_name == "preprocess-2024-05-01-10-00-00-123");
  REQUIRE(r.processing_inputs.size() == 2);
  CHECK(r.processing_inputs[1].input_name == "code");
  CHECK(r.processing_inputs[1].local_path() ==
        std::optional<std::string>("/opt/ml/processing/input/code"));
  CHECK(r.processing_inputs[1].local_path_pointer() == "/ProcessingInputs/1/S3Input/LocalPath");
  CHECK(r.processing_inputs[0].s3_input->s3_input_mode == std::optional<std::string>("File"));
  REQUIRE(r.processing_output_config);
  CHECK(r.processing_output_config->outputs.at(0).s3_output->s3_upload_mode == "EndOfJob");
  CHECK(r.processing_output_config->outputs.at(0).pointer == "/ProcessingOutputConfig/Outputs/0");
  CHECK(r.processing_resources.cluster_config.instance_count == 2);
  CHECK(r.processing_resources.cluster_config.instance_type == "ml.m5.xlarge");
  CHECK(r.processing_resources.cluster_config.volume_size_in_gb == 30);
  CHECK(!r.processing_resources.cluster_config.volume_kms_key_id);
  CHECK(r.stopping_condition->max_runtime_in_seconds == 86400);
  CHECK(r.app_specification.container_entrypoint ==
        std::optional<std::vector<std::string>>(
            {"python3", "/opt/ml/processing/input/code/preprocess.py"}));
  CHECK(r.app_specification.container_arguments->size() == 2);
  CHECK(r.environment.at("PYTHONUNBUFFERED") == "1");
  CHECK(r.network_config->enable_network_isolation == std::optional<bool>(false));
  CHECK(r.network_config->vpc_config->subnets.size() == 1);
  CHECK(r.experiment_config->trial_name == std::optional<std::string>("churn-trial-1"));
  CHECK(r.tags.at(0).value == "churn model");

  auto bare = parse_request(patched(sdk_request(), {{kApp + "/ContainerEntrypoint", kRemove},
                                                    {kApp + "/ContainerArguments", json::array()}})
                                .dump());
  CHECK(!bare.request->app_specification.container_entrypoint);
  REQUIRE(bare.request->app_specification.container_arguments);
  CHECK(bare.request->app_specification.container_arguments->empty());
}

TEST_CASE("model_problems() re-checks a model changed in code") {
  auto result = parse_request(sdk_request().dump());
  REQUIRE(found(result).empty());
  auto request = *result.request;
  request.processing_resources.cluster_config.instance_count = 0;
  request.stopping_condition->max_runtime_in_seconds = 1000000;
  auto problems = sagelint::request::model_problems(request);
  REQUIRE(problems.size() == 2);
  CHECK(problems[0].pointer == kCluster + "/InstanceCount");
  CHECK(problems[1].pointer == "/StoppingCondition/MaxRuntimeInSeconds");
  CHECK(problems[1].member.empty());
}
