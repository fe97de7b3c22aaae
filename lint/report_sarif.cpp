// `-f sarif`: SARIF 2.1.0, for GitHub code scanning and other static-analysis
// dashboards. Every rule's metadata goes in tool.driver.rules (with its help text),
// so a dashboard can explain a finding without sagelint at hand. What GitHub code
// scanning needs on top of the schema (help, helpUri, tags, fingerprints, URIs it can
// map to repository files) is checked by the SARIF Multitool's GitHub rules in
// tests/sarif_multitool_test.sh.
#include <nlohmann/json.hpp>

#include <algorithm>
#include <filesystem>
#include <map>
#include <optional>

#include "lint/fingerprint.hpp"
#include "lint/report.hpp"
#include "lint/version.hpp"
#include "rules/rule.hpp"

namespace sagelint::lint {
namespace {

using json = nlohmann::ordered_json;

const char* sarif_level(Severity s) {
  switch (s) {
    case Severity::error: return "error";
    case Severity::warning: return "warning";
    default: return "note";
  }
}

namespace fs = std::filesystem;

// The key of partialFingerprints: versioned, so a change of the identity is a new key
// rather than a silent change of meaning.
constexpr const char* kFingerprintKey = "sagelintFindingHash/v2";
constexpr const char* kSourceRoot = "%SRCROOT%";

// artifactLocation.uri is a URI reference: percent-encode what a path may hold
// but a URI may not.
std::string percent_encode(std::string_view path) {
  static const char* hex = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : path) {
    if (std::isalnum(c) || c == '/' || c == '-' || c == '.' || c == '_' || c == '~') {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += hex[c >> 4];
      out += hex[c & 15];
    }
  }
  return out;
}

// A directory as an absolute file:// URI ending in '/', as originalUriBaseIds wants.
std::string directory_uri(const fs::path& dir) {
  std::string text = dir.generic_string();
  if (text.empty() || text.back() != '/') text += '/';
  return "file://" + percent_encode(text);
}

// Where a target is, as code scanning maps it onto the repository: relative to
// %SRCROOT% (the working directory) when it is inside it, else an absolute file://
// URI. Targets that are already URIs (docker://...) stay as they are; stdin is "-".
json artifact_location(const std::string& target, const fs::path& source_root) {
  if (target.find("://") != std::string::npos) return {{"uri", target}};
  if (target == "-") return {{"uri", "stdin"}};
  std::error_code ec;
  fs::path absolute = fs::absolute(fs::path(target), ec).lexically_normal();
  if (ec) return {{"uri", percent_encode(target)}};
  fs::path relative = absolute.lexically_relative(source_root);
  bool inside = !relative.empty() && *relative.begin() != ".." && relative.is_relative();
  if (inside)
    return {{"uri", percent_encode(relative.generic_string())}, {"uriBaseId", kSourceRoot}};
  return {{"uri", "file://" + percent_encode(absolute.generic_string())}};
}

// Tags GitHub shows beside a rule and lets users filter by: the inputs the rule reads
// and the area of Processing it is about (from the ID range, as docs/rules/ groups
// them).
json rule_tags(const rules::RuleInfo& info) {
  json tags = json::array();
  std::string_view inputs = info.inputs;
  while (!inputs.empty()) {
    auto comma = inputs.find(',');
    std::string_view word = inputs.substr(0, comma);
    while (!word.empty() && word.front() == ' ') word.remove_prefix(1);
    while (!word.empty() && word.back() == ' ') word.remove_suffix(1);
    if (!word.empty()) tags.push_back(std::string(word));
    inputs = comma == std::string_view::npos ? std::string_view{} : inputs.substr(comma + 1);
  }
  tags.push_back("sagemaker-processing");
  std::string_view id = info.id;
  if (id.rfind("SMJ", 0) == 0)
    tags.push_back("request");
  else if (id.rfind("SMP00", 0) == 0)
    tags.push_back("signals");
  else if (id.rfind("SMP01", 0) == 0)
    tags.push_back("data-loss");
  else if (id.rfind("SMP02", 0) == 0)
    tags.push_back("gpu");
  else if (id.rfind("SMP03", 0) == 0)
    tags.push_back("runtime");
  else if (id.rfind("SMP04", 0) == 0)
    tags.push_back("startup");
  json unique = json::array();
  for (const auto& t : tags)
    if (std::find(unique.begin(), unique.end(), t) == unique.end()) unique.push_back(t);
  return unique;
}

// GitHub ranks security alerts by properties.security-severity (a CVSS-like score as a
// string) and shows it only for rules tagged "security". sagelint's rules are about
// jobs that fail or lose data, not about attacks, so none is tagged "security" and
// none carries a score; a security rule adds itself here with its score.
std::optional<std::string> security_severity(const rules::RuleInfo&) { return std::nullopt; }

std::string help_uri(const rules::RuleInfo& info, const std::string& docs_url) {
  std::string base = docs_url;
  while (!base.empty() && base.back() == '/') base.pop_back();
  return base + "/" + std::string(info.id) + ".md";
}

json rule_descriptor(const rules::RuleInfo& info, const std::string& docs_url) {
  std::string help = std::string(info.rationale);
  if (!info.fix.empty()) help += "\n\nFix: " + std::string(info.fix);
  std::string markdown = std::string(info.rationale);
  if (!info.bad.empty()) markdown += "\n\nBad:\n\n```\n" + std::string(info.bad) + "\n```";
  if (!info.good.empty()) markdown += "\n\nGood:\n\n```\n" + std::string(info.good) + "\n```";
  if (!info.fix.empty()) markdown += "\n\nFix: " + std::string(info.fix);
  json r;
  // No `name`: SARIF wants it to differ from the id, and the title is the
  // shortDescription already.
  r["id"] = std::string(info.id);
  r["shortDescription"] = {{"text", std::string(info.title)}};
  r["fullDescription"] = {
      {"text", info.rationale.empty() ? std::string(info.title) : std::string(info.rationale)}};
  r["helpUri"] = help_uri(info, docs_url);
  r["help"] = {{"text", help.empty() ? std::string(info.title) : help}, {"markdown", markdown}};
  r["defaultConfiguration"] = {{"level", sarif_level(info.severity)}};
  json props = {{"inputs", std::string(info.inputs)}, {"tags", rule_tags(info)}};
  if (auto score = security_severity(info)) props["security-severity"] = *score;
  r["properties"] = std::move(props);
  return r;
}

json result_of(const Finding& f, const std::string& fingerprint,
               const std::map<std::string, int>& rule_index, const fs::path& source_root) {
  json res;
  res["ruleId"] = f.rule;
  if (auto it = rule_index.find(f.rule); it != rule_index.end()) res["ruleIndex"] = it->second;
  res["level"] = sarif_level(f.severity);
  res["message"] = {{"text", f.message + place_suffix(f)}};
  json physical;
  physical["artifactLocation"] = artifact_location(f.target, source_root);
  if (f.range) {
    physical["region"] = {{"startLine", f.range->line},
                          {"startColumn", f.range->column},
                          {"endLine", f.range->end_line},
                          {"endColumn", f.range->end_column}};
  } else {
    // Image and request findings have a path or a JSON pointer (in properties and
    // logicalLocations), not a line: code scanning still wants a region, so they
    // point at the first line of the target.
    physical["region"] = {{"startLine", 1}, {"endLine", 1}};
  }
  json location;
  location["physicalLocation"] = std::move(physical);
  if (f.path) {
    location["logicalLocations"] =
        json::array({{{"fullyQualifiedName", *f.path}, {"name", *f.path}, {"kind", "resource"}}});
  }
  res["locations"] = json::array({std::move(location)});
  res["partialFingerprints"] = {{kFingerprintKey, fingerprint}};
  json props = json::object();
  props["kind"] = std::string(to_string(f.kind));
  if (f.path) props["path"] = *f.path;
  if (f.layer) props["layer"] = *f.layer;
  if (f.created_by) props["createdBy"] = *f.created_by;
  if (f.pointer) props["pointer"] = *f.pointer;
  res["properties"] = std::move(props);
  return res;
}

}  // namespace

