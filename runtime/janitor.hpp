#pragma once
// Cleanup that survives sagelint's own death. Each run keeps, in one fixed state root
// (SAGELINT_STATE_DIR, default /run/sagelint), runc's state (runc/) and a record of its
// job (jobs/<id>.json: work directory, runtime, Docker host), locked with flock(2) for as
// long as the run, or its sentinel, lives. The sentinel is a child that outlives
// sagelint: when sagelint ends without saying so (SIGKILL, a crash) it removes the job's
// containers, network, mounts and work directory at once, so no job runs on past its
// MaxRuntime. A record nobody holds any more is stale: the next `sagelint run`, and
// `sagelint run --cleanup`, reap it.
#include <sys/types.h>

#include <filesystem>
#include <string>
#include <vector>

#include "image/hostfs.hpp"

namespace sagelint::runtime {

std::filesystem::path state_root();  // $SAGELINT_STATE_DIR, else /run/sagelint
std::filesystem::path runc_root();   // state_root()/runc: every run's runc --root

struct JobRecord {
  std::string id;           // the work directory's name, sagelint-run-XXXXXX
  std::string work_dir;     // absolute
  std::string runtime;      // "runc" or "docker"
  std::string docker_host;  // DOCKER_HOST when the job started ("" = the CLI's default)
  bool keep = false;        // --keep: the work directory stays
  long pid = 0;             // sagelint
  long sentinel_pid = 0;
};

// Removes what the job left: its containers (runc delete --force in runc_root(), or
// docker rm -f by the sagelint.job label, and its docker network), every mount below its
// work directory, and the work directory (unless kept). One line per thing removed.
std::vector<std::string> reap_job(const JobRecord& record);

// Reaps every job whose record no live run or sentinel holds. One line per thing removed.
std::vector<std::string> reap_stale_jobs();

// Owns one run's work directory ($TMPDIR/sagelint-run-XXXXXX) and its record, and starts
// its sentinel. The destructor removes the work directory (unless kept), tells the
// sentinel the run finished, and removes the record.
class JobGuard {
 public:
  // Throws std::runtime_error when the work directory or the record cannot be made.
  JobGuard(std::string runtime, bool keep);
  ~JobGuard();
  JobGuard(const JobGuard&) = delete;
  JobGuard& operator=(const JobGuard&) = delete;

  const std::filesystem::path& work_dir() const { return work_dir_; }
  const JobRecord& record() const { return record_; }

 private:
  void write_record();
  std::filesystem::path work_dir_;
  std::filesystem::path record_path_;
  JobRecord record_;
  hostfs::UniqueFd lock_;
  int sentinel_pipe_ = -1;
  pid_t sentinel_ = -1;
};

}  // namespace sagelint::runtime
