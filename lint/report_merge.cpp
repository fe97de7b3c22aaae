#include "lint/report_merge.hpp"

#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <iostream>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <sstream>

#include "lint/engine.hpp"
#include "lint/exit_codes.hpp"

namespace sagelint::lint {
namespace {

using Json = nlohmann::ordered_json;

std::optional<TargetKind> kind_of(const std::string& s) {
  for (auto k : {TargetKind::dockerfile, TargetKind::image, TargetKind::request})
    if (to_string(k) == s) return k;
  return std::nullopt;
}

std::string str(const Json& j, const char* key) {
  return j.contains(key) && j[key].is_string() ? j[key].get<std::string>() : "";
}

std::optional<std::string> opt_str(const Json& j, const char* key) {
  if (j.contains(key) && j[key].is_string()) return j[key].get<std::string>();
  return std::nullopt;
}

std::optional<Finding> finding_of(const Json& j) {
  if (!j.is_object()) return std::nullopt;
  Finding f;
  f.rule = str(j, "rule");
  auto sev = severity_from_string(str(j, "severity"));
  auto kind = kind_of(str(j, "kind"));
  if (f.rule.empty() || !sev || !kind) return std::nullopt;
  f.severity = *sev;
  f.kind = *kind;
  f.message = str(j, "message");
  f.target = str(j, "target");
  if (j.contains("line") && j["line"].is_number_integer()) {
    SourceRange r;
    r.line = j["line"].get<int>();
    r.column = j.value("column", 0);
    r.end_line = j.value("endLine", 0);
    r.end_column = j.value("endColumn", 0);
    f.range = r;
  }
  f.path = opt_str(j, "path");
  if (j.contains("layer") && j["layer"].is_number_integer()) f.layer = j["layer"].get<int>();
  f.created_by = opt_str(j, "createdBy");
  f.pointer = opt_str(j, "pointer");
  return f;
}

}  // namespace

std::variant<LintResults, std::string> read_json_report(const std::string& text,
                                                        Severity failure_threshold) {
  auto doc = Json::parse(text, nullptr, false);
  if (!doc.is_object() || !doc.contains("version") || doc["version"] != 1)
    return std::string("not a sagelint JSON report (version 1)");
  if (!doc.contains("targets") || !doc["targets"].is_array() || !doc.contains("findings") ||
      !doc["findings"].is_array())
    return std::string("a JSON report without \"targets\" and \"findings\" arrays");
  LintResults results;
  std::multimap<std::string, std::size_t> by_name;
  for (const auto& t : doc["targets"]) {
    if (!t.is_object() || !t.contains("target") || !t["target"].is_string())
      return std::string("a target without its \"target\" name");
    TargetResult r;
    r.target = t["target"].get<std::string>();
    auto kind = kind_of(str(t, "kind"));
    if (!kind) return "target " + r.target + ": unknown kind";
    r.kind = *kind;
    r.error = opt_str(t, "error");
    r.failure_threshold = failure_threshold;
    if (r.kind == TargetKind::image && t.contains("layers")) {
      ImageSummary s;
      s.digest = str(t, "digest");
      s.index_digest = str(t, "indexDigest");
      s.config_digest = str(t, "configDigest");
      // `fromBase` (written only when the history tells) gives back the base's layer count.
      bool origin_known = false;
      std::size_t from_base = 0;
      if (t.contains("layers") && t["layers"].is_array())
        for (const auto& l : t["layers"]) {
          if (!l.is_object()) continue;
          s.layers.push_back({str(l, "digest"), l.value("size", uint64_t{0}),
                              l.value("read", false), str(l, "createdBy")});
          if (l.contains("fromBase") && l["fromBase"].is_boolean()) {
            origin_known = true;
            if (l["fromBase"].get<bool>() && from_base + 1 == s.layers.size()) ++from_base;
          }
        }
      if (origin_known) s.base_layers = from_base;
      s.bytes_read = t.value("bytesRead", uint64_t{0});
      r.image = std::move(s);
    }
    by_name.emplace(r.target, results.size());
    results.push_back(std::move(r));
  }
  for (const auto& j : doc["findings"]) {
    auto f = finding_of(j);
    if (!f) return std::string("a finding without rule, severity or kind");
    auto [lo, hi] = by_name.equal_range(f->target);
    if (lo == hi) return "a finding of " + f->target + ", which is not among the targets";
    // Findings follow their target; with a target named twice, the first one of its kind.
    std::size_t at = lo->second;
    for (auto it = lo; it != hi; ++it)
      if (results[it->second].kind == f->kind) {
        at = it->second;
        break;
      }
    results[at].findings.push_back(std::move(*f));
  }
  return results;
}

int report_merge_command(const MergeOptions& options) {
  const Severity threshold = options.failure_threshold.value_or(Severity::warning);
  LintResults merged;
  bool unreadable = false;
  for (const auto& path : options.reports) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    if (!in) {
      std::cerr << "sagelint: " << path << ": cannot read: " << std::strerror(errno) << '\n';
      unreadable = true;
      continue;
    }
    auto read = read_json_report(text.str(), threshold);
    if (auto* why = std::get_if<std::string>(&read)) {
      std::cerr << "sagelint: " << path << ": " << *why << '\n';
      unreadable = true;
      continue;
    }
    for (auto& r : std::get<LintResults>(read)) {
      if (r.error) unreadable = true;
      merged.push_back(std::move(r));
    }
  }
  std::stable_sort(merged.begin(), merged.end(), [](const TargetResult& a, const TargetResult& b) {
    return a.target < b.target;
  });

  std::vector<OutputSpec> specs = options.outputs;
  if (specs.empty()) specs.push_back({"tty", ""});
  bool write_failed = false;
  for (const auto& spec : specs) {
    auto format = *report_format_from_string(spec.format);
    std::unique_ptr<std::ofstream> file;
    if (!spec.path.empty()) {
      file = std::make_unique<std::ofstream>(spec.path, std::ios::binary | std::ios::trunc);
      if (!*file) {
        std::cerr << "sagelint: cannot write report to " << spec.path << ": "
                  << std::strerror(errno) << '\n';
        return kExitUsage;
      }
    }
    std::ostream& out = file ? static_cast<std::ostream&>(*file) : std::cout;
    const char* no_color = std::getenv("NO_COLOR");
    bool color = !file && isatty(STDOUT_FILENO) && (no_color == nullptr || *no_color == '\0');
    write_report(format, merged, out, TtyStyle{color});
    out.flush();
    if (file) file->close();
    if (!out) write_failed = true;
  }
  std::cerr.flush();
  if (unreadable) return kExitUnreadable;
  if (write_failed) return kExitUsage;
  for (const auto& r : merged)
    if (fails_threshold(r)) return kExitFindings;
  return kExitClean;
}

}  // namespace sagelint::lint
