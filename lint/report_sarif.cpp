// `-f sarif`: SARIF 2.1.0, for GitHub code scanning and other static-analysis
// dashboards. Every rule's metadata goes in tool.driver.rules (with its help text),
// so a dashboard can explain a finding without sagelint at hand.
#include <nlohmann/json.hpp>

#include <map>

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

// artifactLocation.uri is a URI reference: percent-encode what a path may hold
// but a URI may not.
std::string to_uri(std::string_view path) {
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

json rule_descriptor(const rules::RuleInfo& info) {
  std::string help = std::string(info.rationale);
  if (!info.fix.empty()) help += "\n\nFix: " + std::string(info.fix);
  std::string markdown = std::string(info.rationale);
  if (!info.bad.empty()) markdown += "\n\nBad:\n\n```\n" + std::string(info.bad) + "\n```";
  if (!info.good.empty()) markdown += "\n\nGood:\n\n```\n" + std::string(info.good) + "\n```";
  if (!info.fix.empty()) markdown += "\n\nFix: " + std::string(info.fix);
  json r;
  r["id"] = std::string(info.id);
  r["name"] = std::string(info.id);
  r["shortDescription"] = {{"text", std::string(info.title)}};
  r["fullDescription"] = {
      {"text", info.rationale.empty() ? std::string(info.title) : std::string(info.rationale)}};
  r["help"] = {{"text", help.empty() ? std::string(info.title) : help}, {"markdown", markdown}};
  r["defaultConfiguration"] = {{"level", sarif_level(info.severity)}};
  r["properties"] = {{"inputs", std::string(info.inputs)}};
  return r;
}

json result_of(const Finding& f, const std::map<std::string, int>& rule_index) {
  json res;
  res["ruleId"] = f.rule;
  if (auto it = rule_index.find(f.rule); it != rule_index.end()) res["ruleIndex"] = it->second;
  res["level"] = sarif_level(f.severity);
  res["message"] = {{"text", f.message + place_suffix(f)}};
  json physical;
  physical["artifactLocation"] = {{"uri", to_uri(f.target)}};
  if (f.range) {
    physical["region"] = {{"startLine", f.range->line},
                          {"startColumn", f.range->column},
                          {"endLine", f.range->end_line},
                          {"endColumn", f.range->end_column}};
  }
  json location;
  location["physicalLocation"] = std::move(physical);
  if (f.path) {
    location["logicalLocations"] =
        json::array({{{"fullyQualifiedName", *f.path}, {"name", *f.path}, {"kind", "resource"}}});
  }
  res["locations"] = json::array({std::move(location)});
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

void write_sarif_report(const LintResults& results, std::ostream& out) {
  json driver;
  driver["name"] = "sagelint";
  driver["version"] = std::string(version());
  driver["semanticVersion"] = std::string(version());
  auto rules_json = json::array();
  std::map<std::string, int> rule_index;
  for (const rules::Rule* rule : rules::all_rules()) {
    rule_index[std::string(rule->info().id)] = static_cast<int>(rules_json.size());
    rules_json.push_back(rule_descriptor(rule->info()));
  }
  driver["rules"] = std::move(rules_json);

  auto results_json = json::array();
  auto notifications = json::array();
  for (const auto& r : results) {
    if (r.error) {
      notifications.push_back(
          {{"level", "error"},
           {"message", {{"text", r.target + ": " + *r.error}}},
           {"locations", json::array({{{"physicalLocation",
                                        {{"artifactLocation", {{"uri", to_uri(r.target)}}}}}}})}});
    }
    for (const auto& f : r.findings) results_json.push_back(result_of(f, rule_index));
  }
  json invocation;
  invocation["executionSuccessful"] = notifications.empty();
  if (!notifications.empty()) invocation["toolExecutionNotifications"] = std::move(notifications);

  json run;
  run["tool"] = {{"driver", std::move(driver)}};
  run["invocations"] = json::array({std::move(invocation)});
  run["results"] = std::move(results_json);

  json doc;
  doc["$schema"] = "https://json.schemastore.org/sarif-2.1.0.json";
  doc["version"] = "2.1.0";
  doc["runs"] = json::array({std::move(run)});
  out << doc.dump(2, ' ', false, json::error_handler_t::replace) << '\n';
}

}  // namespace sagelint::lint
