// The command line: CLI11 parses, the commands run. Every usage error is one line
// on stderr and exit 2, so a CI log shows the reason, not a page of help.
#include "lint/cli.hpp"

#include <CLI/CLI.hpp>

#include <cstdlib>
#include <iostream>
#include <string_view>

#include "lint/commands.hpp"
#include "lint/common_options.hpp"
#include "lint/exit_codes.hpp"
#include "lint/fleet_cli.hpp"
#include "lint/report.hpp"
#include "lint/run_command.hpp"
#include "lint/targets.hpp"
#include "lint/version.hpp"
#include "rules/rule.hpp"

namespace sagelint::lint {
namespace {

// Turns the raw option strings into LintOptions, checking each value.
void finish_lint_options(LintOptions& o, const FindingOptionText& shared,
                         const std::vector<std::string>& build_args, const std::string& kind) {
  FindingOptions f = finish_finding_options(shared);
  o.outputs = f.outputs;
  o.failure_threshold = f.failure_threshold;
  o.ignored = f.ignored;
  o.selected = f.selected;
  o.config_path = f.config_path;
  for (const auto& kv : build_args) {
    auto eq = kv.find('=');
    if (eq == 0) throw UsageError{"--build-arg: '" + kv + "' is not KEY=VALUE"};
    if (eq == std::string::npos) {
      // As `docker build --build-arg KEY`: the value comes from the environment.
      if (const char* v = std::getenv(kv.c_str())) o.build_args[kv] = v;
      continue;
    }
    o.build_args[kv.substr(0, eq)] = kv.substr(eq + 1);
  }
  if (o.fix && o.diff) throw UsageError{"--fix and --diff: give one (--diff writes nothing)"};
  if (!kind.empty()) {
    o.kind = target_kind_from_string(kind);
    if (!o.kind)
      throw UsageError{"--kind: '" + kind + "' is not one of dockerfile, image, request"};
  }
  if (!o.docs_url.empty() && o.docs_url.find("://") == std::string::npos)
    throw UsageError{"--docs-url: '" + o.docs_url + "' is not an absolute URL"};
}

}  // namespace

int cli_main(int argc, char** argv) {
  // `run` has its own option set (lint/run_command.cpp); it gets argv from "run" on.
  if (argc >= 2 && std::string_view(argv[1]) == "run") return run_main(argc - 1, argv + 1);

  CLI::App app{
      "sagelint: lint Dockerfiles, images and CreateProcessingJob requests for "
      "SageMaker Processing"};
  app.name("sagelint");
  app.set_version_flag("--version", "sagelint " + std::string(version()));
  app.require_subcommand(1);

  LintOptions lint_options;
  FindingOptionText shared;  // -f, -t, --ignore, --select, -c: as `run` takes them
  std::vector<std::string> build_args;
  std::string kind;
  auto* lint = app.add_subcommand("lint", "Lint Dockerfiles, images and job requests");
  add_finding_options(*lint, shared, ".sagelint.yaml/.yml found upward from each target");
  lint->add_flag("--no-inline-ignores", lint_options.no_inline_ignores,
                 "Ignore `# sagelint ignore=` and `# sagelint global ignore=` comments");
  lint->add_option("--target-stage", lint_options.target_stage,
                   "The Dockerfile stage that is shipped (default: the last)");
  lint->add_option("--build-arg", build_args, "KEY=VALUE for ARG expansion; repeatable")
      ->allow_extra_args(false);
  lint->add_option("--context", lint_options.context_dir,
                   "Build context directory (default: the Dockerfile's directory)");
  lint->add_option("--image", lint_options.image_name,
                   "The image to read from an archive or layout holding several");
  lint->add_option("--platform", lint_options.platform,
                   "OS/ARCH[/VARIANT] to read from a multi-platform image");
  lint->add_option("--image-for-request", lint_options.image_for_request,
                   "Lint request targets against this image too");
  lint->add_flag("--no-verify", lint_options.no_verify, "Do not verify image layer digests");
  lint->add_flag("--fix", lint_options.fix,
                 "Fix what has a safe mechanical fix in the Dockerfiles (a `-` target: the "
                 "fixed file to stdout); the remaining findings go to stderr");
  lint->add_flag("--diff", lint_options.diff,
                 "Print the fixes as a unified diff instead of writing them");
  lint->add_option("--baseline", lint_options.baseline,
                   "Suppress the findings listed in this baseline file (JSON)");
  lint->add_option("--write-baseline", lint_options.write_baseline,
                   "Record the findings in this baseline file (keeps reasons, owners and "
                   "expiry dates of --baseline entries that still match)");
  lint->add_option("--kind", kind, "Force the target kind: dockerfile, image, request");
  lint->add_option("--docs-url", lint_options.docs_url,
                   "Base URL of the rule pages, for SARIF helpUri (default: this version's)");
  std::string creds;
  auto* creds_option =
      lint->add_option("--creds", creds, "USER[:PASSWORD] for docker:// registries");
  lint->add_option("--authfile", lint_options.authfile,
                   "Registry credentials file (default: $REGISTRY_AUTH_FILE, else "
                   "$DOCKER_CONFIG/config.json or ~/.docker/config.json)");
  lint->add_option("--cert-dir", lint_options.cert_dir,
                   "Directory of CA certificates (*.crt) and client keys for registries");
  lint->add_flag("--tls-verify{true}", lint_options.tls_verify,
                 "Verify registries' TLS certificates (default true; --tls-verify=false)");
  lint->add_option("targets", lint_options.targets,
                   "Dockerfiles, images (archives, layouts, docker://HOST/REPO[:TAG], "
                   "docker-daemon:NAME, oci:DIR, oci-archive:FILE, docker-archive:FILE), "
                   "request JSON files, directories (searched for Dockerfiles and requests), "
                   "docker://HOST/ (every repository); - = stdin");
  FleetCliValues fleet_values;
  add_fleet_options(*lint, lint_options.fleet, fleet_values);

  // Listed for --help only; handled above.
  app.add_subcommand("run",
                     "Run IMAGE as a local SageMaker Processing smoke-test job "
                     "(see `sagelint run --help`)")
      ->allow_extras();

  ReportCli report;
  add_report_command(app, report);

  std::string rule_id, markdown_dir;
  auto* rules = app.add_subcommand("rules", "List the rules, or explain one");
  rules->add_option("rule", rule_id, "A rule ID, e.g. SMP001");
  rules->add_option("--markdown", markdown_dir,
                    "Write every rule's page (ID.md) and an index (README.md) into DIR");

  std::string dump_format = "buildkit", dump_path;
  auto* dump = app.add_subcommand("dump", "Print the parsed Dockerfile");
  dump->add_option("--format", dump_format, "buildkit (BuildKit's Node.Dump()) or json")
      ->check(CLI::IsMember({"buildkit", "json"}));
  dump->add_option("dockerfile", dump_path, "The Dockerfile; - = stdin")->required();

  ProcessingJobOptions job;
  std::string job_threshold;
  auto* processing = app.add_subcommand(
      "processing-job",
      "Lint every target under the input directory and write report.json, report.sarif and "
      "report.html "
      "(the container image's default command on SageMaker Processing)");
  processing->add_option("--input", job.input_dir, "Directory to search for targets")
      ->capture_default_str();
  processing->add_option("--output", job.output_dir, "Directory for the reports")
      ->capture_default_str();
  processing->add_option("-t,--failure-threshold", job_threshold,
                         "Fail on findings at or above: error, warning (default), info, style, "
                         "none");
  processing->add_option("--docs-url", job.docs_url, "Base URL of the rule pages, for SARIF");
  processing->add_flag("--tls-verify{true}", job.tls_verify,
                       "Verify registries' TLS certificates (default true; --tls-verify=false)");

  try {
    app.parse(argc, argv);
    if (processing->parsed() && !job_threshold.empty())
      job.failure_threshold = threshold_from_option(job_threshold);
    if (lint->parsed()) finish_lint_options(lint_options, shared, build_args, kind);
    if (creds_option->count()) lint_options.creds = creds;
    if (lint->parsed()) {
      if (auto why = finish_fleet_options(lint_options.fleet, fleet_values)) throw UsageError{*why};
      if (lint_options.targets.empty() && lint_options.fleet.targets_from.empty())
        throw UsageError{"lint: no target given (TARGET... or --targets-from FILE)"};
    }
    if (report.merge->parsed())
      if (auto why = finish_report_options(report)) throw UsageError{*why};
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForVersion& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    std::cerr << "sagelint: " << e.what() << " (see `sagelint --help`)\n";
    return kExitUsage;
  } catch (const UsageError& e) {
    std::cerr << "sagelint: " << e.message << '\n';
    return kExitUsage;
  }

  if (lint->parsed()) return lint_command(lint_options);
  if (report.merge->parsed()) return report_merge_command(report.options);
  if (rules->parsed() && !markdown_dir.empty()) return rules_markdown_command(markdown_dir);
  if (rules->parsed()) return rules_command(rule_id);
  if (dump->parsed()) return dump_command(dump_format, dump_path);
  if (processing->parsed()) return processing_job_command(job);
  return kExitUsage;
}

}  // namespace sagelint::lint
