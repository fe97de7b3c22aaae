#include "runtime/netns.hpp"

#include <fcntl.h>
#include <net/if.h>
#include <sched.h>
#include <sys/ioctl.h>
#include <sys/mount.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <stdexcept>

#include "runtime/process.hpp"

namespace sagelint::runtime {

namespace {

// Runs in the child, inside the new namespace. Returns 0 or an errno.
int bring_up_loopback_and_pin(const char* path) {
  int s = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
  if (s < 0) return errno;
  ifreq ifr{};
  std::strncpy(ifr.ifr_name, "lo", IFNAMSIZ - 1);
  if (ioctl(s, SIOCGIFFLAGS, &ifr) != 0) return errno;
  ifr.ifr_flags = static_cast<short>(ifr.ifr_flags | IFF_UP);
  if (ioctl(s, SIOCSIFFLAGS, &ifr) != 0) return errno;
  close(s);
  if (mount("/proc/self/ns/net", path, nullptr, MS_BIND, nullptr) != 0) return errno;
  return 0;
}

}  // namespace

void create_network_namespace(const std::string& path) {
  int fd = open(path.c_str(), O_CREAT | O_WRONLY | O_CLOEXEC, 0444);
  if (fd < 0) throw std::runtime_error("cannot create " + path + ": " + std::strerror(errno));
  close(fd);
  pid_t pid = fork();
  if (pid < 0) throw std::runtime_error(std::string("fork: ") + std::strerror(errno));
  if (pid == 0) {
    if (unshare(CLONE_NEWNET) != 0) _exit(errno & 0xff);
    _exit(bring_up_loopback_and_pin(path.c_str()) & 0xff);
  }
  int status = wait_for_exit(pid);
  if (status < 0 || !WIFEXITED(status) || WEXITSTATUS(status) != 0) {
    int err = (status >= 0 && WIFEXITED(status)) ? WEXITSTATUS(status) : 0;
    unlink(path.c_str());
    throw std::runtime_error("cannot create a network namespace: " +
                             std::string(err ? std::strerror(err) : "child failed"));
  }
}

void remove_network_namespace(const std::string& path) noexcept {
  umount2(path.c_str(), MNT_DETACH);
  unlink(path.c_str());
}

}  // namespace sagelint::runtime
