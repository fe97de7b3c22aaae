// The conversion of a Docker-format seccomp profile to the OCI form, by Docker's rules
// (capabilities, architecture and kernel filtering), on small profiles written here and
// on sagelint's own profile, whose result is compared with its data.
#include "runtime/seccomp.hpp"

#include <doctest/doctest.h>

#include <set>
#include <stdexcept>
#include <string>

using namespace sagelint::runtime;
using nlohmann::json;

namespace {

SeccompTarget target(std::string arch, std::vector<std::string> caps = {},
                     std::pair<int, int> kernel = {6, 1}) {
  return {std::move(arch), std::move(caps), kernel};
}

// Every name of every rule with that action (and, when given, that has arguments or not).
std::set<std::string> names(const json& oci, const std::string& action = "SCMP_ACT_ALLOW") {
  std::set<std::string> out;
  for (const auto& s : oci["syscalls"])
    if (s["action"] == action)
      for (const auto& n : s["names"]) out.insert(n.get<std::string>());
  return out;
}

// Names allowed with no argument condition.
std::set<std::string> unconditional(const json& oci) {
  std::set<std::string> out;
  for (const auto& s : oci["syscalls"])
    if (s["action"] == "SCMP_ACT_ALLOW" && !s.contains("args"))
      for (const auto& n : s["names"]) out.insert(n.get<std::string>());
  return out;
}

const char* kSmall = R"({
  "defaultAction": "SCMP_ACT_ERRNO", "defaultErrnoRet": 1,
  "archMap": [{"architecture": "SCMP_ARCH_X86_64", "subArchitectures": ["SCMP_ARCH_X86"]}],
  "syscalls": [
    {"names": ["read"], "action": "SCMP_ACT_ALLOW"},
    {"names": ["both_caps"], "action": "SCMP_ACT_ALLOW",
     "includes": {"caps": ["CAP_A", "CAP_B"]}},
    {"names": ["not_a"], "action": "SCMP_ACT_ALLOW", "excludes": {"caps": ["CAP_A"]}},
    {"names": ["only_amd64"], "action": "SCMP_ACT_ALLOW", "includes": {"arches": ["amd64"]}},
    {"names": ["not_arm64"], "action": "SCMP_ACT_ALLOW", "excludes": {"arches": ["arm64"]}},
    {"names": ["new_kernel"], "action": "SCMP_ACT_ALLOW", "includes": {"minKernel": "5.8"}},
    {"names": ["old_kernel"], "action": "SCMP_ACT_ALLOW", "excludes": {"minKernel": "5.8"}},
    {"names": ["enosys"], "action": "SCMP_ACT_ERRNO", "errnoRet": 38},
    {"names": ["masked"], "action": "SCMP_ACT_ALLOW",
     "args": [{"index": 1, "value": 16, "valueTwo": 0, "op": "SCMP_CMP_MASKED_EQ"}]}
  ]
})";

}  // namespace

TEST_CASE("oci_seccomp: Docker's include/exclude rules by capability, architecture, kernel") {
  auto plain = oci_seccomp(kSmall, target("amd64"));
  CHECK(plain["defaultAction"] == "SCMP_ACT_ERRNO");
  CHECK(plain["defaultErrnoRet"] == 1);
  CHECK(plain["architectures"] == json::array({"SCMP_ARCH_X86_64", "SCMP_ARCH_X86"}));
  CHECK(names(plain) ==
        std::set<std::string>{"read", "not_a", "only_amd64", "not_arm64", "new_kernel", "masked"});
  CHECK(names(plain, "SCMP_ACT_ERRNO") == std::set<std::string>{"enosys"});

  // includes.caps needs every capability listed; excludes.caps any one of them.
  CHECK(names(oci_seccomp(kSmall, target("amd64", {"CAP_A"}))).count("both_caps") == 0);
  CHECK(names(oci_seccomp(kSmall, target("amd64", {"CAP_A"}))).count("not_a") == 0);
  CHECK(names(oci_seccomp(kSmall, target("amd64", {"CAP_B", "CAP_A"}))).count("both_caps") == 1);

  // Another architecture: its own entries, and its own name (none in the archMap here).
  auto arm = oci_seccomp(kSmall, target("arm64"));
  CHECK(arm["architectures"] == json::array({"SCMP_ARCH_AARCH64"}));
  CHECK(names(arm).count("only_amd64") == 0);
  CHECK(names(arm).count("not_arm64") == 0);
  // An architecture with no libseccomp name gets no architecture list at all.
  CHECK(oci_seccomp(kSmall, target("riscv64"))["architectures"] == json::array());

  // minKernel: an include needs at least that kernel, an exclude less.
  auto old = oci_seccomp(kSmall, target("amd64", {}, {5, 4}));
  CHECK(names(old).count("new_kernel") == 0);
  CHECK(names(old).count("old_kernel") == 1);
  CHECK(names(oci_seccomp(kSmall, target("amd64", {}, {5, 8}))).count("new_kernel") == 1);
  CHECK(names(oci_seccomp(kSmall, target("amd64", {}, {5, 10}))).count("new_kernel") == 1);

  // errnoRet and argument conditions are kept as written.
  for (const auto& s : plain["syscalls"]) {
    if (s["names"][0] == "enosys") CHECK(s["errnoRet"] == 38);
    if (s["names"][0] == "masked") {
      CHECK(s["args"] ==
            json::array(
                {{{"index", 1}, {"value", 16}, {"valueTwo", 0}, {"op", "SCMP_CMP_MASKED_EQ"}}}));
    }
  }
}

