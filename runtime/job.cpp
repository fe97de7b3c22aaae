#include "runtime/job.hpp"

#include <poll.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <csignal>

#include "runtime/exit_message.hpp"
#include "runtime/job_layout.hpp"
#include "runtime/limits.hpp"
#include "runtime/printable.hpp"
#include "runtime/process.hpp"
#include "runtime/signal_names.hpp"

namespace sagelint::runtime {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

std::string_view to_string(JobStatus s) {
  switch (s) {
    case JobStatus::completed: return "Completed";
    case JobStatus::failed: return "Failed";
    case JobStatus::stopped: return "Stopped";
  }
  return "Failed";
}

namespace {

// After SIGKILL a container is gone at once; if its runtime child still has not
// exited after this long, the child itself is killed so that sagelint never hangs.
constexpr auto kKillGuard = std::chrono::seconds(15);
// How long an exited host's log pipes may still deliver data before they are closed.
constexpr auto kDrainGuard = std::chrono::seconds(2);

// Cuts a stream into lines and writes each one prefixed by its host. A carriage return
// ends a line too (progress bars redraw with it), and what the container wrote is made
// printable: its output can neither fake a line of sagelint's nor steer the terminal.
class LinePrefixer {
 public:
  LinePrefixer(std::string prefix, int out_fd) : prefix_(std::move(prefix)), fd_(out_fd) {}
  void feed(std::string_view data) {
    pending_.append(data);
    size_t start = 0;
    for (size_t nl; (nl = pending_.find_first_of("\r\n", start)) != std::string::npos;) {
      if (pending_[nl] == '\r' && nl + 1 == pending_.size()) break;  // "\r\n" may follow
      emit(std::string_view(pending_).substr(start, nl - start));
      start = nl + (pending_[nl] == '\r' && pending_[nl + 1] == '\n' ? 2 : 1);
    }
    pending_.erase(0, start);
    // A very long line without a newline is written in pieces: memory stays bounded.
    if (pending_.size() > 65536) {
      emit(pending_);
      pending_.clear();
    }
  }
  void finish() {
    if (!pending_.empty() && pending_.back() == '\r') pending_.pop_back();
    if (!pending_.empty()) emit(pending_);
    pending_.clear();
  }

