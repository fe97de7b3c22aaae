#pragma once
// What `sagelint lint` was asked to do, after the command line is parsed and before
// any config file is read. Config files fill in what is left unset here.
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "lint/fleet_options.hpp"
#include "rules/finding.hpp"

namespace sagelint::lint {

// One report: a format name and where it goes ("" = standard output).
struct OutputSpec {
  std::string format;
  std::string path;
};

struct LintOptions {
  std::vector<std::string> targets;
  std::vector<OutputSpec> outputs;            // empty: from the config, else tty
  std::optional<Severity> failure_threshold;  // unset: from the config, else warning
  std::vector<std::string> ignored;           // added to the config's `ignored`
  std::string config_path;                    // -c; "" = discover per target
  bool no_inline_ignores = false;
  std::string target_stage;  // "" = the last stage
  std::map<std::string, std::string> build_args;
  std::string context_dir;            // "" = the Dockerfile's directory
  std::string image_name;             // --image
  std::string platform;               // --platform
  std::string image_for_request;      // --image-for-request
  bool no_verify = false;             // skip image digest verification
  std::vector<std::string> selected;  // --select: only these rules (empty = all)
  // Registry options (skopeo's names).
  std::optional<std::string> creds;  // --creds USER[:PASSWORD]
  std::string authfile, cert_dir;    // --authfile, --cert-dir
  bool tls_verify = true;            // --tls-verify=false
  std::optional<TargetKind> kind;    // --kind forces the target kind
  std::string docs_url;              // --docs-url; "" = the build's default
  bool fix = false;                  // --fix: rewrite Dockerfiles (`-`: to stdout)
  bool diff = false;                 // --diff: print the fixes as a unified diff
  std::string baseline;              // --baseline FILE: suppress the findings it lists
  std::string write_baseline;        // --write-baseline FILE: record today's findings
  FleetOptions fleet;                // --targets-from, -j, --cache-dir, --shard, …
};

// Parses `FMT[=PATH]`; nullopt when FMT is not a known report format.
std::optional<OutputSpec> parse_output_spec(const std::string& text);

}  // namespace sagelint::lint
