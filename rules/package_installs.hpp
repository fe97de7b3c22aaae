#pragma once
// What a shell command installs: package names given to apt-get/apt/aptitude,
// yum/dnf/microdnf/tdnf, zypper, apk, dpkg -i / rpm -i package files, and
// executed installer files (`sh NVIDIA-Linux-x86_64-535.run`, `./cuda_12.2_linux.run`).
#include <string>
#include <vector>

#include "rules/shell_command.hpp"

namespace sagelint::rules {

struct InstalledPackage {
  ShellWord word;        // the package word as written (version suffixes included)
  std::string manager;   // "apt-get", "dnf", "apk", "dpkg", ...
  bool is_file = false;  // a .deb/.rpm file rather than a repository package name
};

std::vector<InstalledPackage> installed_packages(const ShellCommand& command);

struct ExecutedInstaller {
  ShellWord file;                  // the .run file word
  std::vector<std::string> flags;  // its options (--toolkit, --silent, --driver, ...)
};

// A `.run` file the command executes directly or through a shell.
std::vector<ExecutedInstaller> executed_runfiles(const ShellCommand& command);

}  // namespace sagelint::rules
