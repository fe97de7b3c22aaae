#pragma once
// For the runtime's tests: a root filesystem made of the host's static busybox (Debian's
// busybox-static), with the applets the tests' jobs use linked beside it.
#include <filesystem>
#include <string>
#include <system_error>

namespace sagelint::runtime::testing {

inline const char* busybox_path() {
  for (const char* p : {"/bin/busybox", "/usr/bin/busybox"})
    if (std::filesystem::exists(p)) return p;
  return nullptr;
}

// Returns "" on success, or why the rootfs could not be made (tests skip on it).
inline std::string make_busybox_rootfs(const std::filesystem::path& rootfs) {
  namespace fs = std::filesystem;
  const char* bb = busybox_path();
  if (!bb) return "busybox is not installed";
  std::error_code ec;
  for (const char* d : {"bin", "etc", "tmp", "root", "opt"}) fs::create_directories(rootfs / d, ec);
  fs::copy_file(bb, rootfs / "bin" / "busybox", fs::copy_options::overwrite_existing, ec);
  if (ec) return "cannot copy busybox: " + ec.message();
  for (const char* applet :
       {"sh",    "sleep", "cat",  "echo",     "printf", "ln",   "mkdir", "ls",  "true",
        "false", "env",   "id",   "hostname", "kill",   "wc",   "head",  "cp",  "test",
        "pwd",   "trap",  "exec", "ps",       "nc",     "ping", "grep",  "seq", "touch"})
    fs::create_symlink("busybox", rootfs / "bin" / applet, ec);
  {
    std::FILE* f = std::fopen((rootfs / "etc" / "passwd").c_str(), "w");
    if (!f) return "cannot write /etc/passwd";
    std::fputs("root:x:0:0:root:/root:/bin/sh\nworker:x:1000:1000::/tmp:/bin/sh\n", f);
    std::fclose(f);
    f = std::fopen((rootfs / "etc" / "group").c_str(), "w");
    if (!f) return "cannot write /etc/group";
    std::fputs("root:x:0:\nworker:x:1000:\n", f);
    std::fclose(f);
  }
  return "";
}

}  // namespace sagelint::runtime::testing
