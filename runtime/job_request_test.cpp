#include "runtime/job_request.hpp"

#include <doctest/doctest.h>

using namespace sagelint::runtime;

TEST_CASE("merge_environment: image Env first, the job's values win in place, PATH added") {
  auto env = merge_environment({"A=image", "B=image"}, {{"B", "job"}, {"C", "job"}});
  CHECK(env == std::vector<std::string>{
                   "PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin", "A=image",
                   "B=job", "C=job"});
  auto kept = merge_environment({"PATH=/opt/bin"}, {});
  CHECK(kept == std::vector<std::string>{"PATH=/opt/bin"});
}

TEST_CASE("job_from_request fills SageMaker's defaults into the echoed inputs") {
  auto parsed = sagelint::request::parse_request(R"({
    "ProcessingJobName": "j1",
    "RoleArn": "arn:aws:iam::123456789012:role/r",
    "AppSpecification": {"ImageUri": "img", "ContainerArguments": ["--x"]},
    "ProcessingResources": {"ClusterConfig": {"InstanceCount": 2, "InstanceType": "ml.m5.large", "VolumeSizeInGB": 5}},
    "StoppingCondition": {"MaxRuntimeInSeconds": 60},
    "ProcessingInputs": [{"InputName": "in", "S3Input": {"S3Uri": "s3://b/k", "LocalPath": "/opt/ml/processing/in", "S3DataType": "S3Prefix"}}],
    "ProcessingOutputConfig": {"Outputs": [{"OutputName": "o", "S3Output": {"S3Uri": "s3://b/o", "LocalPath": "/opt/ml/processing/out", "S3UploadMode": "EndOfJob"}}]}
  })");
  REQUIRE(parsed.ok());
  CHECK(sagelint::request::model_problems(*parsed.request).empty());
  auto job = job_from_request(*parsed.request, {{"/opt/ml/processing/in", "/host/in"}}, {});
  CHECK(job.name == "j1");
  CHECK_FALSE(job.entrypoint.has_value());
  CHECK(job.arguments == Argv{"--x"});
  CHECK(job.instance_count == 2);
  CHECK(job.max_runtime_seconds == 60);
  REQUIRE(job.inputs.size() == 1);
  CHECK(job.inputs[0].host_dir == std::string("/host/in"));
  const auto& s3 = job.inputs[0].echo["S3Input"];
  CHECK(s3["S3InputMode"] == "File");
  CHECK(s3["S3DataDistributionType"] == "FullyReplicated");
  CHECK(s3["S3CompressionType"] == "None");
  CHECK(s3["S3DownloadMode"] == "StartOfJob");
  REQUIRE(job.outputs.size() == 1);
  CHECK_FALSE(job.outputs[0].host_dir.has_value());
  CHECK(job.arn() == "arn:aws:sagemaker:local:000000000000:processing-job/j1");
}