TEST_CASE("oci_seccomp: a malformed profile is an error, not an empty filter") {
  CHECK_THROWS_AS(oci_seccomp("not json", target("amd64")), std::runtime_error);
  CHECK_THROWS_AS(oci_seccomp(R"({"defaultAction": "SCMP_ACT_ERRNO"})", target("amd64")),
                  std::runtime_error);
  CHECK_THROWS_AS(oci_seccomp(R"({"syscalls": [{"names": "read"}]})", target("amd64")),
                  std::runtime_error);
  CHECK_THROWS_AS(oci_seccomp(R"({"syscalls": [{"names": ["x"], "includes": {"caps": "CAP_A"}}]})",
                              target("amd64")),
                  std::runtime_error);
}

TEST_CASE("oci_seccomp of sagelint's profile: Docker's allow-list, its denials kept") {
  const json data = json::parse(default_seccomp_profile_json());
  // The data's unconditional names (no includes, no excludes, no arguments): what every
  // container gets whatever its capabilities and architecture.
  std::set<std::string> always;
  for (const auto& e : data["syscalls"])
    if (!e.contains("includes") && !e.contains("excludes") && !e.contains("args") &&
        e.value("action", "") == "SCMP_ACT_ALLOW")
      for (const auto& n : e["names"]) always.insert(n.get<std::string>());
  CHECK(always.size() == 349);  // as many as moby's default.json (Docker 24/25)

  auto defaults = oci_seccomp(default_seccomp_profile_json(), target("amd64"));
  CHECK(defaults["defaultAction"] == "SCMP_ACT_ERRNO");
  CHECK(defaults["defaultErrnoRet"] == 1);  // EPERM
  CHECK(defaults["architectures"] ==
        json::array({"SCMP_ARCH_X86_64", "SCMP_ARCH_X86", "SCMP_ARCH_X32"}));
  auto allowed = names(defaults);
  auto free = unconditional(defaults);
  // Everything the data allows unconditionally is in the result, nothing else is
  // allowed without a condition except what the architecture and kernel entries add.
  for (const auto& n : always) CHECK_MESSAGE(free.count(n) == 1, n);
  std::set<std::string> extra;
  for (const auto& n : free)
    if (!always.count(n)) extra.insert(n);
  CHECK(extra == std::set<std::string>{"arch_prctl", "modify_ldt", "process_vm_readv",
                                       "process_vm_writev", "ptrace"});
  // Docker's denied set: not allowed at all without the capability.
  for (const char* denied : {"keyctl",      "add_key",     "request_key",  "unshare",
                             "setns",       "mount",       "umount2",      "fsopen",
                             "move_mount",  "open_tree",   "bpf",          "perf_event_open",
                             "kexec_load",  "init_module", "finit_module", "delete_module",
                             "swapon",      "reboot",      "settimeofday", "clock_settime",
                             "userfaultfd", "acct",        "quotactl",     "open_by_handle_at",
                             "chroot",      "iopl",        "syslog",       "lookup_dcookie",
                             "kcmp",        "pidfd_getfd"})
    CHECK_MESSAGE(allowed.count(denied) == 0, denied << " is allowed");
  // clone only with the namespace flags masked out, clone3 fails with ENOSYS.
  CHECK(free.count("clone") == 0);
  bool clone_masked = false, clone3_enosys = false;
  for (const auto& s : defaults["syscalls"]) {
    if (s["names"] == json::array({"clone"}) && s["action"] == "SCMP_ACT_ALLOW")
      clone_masked = s["args"][0]["op"] == "SCMP_CMP_MASKED_EQ" &&
                     s["args"][0]["value"] == 0x7E020000 && s["args"][0]["valueTwo"] == 0;
    if (s["names"] == json::array({"clone3"}))
      clone3_enosys = s["action"] == "SCMP_ACT_ERRNO" && s["errnoRet"] == 38;
  }
  CHECK(clone_masked);
  CHECK(clone3_enosys);
  // socket: every family but AF_VSOCK.
  CHECK(free.count("socket") == 0);
  CHECK(allowed.count("socket") == 1);

  // A kernel before 4.8: ptrace stays denied, as in Docker.
  auto old = oci_seccomp(default_seccomp_profile_json(), target("amd64", {}, {4, 4}));
  CHECK(names(old).count("ptrace") == 0);

  // CAP_SYS_ADMIN (never granted by sagelint) brings what Docker grants with it.
  auto admin = oci_seccomp(default_seccomp_profile_json(), target("amd64", {"CAP_SYS_ADMIN"}));
  for (const char* n : {"mount", "unshare", "setns", "bpf", "perf_event_open"})
    CHECK(names(admin).count(n) == 1);
  CHECK(unconditional(admin).count("clone") == 1);
  CHECK(names(admin, "SCMP_ACT_ERRNO").count("clone3") == 0);
  CHECK(names(admin).count("keyctl") == 0);  // no capability opens the keyrings

  // arm64: its own calls, none of x86's.
  auto arm = oci_seccomp(default_seccomp_profile_json(), target("arm64"));
  CHECK(arm["architectures"] == json::array({"SCMP_ARCH_AARCH64", "SCMP_ARCH_ARM"}));
  CHECK(names(arm).count("set_tls") == 1);
  CHECK(names(arm).count("arch_prctl") == 0);
  CHECK(names(arm).count("modify_ldt") == 0);
}

TEST_CASE("host_seccomp_target: this machine's architecture and kernel") {
  auto t = host_seccomp_target({"CAP_CHOWN"});
  CHECK(t.capabilities == std::vector<std::string>{"CAP_CHOWN"});
  CHECK_FALSE(t.arch.empty());
  CHECK(t.arch != "x86_64");  // Go's names, as the profile uses
  CHECK(t.kernel.first >= 3);
}