 private:
  void emit(std::string_view line) { write_all(fd_, prefix_ + printable(line, true) + "\n"); }
  std::string prefix_;
  int fd_;
  std::string pending_;
};

struct LiveHost {
  ContainerSpec spec;
  HostResult result;
  pid_t pid = -1;
  int fds[2] = {-1, -1};
  std::unique_ptr<LinePrefixer> logs[2];
  bool running = false;
  bool started = false;
  int wait_status = -1;
  Clock::time_point exited_at{};
  std::optional<Clock::time_point> stop_sent;
  std::optional<Clock::time_point> kill_sent;
};

// Removes every started container and the runtime's shared pieces on every way out of
// run_job, exceptions included.
struct Cleanup {
  Runtime& runtime;
  std::vector<LiveHost>& hosts;
  ~Cleanup() {
    for (auto& h : hosts) {
      for (int& fd : h.fds)
        if (fd >= 0) {
          close(fd);
          fd = -1;
        }
      if (h.running) {
        runtime.signal(h.spec, SIGKILL);
        kill(h.pid, SIGKILL);
        wait_for_exit(h.pid);
        h.running = false;
      }
      if (h.started) runtime.remove(h.spec);
    }
    runtime.cleanup();
  }
};

}  // namespace

JobResult run_job(const JobSpec& job, const ContainerTemplate& tmpl, Runtime& runtime,
                  const fs::path& work_dir, SignalPipe& signals, int log_fd) {
  JobResult result;
  std::vector<LiveHost> hosts;
  Cleanup cleanup{runtime, hosts};
  const HostLimits limits = host_limits(job, job.user_namespace);
  CopyControl copy_control{[] { return SignalPipe::pending(); }, limits};
  runtime.prepare(job, work_dir.string());
  JobLayout layout = create_job_layout(job, work_dir, runtime.network_interface(),
                                       !runtime.resolves_host_names(), copy_control);

  // Container names are unique on the machine: the work dir's random suffix.
  std::string job_id = work_dir.filename().string();
  hosts.resize(layout.hosts.size());
  for (size_t i = 0; i < layout.hosts.size(); ++i) {
    auto& h = hosts[i];
    h.spec.host = layout.hosts[i].host;
    h.spec.name = job_id + "-" + h.spec.host;
    h.spec.argv = tmpl.argv;
    h.spec.env = tmpl.env;
    h.spec.working_dir = tmpl.working_dir;
    h.spec.user = tmpl.user;
    h.spec.mounts = layout.hosts[i].mounts;
    h.spec.limits = limits;
    h.result.host = h.spec.host;
    h.result.limits = limits;
    h.result.files = layout.hosts[i].notes;
  }
  auto log_notes = [&](const std::vector<FileNote>& notes, const std::string& host) {
    for (const auto& n : notes)
      if (n.action != "Failed")
        write_all(log_fd, "sagelint: " + host + ": " + printable(n.path) + ": " +
                              printable(n.detail) + "\n");
  };
  for (size_t i = 0; i < layout.hosts.size(); ++i)
    log_notes(layout.hosts[i].notes, hosts[i].spec.host);

  // An input that cannot be copied fails the job before anything runs, as a failed
  // download does on SageMaker; an interrupt during the copy stops it.
  if (layout.input_failure || layout.interrupted) {
    result.start_time = result.end_time = std::chrono::system_clock::now();
    for (auto& h : hosts) result.hosts.push_back(h.result);
    if (layout.interrupted) {
      result.interrupted_by = signals.interrupted();
      result.status = JobStatus::stopped;
      result.failure_reason = "Interrupted: sagelint received " +
                              std::string(signal_name(result.interrupted_by)) +
                              " while copying the inputs; nothing was run";
      for (auto& h : result.hosts) h.stopped_by = kStoppedByInterrupt;
    } else {
      write_all(log_fd, "sagelint: input failed: " + printable(*layout.input_failure) + "\n");
      result.file_failures.push_back(*layout.input_failure);
      result.status = JobStatus::failed;
      result.failure_reason = "ClientError: Failed to download data. " + *layout.input_failure;
    }
    if (result.failure_reason.size() > 1024) result.failure_reason.resize(1024);
    return result;
  }

  result.start_time = std::chrono::system_clock::now();
  const auto started_at = Clock::now();
  std::optional<std::string> stop_reason;
  std::optional<std::string> first_failure;  // "algo-2 exited with code 3"

  auto stop_all = [&](const std::string& reason, int sig) {
    if (!stop_reason) stop_reason = reason;
    for (auto& h : hosts) {
      if (!h.running || h.stop_sent) continue;
      h.result.stopped_by = reason;
      h.result.stop_signal = std::string(signal_name(sig));
      h.stop_sent = Clock::now();
      if (sig == SIGKILL) h.kill_sent = h.stop_sent;
      runtime.signal(h.spec, sig);
    }
  };

  for (auto& h : hosts) {
    if (signals.interrupted()) break;
    try {
      h.started = true;  // from here on there may be something to remove
      auto started = runtime.start(h.spec);
      h.pid = started.pid;
      h.fds[0] = started.stdout_fd;
      h.fds[1] = started.stderr_fd;
      h.logs[0] = std::make_unique<LinePrefixer>(h.spec.host + " | ", log_fd);
      h.logs[1] = std::make_unique<LinePrefixer>(h.spec.host + " | ", log_fd);
      h.running = true;
    } catch (const RuntimeError& e) {
      h.result.start_error = e.what();
      write_all(log_fd,
                h.spec.host + " | sagelint: cannot start the container: " + e.what() + "\n");
      if (!first_failure) first_failure = h.spec.host + " could not be started: " + e.what();
      break;  // the job has failed: do not start the rest
    }
  }
  if (first_failure) stop_all(kStoppedByPeerFailure, job.stop_signal);

  const auto max_runtime_deadline = started_at + std::chrono::seconds(job.max_runtime_seconds);
  std::optional<Clock::time_point> stop_after_deadline;
  if (job.stop_after_seconds)
    stop_after_deadline = started_at + std::chrono::duration_cast<Clock::duration>(
                                           std::chrono::duration<double>(*job.stop_after_seconds));
  const auto grace = std::chrono::duration_cast<Clock::duration>(
      std::chrono::duration<double>(job.stop_grace_seconds));

  char buf[65536];
  for (;;) {
    bool any_running = false, any_fd = false;
    for (auto& h : hosts) {
      any_running = any_running || h.running;
      any_fd = any_fd || h.fds[0] >= 0 || h.fds[1] >= 0;
    }
    if (!any_running && !any_fd) break;

    // The next moment something is due.
    auto now = Clock::now();
    auto next = now + std::chrono::seconds(1);
    if (!stop_reason) {
      next = std::min(next, max_runtime_deadline);
      if (stop_after_deadline) next = std::min(next, *stop_after_deadline);
    }
    for (auto& h : hosts) {
      if (h.running && h.stop_sent && !h.kill_sent) next = std::min(next, *h.stop_sent + grace);
      if (h.running && h.kill_sent) next = std::min(next, *h.kill_sent + kKillGuard);
      if (!h.running && (h.fds[0] >= 0 || h.fds[1] >= 0))
        next = std::min(next, h.exited_at + kDrainGuard);
    }
    int timeout_ms = static_cast<int>(std::max<long long>(
        0, std::chrono::duration_cast<std::chrono::milliseconds>(next - now).count() + 1));

    std::vector<pollfd> pfds;
    std::vector<std::pair<LiveHost*, int>> owners;
    pfds.push_back({signals.fd(), POLLIN, 0});
    owners.push_back({nullptr, 0});
    for (auto& h : hosts)
      for (int s = 0; s < 2; ++s)
        if (h.fds[s] >= 0) {
          pfds.push_back({h.fds[s], POLLIN, 0});
          owners.push_back({&h, s});
        }
    int ready = poll(pfds.data(), pfds.size(), timeout_ms);
    if (ready < 0 && errno != EINTR) break;

    for (size_t i = 1; ready > 0 && i < pfds.size(); ++i) {
      if (!(pfds[i].revents & (POLLIN | POLLHUP | POLLERR))) continue;
      auto [h, s] = owners[i];
      ssize_t n = read(h->fds[s], buf, sizeof buf);
      if (n > 0) {
        h->logs[s]->feed(std::string_view(buf, static_cast<size_t>(n)));
      } else if (n == 0 || (errno != EAGAIN && errno != EINTR)) {
        h->logs[s]->finish();
        close(h->fds[s]);
        h->fds[s] = -1;
      }
    }

    // sagelint itself was told to stop: containers are killed at once (this is the
    // user's stop, not the job's, so no grace and no finding), then the usual cleanup.
    if (int sig = signals.interrupted(); sig != 0 && !result.interrupted_by) {
      result.interrupted_by = sig;
      write_all(log_fd, "sagelint: got " + std::string(signal_name(sig)) +
                            ": killing every container and cleaning up\n");
      for (auto& h : hosts) {
        if (!h.started && !h.result.stopped_by) h.result.stopped_by = kStoppedByInterrupt;
        if (!h.running) continue;
        if (!h.stop_sent) {
          h.result.stopped_by = kStoppedByInterrupt;
          h.result.stop_signal = "SIGKILL";
          h.stop_sent = Clock::now();
        }
        h.kill_sent = Clock::now();
        runtime.signal(h.spec, SIGKILL);
      }
      if (!stop_reason) stop_reason = kStoppedByInterrupt;
    }

    now = Clock::now();
    for (auto& h : hosts) {
      if (!h.running) {
        if ((h.fds[0] >= 0 || h.fds[1] >= 0) && now >= h.exited_at + kDrainGuard)
          for (int s = 0; s < 2; ++s)
            if (h.fds[s] >= 0) {
              h.logs[s]->finish();
              close(h.fds[s]);
              h.fds[s] = -1;
            }
        continue;
      }
      int status = 0;
      pid_t r = waitpid(h.pid, &status, WNOHANG);
      if (r == h.pid) {
        h.running = false;
        h.wait_status = status;
        h.exited_at = now;
        int code = runtime.exit_code(h.spec, status);
        h.result.exit_code = code;
        if (code > 128 && code <= 128 + 64) h.result.signal = std::string(signal_name(code - 128));
        if (h.stop_sent)
          h.result.seconds_to_exit_after_stop =
              std::chrono::duration<double>(now - *h.stop_sent).count();
        if (code != 0 && !stop_reason && !first_failure) {
          first_failure = h.spec.host + " exited with code " + std::to_string(code);
          stop_all(kStoppedByPeerFailure, job.stop_signal);
        }
      } else if (h.kill_sent && now >= *h.kill_sent + kKillGuard) {
        // The runtime child did not come back after SIGKILL: end it too.
        kill(h.pid, SIGKILL);
      } else if (h.stop_sent && !h.kill_sent && now >= *h.stop_sent + grace) {
        h.kill_sent = now;
        h.result.needed_kill = true;
        runtime.signal(h.spec, SIGKILL);
      }
    }
    if (!stop_reason) {
      if (now >= max_runtime_deadline)
        stop_all(kStoppedByMaxRuntime, job.stop_signal);
      else if (stop_after_deadline && now >= *stop_after_deadline)
        stop_all(kStoppedByStopAfter, job.stop_signal);
    }
  }
  result.end_time = std::chrono::system_clock::now();

  // Containers go first: what is left to read lives in this machine's directories.
  for (auto& h : hosts) {
    if (h.started) runtime.remove(h.spec);
    h.started = false;
  }

  std::vector<fs::path> output_dirs;
  for (const auto& h : layout.hosts) output_dirs.push_back(h.output_dir);
  ExitMessage message = collect_exit_message(output_dirs);
  result.exit_message = message.text;
  for (const auto& u : message.unreadable) {
    for (auto& h : hosts)
      if (h.spec.host == u.host)
        h.result.files.push_back({"ExitMessage", "Failed", "/opt/ml/output/message", u.reason});
    std::string line = u.host + ": /opt/ml/output/message: " + u.reason;
    write_all(log_fd, "sagelint: exit message not read: " + printable(line) + "\n");
    result.file_failures.push_back(line);
  }

  // Outputs are copied back whatever the status, so that a failed run can be looked at.
  auto outputs = copy_outputs_back(job, layout, copy_control);
  for (size_t i = 0; i < hosts.size() && i < outputs.notes.size(); ++i) {
    log_notes(outputs.notes[i], hosts[i].spec.host);
    auto& files = hosts[i].result.files;
    files.insert(files.end(), outputs.notes[i].begin(), outputs.notes[i].end());
  }
  for (const auto& f : outputs.failures) {
    write_all(log_fd, "sagelint: output not copied back: " + printable(f) + "\n");
    result.file_failures.push_back(f);
  }
  if (outputs.interrupted && !result.interrupted_by) {
    result.interrupted_by = signals.interrupted();
    write_all(log_fd, "sagelint: interrupted while copying the outputs back; none was kept\n");
  }

  for (auto& h : hosts) result.hosts.push_back(h.result);

  result.observed.image = job.image_uri;
  result.observed.stop_grace_seconds = job.stop_grace_seconds;
  for (const auto& h : result.hosts) result.observed.hosts.push_back(h);  // the observed part
  result.observed.exit_message = {message.text, message.total_size, message.valid_utf8};
  result.observed.output_symlinks = std::move(outputs.symlinks);

  std::string client_error;
  if (!message.valid_utf8) client_error = "ClientError: /opt/ml/output/message is not valid UTF-8";
  if (!message.unreadable.empty() && client_error.empty())
    client_error = "ClientError: " + message.unreadable[0].host +
                   ": /opt/ml/output/message cannot be read: " + message.unreadable[0].reason;
  std::string upload_error;
  if (!outputs.failures.empty())
    upload_error = "ClientError: Failed to upload data. " + outputs.failures[0] +
                   (outputs.failures.size() > 1
                        ? " (and " + std::to_string(outputs.failures.size() - 1) + " more)"
                        : "");

  if (result.interrupted_by) {
    result.status = JobStatus::stopped;
    result.failure_reason =
        "Interrupted: sagelint received " + std::string(signal_name(result.interrupted_by));
  } else if (stop_reason == std::optional<std::string>(kStoppedByMaxRuntime)) {
    result.status = JobStatus::stopped;
    result.failure_reason = "MaxRuntimeExceeded: the job ran longer than MaxRuntimeInSeconds (" +
                            std::to_string(job.max_runtime_seconds) + " s)";
  } else if (stop_reason == std::optional<std::string>(kStoppedByStopAfter)) {
    result.status = JobStatus::stopped;
    result.failure_reason = "";
  } else if (first_failure) {
    result.status = JobStatus::failed;
    result.failure_reason = "AlgorithmError: " + *first_failure;
    if (stop_reason && hosts.size() > 1) result.failure_reason += "; the other hosts were stopped";
  } else {
    result.status = JobStatus::completed;
  }
  if (!client_error.empty() && result.status == JobStatus::completed) {
    result.status = JobStatus::failed;
    result.failure_reason = client_error;
  }
  // Lost outputs fail the job whatever else happened, unless the user stopped sagelint.
  if (!upload_error.empty() && !result.interrupted_by) {
    result.status = JobStatus::failed;
    result.failure_reason =
        result.failure_reason.empty() ? upload_error : upload_error + "; " + result.failure_reason;
  }
  if (result.failure_reason.size() > 1024) result.failure_reason.resize(1024);
  return result;
}

}  // namespace sagelint::runtime
