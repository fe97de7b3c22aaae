// `sagelint processing-job`: what the container image runs when SageMaker starts it
// with no ContainerEntrypoint override (the image's CMD). It lints every target found
// under the input directory (ProcessingInput LocalPaths live under
// /opt/ml/processing/input/) and writes report.json, report.sarif and report.html to the output
// directory, which SageMaker uploads to S3; the findings also go to the job's log.
// The exit code is lint's, so the job fails when a finding reaches the threshold.
// On a job of several instances every host uploads its output directory to the same
// S3 prefix, so there the reports carry the host's name (report-algo-2.json, ...),
// from current_host in /opt/ml/config/resourceconfig.json.
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <optional>
#include <string>
#include <system_error>

#include <nlohmann/json.hpp>

#include "image/view.hpp"
#include "lint/commands.hpp"
#include "lint/exit_codes.hpp"
#include "lint/fleet_targets.hpp"
#include "lint/version.hpp"

namespace sagelint::lint {
namespace {

namespace fs = std::filesystem;

bool is_dockerfile_name(const std::string& name) {
  auto ends_with = [&name](std::string_view suffix) {
    return name.size() >= suffix.size() &&
           name.compare(name.size() - suffix.size(), suffix.size(), suffix) == 0;
  };
  return name == "Dockerfile" || name == "Containerfile" || name.rfind("Dockerfile.", 0) == 0 ||
         ends_with(".Dockerfile") || ends_with(".dockerfile");
}

// A `*.targets` file lists one target per line (`#` comments), as --targets-from.
void add_listed_targets(const fs::path& list, std::vector<std::string>& targets) {
  std::ifstream in(list);
  for (std::string line; std::getline(in, line);) {
    auto start = line.find_first_not_of(" \t\r");
    if (start == std::string::npos || line[start] == '#') continue;
    auto end = line.find_last_not_of(" \t\r");
    targets.push_back(line.substr(start, end - start + 1));
  }
}

// Targets under `dir` (relative to it), in path order. Symlinks are not followed: the
// input is what the job was given, not what it points at. OCI layouts are targets
// and are not descended into.
std::vector<std::string> find_targets(const fs::path& dir) {
  std::vector<std::string> found, listed;
  std::error_code ec;
  fs::recursive_directory_iterator it(dir, fs::directory_options::none, ec), end;
  for (; !ec && it != end; it.increment(ec)) {
    const fs::path& path = it->path();
    std::string rel = path.lexically_relative(dir).generic_string();
    if (it->is_symlink(ec)) continue;
    if (it->is_directory(ec)) {
      if (path.filename() == ".git") {
        it.disable_recursion_pending();
      } else if (image::looks_like_image(path.string())) {
        found.push_back(rel);
        it.disable_recursion_pending();
      }
      continue;
    }
    if (!it->is_regular_file(ec)) continue;
    std::string name = path.filename().string();
    if (is_dockerfile_name(name) || is_request_file(path)) {
      found.push_back(rel);
    } else if (path.extension() == ".targets") {
      add_listed_targets(path, listed);
    } else if (path.extension() == ".tar" && image::looks_like_image(path.string())) {
      found.push_back(rel);
    }
  }
  std::sort(found.begin(), found.end());
  found.insert(found.end(), listed.begin(), listed.end());
  return found;
}

// What the resourceconfig.json says about this host's report names.
struct ReportNames {
  std::string stem = "report";         // report.json, or report-algo-2.json on a cluster
  std::optional<std::string> problem;  // why a cluster's host name could not be used
};

// The file is SageMaker's (or `sagelint run`'s), but what ends up in a file name must be
// a plain name whatever the file says: one component of letters, digits, '.', '_', '-'.
bool usable_in_file_name(const std::string& host) {
  if (host.empty() || host.size() > 63 || host[0] == '.' || host[0] == '-') return false;
  return std::all_of(host.begin(), host.end(), [](unsigned char c) {
    return std::isalnum(c) || c == '.' || c == '_' || c == '-';
  });
}

ReportNames report_names(const std::string& resource_config) {
  ReportNames names;
  std::ifstream in(resource_config, std::ios::binary);
  if (!in) return names;  // not on SageMaker: one host, report.json
  std::string text;
  constexpr std::size_t kLimit = 1u << 20;
  text.resize(kLimit + 1);
  in.read(text.data(), static_cast<std::streamsize>(text.size()));
  text.resize(static_cast<std::size_t>(in.gcount()));
  auto doc = text.size() > kLimit ? nlohmann::json() : nlohmann::json::parse(text, nullptr, false);
  if (!doc.is_object() || !doc.contains("hosts") || !doc["hosts"].is_array()) {
    names.problem = resource_config + " has no hosts list";
    return names;
  }
  if (doc["hosts"].size() <= 1) return names;
  if (!doc.contains("current_host") || !doc["current_host"].is_string()) {
    names.problem = resource_config + " has no current_host";
    return names;
  }
  auto host = doc["current_host"].get<std::string>();
  if (!usable_in_file_name(host)) {
    names.problem = resource_config + ": current_host is not a plain host name";
    return names;
  }
  names.stem = "report-" + host;
  return names;
}

}  // namespace

int processing_job_command(const ProcessingJobOptions& options) {
  std::error_code ec;
  if (!fs::is_directory(options.input_dir, ec)) {
    std::cerr << "sagelint: " << options.input_dir << ": not a directory\n";
    return kExitUnreadable;
  }
  fs::create_directories(options.output_dir, ec);
  fs::path output = fs::absolute(options.output_dir, ec);
  if (ec || !fs::is_directory(output)) {
    std::cerr << "sagelint: " << options.output_dir << ": cannot create the output directory\n";
    return kExitUsage;
  }
  // SageMaker creates the output directory root-owned and has no request field for the
  // user a job runs as, so the image's non-root tag cannot write there: say so before
  // linting, rather than failing on the first report after all the work.
  if (::access(output.c_str(), W_OK) != 0) {
    const int why = errno;
    std::cerr << "sagelint: " << output.string() << ": cannot write reports there as uid "
              << ::geteuid() << " (" << std::strerror(why)
              << "); SageMaker creates it root-owned: run the image's tag " << version()
              << "-processing, whose user is root\n";
    return kExitUsage;
  }
  // Paths in the reports are relative to the input directory (SARIF's %SRCROOT%).
  if (chdir(options.input_dir.c_str()) != 0) {
    std::cerr << "sagelint: " << options.input_dir << ": " << std::strerror(errno) << '\n';
    return kExitUnreadable;
  }
  // A job of several hosts would overwrite one host's report.json with another's on S3.
  ReportNames names = report_names(default_resource_config());
  if (names.problem)
    std::cerr << "sagelint: " << *names.problem << "; the reports are named " << names.stem
              << ".* and may clash with other hosts'\n";
  LintOptions lint;
  lint.targets = find_targets(".");
  lint.failure_threshold = options.failure_threshold;
  lint.docs_url = options.docs_url;
  lint.tls_verify = options.tls_verify;
  lint.outputs = {{"tty", ""},
                  {"json", (output / (names.stem + ".json")).string()},
                  {"sarif", (output / (names.stem + ".sarif")).string()},
                  {"html", (output / (names.stem + ".html")).string()}};
  std::cerr << "sagelint: " << lint.targets.size() << " target(s) under " << options.input_dir
            << "; reports " << names.stem << ".json, .sarif and .html in " << output.string()
            << '\n';
  return lint_command(lint);
}

}  // namespace sagelint::lint
