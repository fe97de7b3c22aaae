#pragma once
// What a shell command installs: package names given to apt-get/apt/aptitude,
// yum/dnf/microdnf/tdnf, zypper, apk, dpkg -i / rpm -i package files, and
// executed installer files (`sh NVIDIA-Linux-x86_64-535.run`, `./cuda_12.2_linux.run`).
#include <string>
#include <string_view>
#include <vector>

#include "knowledge/shell_command.hpp"

namespace sagelint::knowledge {

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

// The package name inside a package file name: "nvidia-driver-535_535.1_amd64.deb" ->
// "nvidia-driver-535".
std::string package_of_file(std::string_view file);

}  // namespace sagelint::knowledge
