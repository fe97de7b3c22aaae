#pragma once
// Test support: a full, valid request shaped like the ones the SageMaker Python SDK
// sends (research §1.8: ScriptProcessor code input, SDK default modes, outputs), and
// a way to change it member by member.
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "request/model.hpp"

namespace sagelint::request::testing {

inline nlohmann::json sdk_request() {
  return nlohmann::json::parse(R"({
    "ProcessingJobName": "preprocess-2024-05-01-10-00-00-123",
    "ProcessingInputs": [
      {"InputName": "input-1", "AppManaged": false,
       "S3Input": {"S3Uri": "s3://my-bucket/raw/", "LocalPath": "/opt/ml/processing/input/data",
                   "S3DataType": "S3Prefix", "S3InputMode": "File",
                   "S3DataDistributionType": "FullyReplicated", "S3CompressionType": "None"}},
      {"InputName": "code", "AppManaged": false,
       "S3Input": {"S3Uri": "s3://sagemaker-us-east-1-123456789012/preprocess/source/preprocess.py",
                   "LocalPath": "/opt/ml/processing/input/code", "S3DataType": "S3Prefix",
                   "S3InputMode": "File", "S3DataDistributionType": "FullyReplicated",
                   "S3CompressionType": "None"}}
    ],
    "ProcessingOutputConfig": {
      "Outputs": [
        {"OutputName": "train", "AppManaged": false,
         "S3Output": {"S3Uri": "s3://my-bucket/preprocess/output/train",
                      "LocalPath": "/opt/ml/processing/output/train", "S3UploadMode": "EndOfJob"}}
      ]
    },
    "ProcessingResources": {"ClusterConfig": {"InstanceCount": 2, "InstanceType": "ml.m5.xlarge",
                                              "VolumeSizeInGB": 30}},
    "StoppingCondition": {"MaxRuntimeInSeconds": 86400},
    "AppSpecification": {"ImageUri": "123456789012.dkr.ecr.us-east-1.amazonaws.com/preprocess:latest",
                         "ContainerEntrypoint": ["python3", "/opt/ml/processing/input/code/preprocess.py"],
                         "ContainerArguments": ["--train-test-split-ratio", "0.2"]},
    "Environment": {"PYTHONUNBUFFERED": "1"},
    "NetworkConfig": {"EnableNetworkIsolation": false,
                      "VpcConfig": {"SecurityGroupIds": ["sg-0123456789abcdef0"],
                                    "Subnets": ["subnet-0123456789abcdef0"]}},
    "RoleArn": "arn:aws:iam::123456789012:role/service-role/AmazonSageMaker-ExecutionRole-20240101T000000",
    "ExperimentConfig": {"ExperimentName": "churn", "TrialName": "churn-trial-1"},
    "Tags": [{"Key": "project", "Value": "churn model"}]
  })");
}

// A change to a request: set the member at `pointer` to `value`, or remove it
// when `value` is kRemove.
inline const nlohmann::json kRemove(nlohmann::json::value_t::discarded);

struct Patch {
  std::string pointer;
  nlohmann::json value;
};

inline nlohmann::json patched(nlohmann::json doc, const std::vector<Patch>& patches) {
  for (const auto& p : patches) {
    nlohmann::json::json_pointer ptr(p.pointer);
    if (!p.value.is_discarded()) {
      doc[ptr] = p.value;
    } else {
      auto& parent = doc[ptr.parent_pointer()];
      if (parent.is_array()) {
        parent.erase(std::stoul(ptr.back()));
      } else {
        parent.erase(ptr.back());
      }
    }
  }
  return doc;
}

// The pointer of each model problem (model_problems()), to compare with expectations
// in one line.
inline std::vector<std::string> found(const Request& request) {
  std::vector<std::string> out;
  for (const auto& p : model_problems(request)) out.push_back(p.pointer);
  return out;
}
inline std::vector<std::string> found(const ParseResult& result) {
  return result.request ? found(*result.request) : std::vector<std::string>{};
}

// One line for a list, so a failed comparison prints both sides.
inline std::string joined(const std::vector<std::string>& items) {
  std::string out;
  for (const auto& item : items) out += "[" + item + "] ";
  return out;
}

}  // namespace sagelint::request::testing
