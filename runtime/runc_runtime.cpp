#include "runtime/runc_runtime.hpp"

#include <fcntl.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <fstream>

#include "image/hostfs.hpp"
#include "runtime/janitor.hpp"
#include "runtime/netns.hpp"
#include "runtime/oci_config.hpp"
#include "runtime/process.hpp"
#include "runtime/signal_names.hpp"
#include "runtime/tree_copy.hpp"

namespace sagelint::runtime {

namespace fs = std::filesystem;

RuncRuntime::RuncRuntime(fs::path image_rootfs, std::string runc)
    : image_rootfs_(std::move(image_rootfs)), runc_(std::move(runc)) {}

RuncRuntime::~RuncRuntime() { cleanup(); }

std::vector<std::string> RuncRuntime::runc_command(std::initializer_list<std::string> args) const {
  std::vector<std::string> cmd = {runc_, "--root", state_dir_.string()};
  cmd.insert(cmd.end(), args.begin(), args.end());
  return cmd;
}

fs::path RuncRuntime::bundle_of(const ContainerSpec& container) const {
  return work_dir_ / "bundles" / container.host;
}

namespace {
// A PATH lookup rather than `runc --version`: one process less on every run.
bool on_path(const std::string& program) {
  if (program.find('/') != std::string::npos) return access(program.c_str(), X_OK) == 0;
  const char* path = std::getenv("PATH");
  std::string dirs = path ? path : "/usr/local/bin:/usr/bin:/bin";
  size_t start = 0;
  while (start <= dirs.size()) {
    size_t end = dirs.find(':', start);
    if (end == std::string::npos) end = dirs.size();
    std::string candidate = dirs.substr(start, end - start) + "/" + program;
    if (access(candidate.c_str(), X_OK) == 0) return true;
    start = end + 1;
  }
  return false;
}
}  // namespace

void RuncRuntime::prepare(const JobSpec& job, const std::string& work_dir) {
  if (!on_path(runc_)) throw RuntimeError("runc is not available: " + runc_ + " is not on PATH");
  if (geteuid() != 0) throw RuntimeError("runc is not available: sagelint run on runc needs root");
  work_dir_ = work_dir;
  // One fixed root for every run's containers: a run that dies leaves its state where
  // the next run and `sagelint run --cleanup` find it.
  state_dir_ = runc_root();
  std::error_code ec;
  fs::create_directories(state_dir_, ec);
  if (ec) throw RuntimeError("cannot create " + state_dir_.string() + ": " + ec.message());
  ::chmod(state_dir_.c_str(), 0700);
  host_network_ = job.network == NetworkMode::host;
  if (job.network == NetworkMode::private_network) {
    netns_path_ = (work_dir_ / "netns").string();
    try {
      create_network_namespace(netns_path_);
    } catch (const std::exception& e) {
      netns_path_.clear();
      throw RuntimeError(e.what());
    }
  }
}

StartedContainer RuncRuntime::start(const ContainerSpec& container) {
  fs::path bundle = bundle_of(container);
  fs::path rootfs = bundle / "rootfs";
  fs::path upper = bundle / "upper";
  fs::path overlay_work = bundle / "work";
  std::error_code ec;
  for (const auto& d : {rootfs, upper, overlay_work}) {
    fs::create_directories(d, ec);
    if (ec) throw RuntimeError("cannot create " + d.string() + ": " + ec.message());
  }
  if (const auto& map = container.limits.userns) {
    // The mapped root must reach its bundle and own the overlay's writable layer.
    for (const auto& d : {work_dir_, work_dir_ / "bundles", bundle}) ::chmod(d.c_str(), 0711);
    for (const auto& d : {upper, overlay_work}) ::chown(d.c_str(), map->host_id, map->host_id);
  }
  for (const auto& p : {image_rootfs_, upper, overlay_work})
    if (p.string().find_first_of(",:") != std::string::npos)
      throw RuntimeError("temporary path " + p.string() + " cannot be used in an overlay mount");
  // Each host writes to its own upper layer: hosts do not see each other's writes, and
  // the unpacked image is shared without copying it.
  // `volatile`: the upper layer is thrown away after the run, so the overlay need not
  // sync it to disk, which would otherwise cost a filesystem sync at every unmount.
  std::string options = "lowerdir=" + image_rootfs_.string() + ",upperdir=" + upper.string() +
                        ",workdir=" + overlay_work.string();
  if (mount("overlay", rootfs.c_str(), "overlay", 0, (options + ",volatile").c_str()) != 0 &&
      mount("overlay", rootfs.c_str(), "overlay", 0, options.c_str()) != 0) {
    int err = errno;
    // Where the temporary directory cannot hold an overlay upper layer (it is itself
    // on overlayfs, say), fall back to a private copy of the rootfs.
    hostfs::UniqueFd from(::open(image_rootfs_.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
    hostfs::UniqueFd to(::open(rootfs.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
    TreeCopyOptions copy;
    copy.keep_symlinks = true;
    copy.keep_mode_bits = true;
    copy.keep_owners = true;
    CopyBudget unlimited;
    auto r = from && to ? copy_tree(from.get(), to.get(), copy, unlimited) : TreeCopyResult{};
    if (!from || !to || r.error)
      throw RuntimeError("cannot mount an overlay (" + std::string(std::strerror(err)) +
                         ") nor copy the rootfs: " +
                         (r.error ? r.error_path + ": " + *r.error : hostfs::errno_text()));
  }

  std::string user_error;
  auto user = resolve_user(container.user, image_rootfs_, user_error);
  if (!user) throw RuntimeError("cannot resolve User " + container.user + ": " + user_error);
  auto config = oci_config(container, *user, netns_path_, host_network_);
  {
    std::ofstream out(bundle / "config.json", std::ios::trunc);
    out << config.dump(2, ' ', false, nlohmann::json::error_handler_t::replace);
    if (!out.flush()) throw RuntimeError("cannot write " + (bundle / "config.json").string());
  }
  try {
    auto p = spawn_with_pipes(runc_command({"run", "--bundle", bundle.string(), container.name}),
                              {}, SpawnOptions{.die_with_parent = true});
    return {p.pid, p.stdout_fd, p.stderr_fd};
  } catch (const std::exception& e) {
    throw RuntimeError(e.what());
  }
}

void RuncRuntime::signal(const ContainerSpec& container, int sig) {
  // `runc kill` without --all: PID 1 only, like `docker stop`.
  run_capture(runc_command({"kill", container.name, std::string(signal_name(sig)).substr(3)}));
}

int RuncRuntime::exit_code(const ContainerSpec& container, int wait_status) {
  // `runc run` exits with the container's code, and with 128+N when PID 1 died of signal
  // N; having exited by itself, it has already deleted the container.
  if (wait_status >= 0 && WIFEXITED(wait_status)) {
    deleted_by_runc_.insert(container.name);
    return WEXITSTATUS(wait_status);
  }
  if (wait_status >= 0 && WIFSIGNALED(wait_status)) return 128 + WTERMSIG(wait_status);
  return -1;
}

void RuncRuntime::remove(const ContainerSpec& container) noexcept {
  if (state_dir_.empty()) return;
  if (!deleted_by_runc_.count(container.name))
    run_capture(runc_command({"delete", "--force", container.name}));
  fs::path bundle = bundle_of(container);
  umount2((bundle / "rootfs").c_str(), MNT_DETACH);
  hostfs::remove_tree(bundle.string());
}

void RuncRuntime::cleanup() noexcept {
  if (!netns_path_.empty()) {
    remove_network_namespace(netns_path_);
    netns_path_.clear();
  }
}

}  // namespace sagelint::runtime
