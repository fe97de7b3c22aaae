// The seccomp profile of `sagelint run` on runc, as data, in Docker's profile format
// (defaultAction, archMap, syscalls[] with includes/excludes by capability, architecture
// and kernel version). It allows exactly what Docker Engine's default profile allows
// (moby/moby profiles/seccomp/default.json, Docker 24/25), written here grouped by what
// the calls are for; everything else fails with EPERM. Notably denied, as in Docker:
// keyctl, add_key and request_key (kernel keyrings are not namespaced), unshare, setns,
// mount/umount and the new mount API, clone with namespace flags, bpf, perf_event_open,
// ptrace before 4.8, kexec, modules, swap, reboot, clock setting, userfaultfd, acct,
// quotactl, open_by_handle_at. seccomp.cpp turns it into the OCI runtime-spec form for
// the container's capabilities and architecture, as Docker does.
#include "runtime/seccomp.hpp"

namespace sagelint::runtime {

std::string_view default_seccomp_profile_json() {
  return R"json({
  "source": "sagelint: an allow-list equivalent to Docker Engine's default seccomp profile (moby/moby profiles/seccomp/default.json)",
  "defaultAction": "SCMP_ACT_ERRNO",
  "defaultErrnoRet": 1,
  "archMap": [
    {"architecture": "SCMP_ARCH_X86_64", "subArchitectures": ["SCMP_ARCH_X86", "SCMP_ARCH_X32"]},
    {"architecture": "SCMP_ARCH_AARCH64", "subArchitectures": ["SCMP_ARCH_ARM"]}
  ],
  "syscalls": [
    {
      "comment": "files, directories and file descriptors",
      "names": [
        "access", "chdir", "chmod", "chown", "chown32", "close", "close_range", "copy_file_range",
        "creat", "dup", "dup2", "dup3", "faccessat", "faccessat2", "fadvise64", "fadvise64_64",
        "fallocate", "fchdir", "fchmod", "fchmodat", "fchown", "fchown32", "fchownat", "fcntl",
        "fcntl64", "fdatasync", "flock", "fstat", "fstat64", "fstatat64", "fstatfs", "fstatfs64",
        "fsync", "ftruncate", "ftruncate64", "futimesat", "getcwd", "getdents", "getdents64",
        "lchown", "lchown32", "link", "linkat", "_llseek", "lseek", "lstat", "lstat64", "mkdir",
        "mkdirat", "mknod", "mknodat", "name_to_handle_at", "newfstatat", "open", "openat",
        "openat2", "pipe", "pipe2", "pread64", "preadv", "preadv2", "pwrite64", "pwritev",
        "pwritev2", "read", "readahead", "readlink", "readlinkat", "readv", "rename", "renameat",
        "renameat2", "rmdir", "sendfile", "sendfile64", "splice", "stat", "stat64", "statfs",
        "statfs64", "statx", "symlink", "symlinkat", "sync", "sync_file_range", "syncfs", "tee",
        "truncate", "truncate64", "umask", "unlink", "unlinkat", "utime", "utimensat",
        "utimensat_time64", "utimes", "vmsplice", "write", "writev"
      ],
      "action": "SCMP_ACT_ALLOW"
    },
    {
      "comment": "extended attributes",
      "names": [
        "fgetxattr", "flistxattr", "fremovexattr", "fsetxattr", "getxattr", "lgetxattr",
        "listxattr", "llistxattr", "lremovexattr", "lsetxattr", "removexattr", "setxattr"
      ],
      "action": "SCMP_ACT_ALLOW"
    },
    {
      "comment": "waiting for events, asynchronous I/O, device control",
      "names": [
        "epoll_create", "epoll_create1", "epoll_ctl", "epoll_ctl_old", "epoll_pwait",
        "epoll_pwait2", "epoll_wait", "epoll_wait_old", "eventfd", "eventfd2", "fanotify_mark",
        "inotify_add_watch", "inotify_init", "inotify_init1", "inotify_rm_watch", "io_cancel",
        "io_destroy", "io_getevents", "io_pgetevents", "io_pgetevents_time64", "io_setup",
        "io_submit", "io_uring_enter", "io_uring_register", "io_uring_setup", "ioctl", "_newselect",
        "poll", "ppoll", "ppoll_time64", "pselect6", "pselect6_time64", "select", "signalfd",
        "signalfd4", "timerfd_create", "timerfd_gettime", "timerfd_gettime64", "timerfd_settime",
        "timerfd_settime64"
      ],
      "action": "SCMP_ACT_ALLOW"
    },
    {
      "comment": "memory",
      "names": [
        "brk", "madvise", "membarrier", "memfd_create", "memfd_secret", "mincore", "mlock",
        "mlock2", "mlockall", "mmap", "mmap2", "mprotect", "mremap", "msync", "munlock",
        "munlockall", "munmap", "pkey_alloc", "pkey_free", "pkey_mprotect", "remap_file_pages"
      ],
      "action": "SCMP_ACT_ALLOW"
    },
    {
      "comment": "processes, threads, scheduling and resource limits (clone: see below)",
      "names": [
        "capget", "capset", "execve", "execveat", "exit", "exit_group", "fork", "futex",
        "futex_time64", "futex_waitv", "get_robust_list", "get_thread_area", "getcpu", "getpgid",
        "getpgrp", "getpid", "getppid", "getpriority", "getrlimit", "getrusage", "getsid",
        "gettid", "ioprio_get", "ioprio_set", "pidfd_open", "pidfd_send_signal", "prctl",
        "prlimit64", "process_mrelease", "rseq", "sched_get_priority_max", "sched_get_priority_min",
        "sched_getaffinity", "sched_getattr", "sched_getparam", "sched_getscheduler",
        "sched_rr_get_interval", "sched_rr_get_interval_time64", "sched_setaffinity",
        "sched_setattr", "sched_setparam", "sched_setscheduler", "sched_yield", "seccomp",
        "set_robust_list", "set_thread_area", "set_tid_address", "setpgid", "setpriority",
        "setrlimit", "setsid", "times", "ugetrlimit", "vfork", "wait4", "waitid", "waitpid"
      ],
      "action": "SCMP_ACT_ALLOW"
    },
    {
      "comment": "signals",
      "names": [
        "alarm", "kill", "pause", "restart_syscall", "rt_sigaction", "rt_sigpending",
        "rt_sigprocmask", "rt_sigqueueinfo", "rt_sigreturn", "rt_sigsuspend", "rt_sigtimedwait",
        "rt_sigtimedwait_time64", "rt_tgsigqueueinfo", "sigaltstack", "sigprocmask", "sigreturn",
        "tgkill", "tkill"
      ],
      "action": "SCMP_ACT_ALLOW"
    },
    {
      "comment": "user and group IDs (what the capabilities allow)",
      "names": [
        "getegid", "getegid32", "geteuid", "geteuid32", "getgid", "getgid32", "getgroups",
        "getgroups32", "getresgid", "getresgid32", "getresuid", "getresuid32", "getuid",
        "getuid32", "setfsgid", "setfsgid32", "setfsuid", "setfsuid32", "setgid", "setgid32",
        "setgroups", "setgroups32", "setregid", "setregid32", "setresgid", "setresgid32",
        "setresuid", "setresuid32", "setreuid", "setreuid32", "setuid", "setuid32"
      ],
      "action": "SCMP_ACT_ALLOW"
    },
    {
      "comment": "clocks and timers (reading; adjtimex and clock_adjtime only read without CAP_SYS_TIME)",
      "names": [
        "adjtimex", "clock_adjtime", "clock_adjtime64", "clock_getres", "clock_getres_time64",
        "clock_gettime", "clock_gettime64", "clock_nanosleep", "clock_nanosleep_time64",
        "getitimer", "gettimeofday", "nanosleep", "setitimer", "time", "timer_create",
        "timer_delete", "timer_getoverrun", "timer_gettime", "timer_gettime64", "timer_settime",
        "timer_settime64"
      ],
      "action": "SCMP_ACT_ALLOW"
    },
    {
      "comment": "sockets (socket itself: see below)",
      "names": [
        "accept", "accept4", "bind", "connect", "getpeername", "getsockname", "getsockopt",
        "listen", "recv", "recvfrom", "recvmmsg", "recvmmsg_time64", "recvmsg", "send",
        "sendmmsg", "sendmsg", "sendto", "setsockopt", "shutdown", "socketcall", "socketpair"
      ],
      "action": "SCMP_ACT_ALLOW"
    },
    {
      "comment": "System V and POSIX IPC (the container has its own IPC namespace)",
      "names": [
        "ipc", "mq_getsetattr", "mq_notify", "mq_open", "mq_timedreceive",
        "mq_timedreceive_time64", "mq_timedsend", "mq_timedsend_time64", "mq_unlink", "msgctl",
        "msgget", "msgrcv", "msgsnd", "semctl", "semget", "semop", "semtimedop",
        "semtimedop_time64", "shmat", "shmctl", "shmdt", "shmget"
      ],
      "action": "SCMP_ACT_ALLOW"
    },
    {
      "comment": "system information, randomness, Landlock (a process restricting itself)",
      "names": [
        "getrandom", "landlock_add_rule", "landlock_create_ruleset", "landlock_restrict_self",
        "sysinfo", "uname"
      ],
      "action": "SCMP_ACT_ALLOW"
    },
    {
      "comment": "ptrace and cross-process memory access are safe from Linux 4.8 on",
      "names": ["process_vm_readv", "process_vm_writev", "ptrace"],
      "action": "SCMP_ACT_ALLOW",
      "includes": {"minKernel": "4.8"}
    },
    {
      "comment": "every socket family but AF_VSOCK (40)",
      "names": ["socket"],
      "action": "SCMP_ACT_ALLOW",
      "args": [{"index": 0, "value": 40, "op": "SCMP_CMP_NE"}]
    },
    {
      "comment": "personality: only the harmless personas (Linux, 32-bit address space, and the query)",
      "names": ["personality"], "action": "SCMP_ACT_ALLOW",
      "args": [{"index": 0, "value": 0, "op": "SCMP_CMP_EQ"}]
    },
    {"names": ["personality"], "action": "SCMP_ACT_ALLOW",
     "args": [{"index": 0, "value": 8, "op": "SCMP_CMP_EQ"}]},
    {"names": ["personality"], "action": "SCMP_ACT_ALLOW",
     "args": [{"index": 0, "value": 131072, "op": "SCMP_CMP_EQ"}]},
    {"names": ["personality"], "action": "SCMP_ACT_ALLOW",
     "args": [{"index": 0, "value": 131080, "op": "SCMP_CMP_EQ"}]},
    {"names": ["personality"], "action": "SCMP_ACT_ALLOW",
     "args": [{"index": 0, "value": 4294967295, "op": "SCMP_CMP_EQ"}]},
    {
      "comment": "architecture-specific calls",
      "names": ["arch_prctl"], "action": "SCMP_ACT_ALLOW",
      "includes": {"arches": ["amd64", "x32"]}
    },
    {"names": ["modify_ldt"], "action": "SCMP_ACT_ALLOW",
     "includes": {"arches": ["amd64", "x32", "x86"]}},
    {"names": ["arm_fadvise64_64", "arm_sync_file_range", "breakpoint", "cacheflush", "set_tls",
               "sync_file_range2"],
     "action": "SCMP_ACT_ALLOW", "includes": {"arches": ["arm", "arm64"]}},
    {
      "comment": "clone without namespace flags (CLONE_NEWNS|NEWCGROUP|NEWUTS|NEWIPC|NEWUSER|NEWPID|NEWNET = 0x7E020000)",
      "names": ["clone"], "action": "SCMP_ACT_ALLOW",
      "args": [{"index": 0, "value": 2114060288, "valueTwo": 0, "op": "SCMP_CMP_MASKED_EQ"}],
      "excludes": {"caps": ["CAP_SYS_ADMIN"]}
    },
    {
      "comment": "clone3 cannot be filtered by its flags: ENOSYS makes the C library fall back to clone",
      "names": ["clone3"], "action": "SCMP_ACT_ERRNO", "errnoRet": 38,
      "excludes": {"caps": ["CAP_SYS_ADMIN"]}
    },
    {
      "comment": "only with the capability that makes them safe (sagelint never grants these)",
      "names": ["bpf", "clone", "clone3", "fanotify_init", "fsconfig", "fsmount", "fsopen",
                "fspick", "lookup_dcookie", "mount", "mount_setattr", "move_mount", "open_tree",
                "perf_event_open", "quotactl", "quotactl_fd", "setdomainname", "sethostname",
                "setns", "syslog", "umount", "umount2", "unshare"],
      "action": "SCMP_ACT_ALLOW", "includes": {"caps": ["CAP_SYS_ADMIN"]}
    },
    {"names": ["open_by_handle_at"], "action": "SCMP_ACT_ALLOW",
     "includes": {"caps": ["CAP_DAC_READ_SEARCH"]}},
    {"names": ["reboot"], "action": "SCMP_ACT_ALLOW", "includes": {"caps": ["CAP_SYS_BOOT"]}},
    {"names": ["chroot"], "action": "SCMP_ACT_ALLOW", "includes": {"caps": ["CAP_SYS_CHROOT"]}},
    {"names": ["delete_module", "finit_module", "init_module"], "action": "SCMP_ACT_ALLOW",
     "includes": {"caps": ["CAP_SYS_MODULE"]}},
    {"names": ["acct"], "action": "SCMP_ACT_ALLOW", "includes": {"caps": ["CAP_SYS_PACCT"]}},
    {"names": ["kcmp", "pidfd_getfd", "process_madvise", "process_vm_readv", "process_vm_writev",
               "ptrace"],
     "action": "SCMP_ACT_ALLOW", "includes": {"caps": ["CAP_SYS_PTRACE"]}},
    {"names": ["ioperm", "iopl"], "action": "SCMP_ACT_ALLOW",
     "includes": {"caps": ["CAP_SYS_RAWIO"]}},
    {"names": ["clock_settime", "clock_settime64", "settimeofday", "stime"],
     "action": "SCMP_ACT_ALLOW", "includes": {"caps": ["CAP_SYS_TIME"]}},
    {"names": ["vhangup"], "action": "SCMP_ACT_ALLOW",
     "includes": {"caps": ["CAP_SYS_TTY_CONFIG"]}},
    {"names": ["get_mempolicy", "mbind", "set_mempolicy", "set_mempolicy_home_node"],
     "action": "SCMP_ACT_ALLOW", "includes": {"caps": ["CAP_SYS_NICE"]}},
    {"names": ["syslog"], "action": "SCMP_ACT_ALLOW", "includes": {"caps": ["CAP_SYSLOG"]}},
    {"names": ["bpf"], "action": "SCMP_ACT_ALLOW", "includes": {"caps": ["CAP_BPF"]}},
    {"names": ["perf_event_open"], "action": "SCMP_ACT_ALLOW",
     "includes": {"caps": ["CAP_PERFMON"]}}
  ]
})json";
}

}  // namespace sagelint::runtime
