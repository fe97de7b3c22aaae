#pragma once
// The job as the runtime sees it: what one `sagelint run` executes. It is built from the
// request model and the command-line flags (lint/run_command.cpp) and from the image's config
// (image::ImageConfig, from the image reader or `docker image inspect`); everything
// below it only reads it.
#include <csignal>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace sagelint::runtime {

using Argv = std::vector<std::string>;

// One ProcessingInput or ProcessingOutput. `echo` is the request member with the defaults
// SageMaker fills in, written back into processingjobconfig.json; `host_dir` is where the
// data comes from (inputs) or goes to (outputs) on this machine, if anywhere.
struct ChannelSpec {
  std::string name;
  std::string local_path;
  std::optional<std::string> host_dir;
  nlohmann::ordered_json echo;
};

// none: loopback of its own per container; private_network: the job's hosts share one
// network with no way out; host: the machine's own network stack, as `docker run
// --network host` (opt-in, weaker: docs/run.md "Threat model").
enum class NetworkMode { none, private_network, host };

struct JobSpec {
  std::string name = "sagelint-local-job";
  std::string region = "local";
  std::string account = "000000000000";
  std::string image_uri;
  std::string role_arn = "arn:aws:iam::000000000000:role/sagelint-local";
  std::optional<Argv> entrypoint;  // AppSpecification.ContainerEntrypoint
  std::optional<Argv> arguments;   // AppSpecification.ContainerArguments
  std::map<std::string, std::string> environment;
  std::vector<ChannelSpec> inputs;
  std::vector<ChannelSpec> outputs;
  std::optional<std::string> output_kms_key;
  int instance_count = 1;
  std::string instance_type = "ml.m5.xlarge";
  int volume_size_gb = 30;
  std::optional<std::string> volume_kms_key;
  int max_runtime_seconds = 86400;        // the SDK's default when the request has none
  bool max_runtime_given = false;         // StoppingCondition present in the request or flags
  nlohmann::ordered_json network_config;  // echoed when the request has one
  // Local controls: not part of the request.
  std::optional<double> stop_after_seconds;
  int stop_signal = SIGTERM;
  double stop_grace_seconds = 120;
  NetworkMode network = NetworkMode::none;
  bool keep = false;
  bool user_namespace = false;  // --userns: container root is an unprivileged host ID

  std::string arn() const {
    return "arn:aws:sagemaker:" + region + ":" + account + ":processing-job/" + name;
  }
};

}  // namespace sagelint::runtime
