#pragma once
// Containers on runc (Debian's runc): one bundle per host in sagelint's temporary
// directory, its rootfs an overlay over the image unpacked once, runc's state in a
// private --root, and `runc run` in the foreground as a child per host, whose exit
// status is the container's.
#include <filesystem>
#include <set>
#include <string>

#include "runtime/runtime.hpp"

namespace sagelint::runtime {

class RuncRuntime : public Runtime {
 public:
  // `image_rootfs`: the image's final filesystem, unpacked; hosts never write to it.
  explicit RuncRuntime(std::filesystem::path image_rootfs, std::string runc = "runc");
  ~RuncRuntime() override;

  std::string_view name() const override { return "runc"; }
  void prepare(const JobSpec& job, const std::string& work_dir) override;
  std::string network_interface() const override { return "lo"; }
  StartedContainer start(const ContainerSpec& container) override;
  void signal(const ContainerSpec& container, int sig) override;
  int exit_code(const ContainerSpec& container, int wait_status) override;
  void remove(const ContainerSpec& container) noexcept override;
  void cleanup() noexcept override;

  const std::filesystem::path& state_dir() const { return state_dir_; }

 private:
  std::filesystem::path bundle_of(const ContainerSpec& container) const;
  std::vector<std::string> runc_command(std::initializer_list<std::string> args) const;

  std::filesystem::path image_rootfs_;
  std::string runc_;
  std::filesystem::path work_dir_;
  std::filesystem::path state_dir_;
  std::string netns_path_;                 // "" unless --network private
  bool host_network_ = false;              // --network host: no network namespace
  std::set<std::string> deleted_by_runc_;  // `runc run` returned normally: nothing to delete
};

}  // namespace sagelint::runtime
