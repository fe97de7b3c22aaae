#include "runtime/report.hpp"

#include <ctime>

#include "runtime/job_layout.hpp"

namespace sagelint::runtime {

std::string iso_time(std::chrono::system_clock::time_point t) {
  auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(t.time_since_epoch()).count();
  std::time_t secs = static_cast<std::time_t>(ms / 1000);
  std::tm tm{};
  gmtime_r(&secs, &tm);
  char buf[64];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", tm.tm_year + 1900,
                tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec,
                static_cast<int>(ms % 1000));
  return buf;
}

nlohmann::ordered_json job_report(const ReportInput& in) {
  const JobSpec& job = in.job;
  // The request part is what the container saw in processingjobconfig.json.
  nlohmann::ordered_json config = processing_job_config(job);
  nlohmann::ordered_json r;
  r["ProcessingJobName"] = job.name;
  r["ProcessingJobArn"] = job.arn();
  std::string status = in.status_override;
  std::string reason = in.failure_reason_override;
  if (in.result) {
    if (status.empty()) status = std::string(to_string(in.result->status));
    if (reason.empty()) reason = in.result->failure_reason;
  }
  r["ProcessingJobStatus"] = status.empty() ? "Failed" : status;
  if (in.result && !in.result->exit_message.empty()) r["ExitMessage"] = in.result->exit_message;
  if (!reason.empty()) r["FailureReason"] = reason;
  if (in.result) {
    r["CreationTime"] = iso_time(in.result->start_time);
    r["ProcessingStartTime"] = iso_time(in.result->start_time);
    r["ProcessingEndTime"] = iso_time(in.result->end_time);
    r["LastModifiedTime"] = iso_time(in.result->end_time);
  }
  r["StoppingCondition"] = config["StoppingCondition"];
  r["ProcessingResources"] = config["ProcessingResources"];
  r["AppSpecification"] = config["AppSpecification"];
  r["Environment"] = config["Environment"];
  r["ProcessingInputs"] = config["ProcessingInputs"];
  if (!config["ProcessingOutputConfig"].is_null())
    r["ProcessingOutputConfig"] = config["ProcessingOutputConfig"];
  if (config.contains("NetworkConfig")) r["NetworkConfig"] = config["NetworkConfig"];
  r["RoleArn"] = job.role_arn;
  r["Runtime"] = in.runtime;
  if (in.command) {
    r["ResolvedCommand"] = in.command->argv;
    r["CommandSource"] = std::string(to_string(in.command->which));
  }
  nlohmann::ordered_json hosts = nlohmann::ordered_json::array();
  if (in.result) {
    for (const auto& h : in.result->hosts) {
      nlohmann::ordered_json jh;
      jh["Host"] = h.host;
      jh["ExitCode"] = h.exit_code ? nlohmann::ordered_json(*h.exit_code) : nullptr;
      jh["Signal"] = h.signal ? nlohmann::ordered_json(*h.signal) : nullptr;
      jh["StoppedBy"] = h.stopped_by ? nlohmann::ordered_json(*h.stopped_by) : nullptr;
      jh["StopSignal"] = h.stop_signal ? nlohmann::ordered_json(*h.stop_signal) : nullptr;
      jh["SecondsToExitAfterStop"] = h.seconds_to_exit_after_stop
                                         ? nlohmann::ordered_json(*h.seconds_to_exit_after_stop)
                                         : nullptr;
      jh["NeededKill"] = h.needed_kill;
      if (!h.start_error.empty()) jh["StartError"] = h.start_error;
      const HostLimits& l = h.limits;
      nlohmann::ordered_json limits;
      limits["InstanceType"] = l.instance_type;
      limits["Vcpus"] = l.vcpus;
      limits["MemoryBytes"] = l.memory_bytes;
      limits["Pids"] = l.pids;
      limits["OpenFiles"] = l.open_files;
      limits["VolumeBytes"] = l.volume_bytes;
      limits["Seccomp"] =
          in.runtime == "docker" ? "the engine's default profile" : "Docker's default allow-list";
      limits["NoNewPrivileges"] = true;
      limits["UserNamespace"] =
          l.userns ? nlohmann::ordered_json{{"HostId", l.userns->host_id}, {"Size", l.userns->size}}
                   : nlohmann::ordered_json(nullptr);
      jh["Limits"] = limits;
      nlohmann::ordered_json files = nlohmann::ordered_json::array();
      for (const auto& f : h.files)
        files.push_back(
            {{"Phase", f.phase}, {"Action", f.action}, {"Path", f.path}, {"Detail", f.detail}});
      jh["Files"] = files;
      hosts.push_back(jh);
    }
  }
  r["Hosts"] = hosts;
  if (in.result && !in.result->file_failures.empty()) r["FileFailures"] = in.result->file_failures;
  r["Findings"] = in.findings.is_array() ? in.findings : nlohmann::ordered_json::array();
  return r;
}

}  // namespace sagelint::runtime