void write_sarif_report(const LintResults& results, std::ostream& out,
                        const SarifSettings& settings) {
  std::string docs_url =
      settings.docs_url.empty() ? std::string(default_docs_url()) : settings.docs_url;
  std::error_code ec;
  fs::path source_root =
      settings.source_root.empty() ? fs::current_path(ec) : fs::path(settings.source_root);
  source_root = fs::absolute(source_root, ec).lexically_normal();

  json driver;
  driver["name"] = "sagelint";
  driver["version"] = std::string(version());
  driver["semanticVersion"] = std::string(version());
  driver["informationUri"] = docs_url;
  auto rules_json = json::array();
  std::map<std::string, int> rule_index;
  for (const rules::Rule* rule : rules::all_rules()) {
    rule_index[std::string(rule->info().id)] = static_cast<int>(rules_json.size());
    rules_json.push_back(rule_descriptor(rule->info(), docs_url));
  }
  driver["rules"] = std::move(rules_json);

  auto results_json = json::array();
  auto notifications = json::array();
  for (const auto& r : results) {
    if (r.error) {
      notifications.push_back(
          {{"level", "error"},
           {"message", {{"text", r.target + ": " + *r.error}}},
           {"locations",
            json::array({{{"physicalLocation",
                           {{"artifactLocation", artifact_location(r.target, source_root)}}}}})}});
    }
    auto fingerprints = finding_fingerprints(r.findings);
    for (std::size_t i = 0; i < r.findings.size(); ++i)
      results_json.push_back(result_of(r.findings[i], fingerprints[i], rule_index, source_root));
  }
  json invocation;
  invocation["executionSuccessful"] = notifications.empty();
  if (!notifications.empty()) invocation["toolExecutionNotifications"] = std::move(notifications);

  json run;
  run["tool"] = {{"driver", std::move(driver)}};
  run["originalUriBaseIds"] = {{kSourceRoot, {{"uri", directory_uri(source_root)}}}};
  run["invocations"] = json::array({std::move(invocation)});
  run["results"] = std::move(results_json);

  json doc;
  doc["$schema"] = "https://json.schemastore.org/sarif-2.1.0.json";
  doc["version"] = "2.1.0";
  doc["runs"] = json::array({std::move(run)});
  out << doc.dump(2, ' ', false, json::error_handler_t::replace) << '\n';
}

}  // namespace sagelint::lint
