#include "lint/baseline.hpp"

#include <algorithm>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>
#include <tuple>

#include "lint/fingerprint.hpp"
#include "lint/fix_targets.hpp"
#include "lint/targets.hpp"
#include "rules/rule.hpp"

namespace sagelint::lint {
namespace fs = std::filesystem;
namespace {

constexpr const char* kUnusedEntry = "SMP901";

fs::path baseline_dir(const std::string& path) {
  std::error_code ec;
  fs::path dir = fs::absolute(fs::path(path), ec).parent_path();
  return dir.lexically_normal();
}

// A target as the baseline names it: relative to the baseline's directory when it is
// a file or directory, else as given (`-`, `docker://...`).
std::string target_key(const std::string& target, const fs::path& dir) {
  std::error_code ec;
  if (target == kStdinTarget || !fs::exists(target, ec)) return target;
  const fs::path abs = fs::absolute(target, ec).lexically_normal();
  return abs.lexically_relative(dir).generic_string();
}

// The message without what --fix appended, so a fix attempt never changes a fingerprint.
Finding as_recorded(const Finding& f) {
  Finding g = f;
  const auto at = g.message.find(kNotFixedNote);
  if (at != std::string::npos) g.message.erase(at);
  return g;
}

// The same fingerprints the gitlab and sarif reports carry, with the target relative
// to the baseline's directory.
std::vector<std::string> fingerprints_of(const TargetResult& r, const fs::path& dir) {
  return finding_fingerprints(r.findings, target_key(r.target, dir));
}

bool valid_date(const std::string& s) {
  if (s.size() != 10 || s[4] != '-' || s[7] != '-') return false;
  for (std::size_t i : {0, 1, 2, 3, 5, 6, 8, 9})
    if (s[i] < '0' || s[i] > '9') return false;
  const int month = std::stoi(s.substr(5, 2)), day = std::stoi(s.substr(8, 2));
  return month >= 1 && month <= 12 && day >= 1 && day <= 31;
}

Finding unused_entry(const BaselineEntry& e, const std::string& target, TargetKind kind,
                     const std::string& why) {
  const rules::Rule* rule = rules::find_rule(kUnusedEntry);
  Finding f;
  f.rule = kUnusedEntry;
  f.severity = rule ? rule->info().severity : Severity::info;
  f.target = target;
  f.kind = kind;
  f.message = "baseline entry " + e.fingerprint.substr(0, 12) + " (" + e.rule + " in " + e.target +
              ") " + why;
  return f;
}

}  // namespace

std::string today_utc() {
  const std::time_t now = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&now, &tm);
  char buf[16];
  std::strftime(buf, sizeof buf, "%Y-%m-%d", &tm);
  return buf;
}

std::variant<Baseline, std::string> read_baseline(const std::string& path) {
  auto fail = [&](const std::string& why) { return "baseline " + path + ": " + why; };
  std::ifstream in(path, std::ios::binary);
  if (!in) return fail("cannot be read");
  std::ostringstream text;
  text << in.rdbuf();
  nlohmann::json doc;
  try {
    doc = nlohmann::json::parse(text.str());
  } catch (const nlohmann::json::exception& e) {
    return fail(std::string("not JSON (") + e.what() + ")");
  }
  if (!doc.is_object()) return fail("not a JSON object");
  if (!doc.contains("version") || !doc["version"].is_number_integer())
    return fail("\"version\" is missing or not an integer");
  const auto version = doc["version"].get<long long>();
  if (version > kBaselineVersion)
    return fail("version " + std::to_string(version) + " is newer than this sagelint reads (" +
                std::to_string(kBaselineVersion) + "); upgrade sagelint");
  if (version < 1) return fail("version " + std::to_string(version) + " is not a baseline version");
  if (!doc.contains("findings") || !doc["findings"].is_array())
    return fail("\"findings\" is missing or not an array");
  Baseline b;
  b.path = path;
  std::size_t index = 0;
  for (const auto& item : doc["findings"]) {
    const std::string where = "findings[" + std::to_string(index++) + "]";
    if (!item.is_object()) return fail(where + " is not an object");
    BaselineEntry e;
    for (auto [name, field] : {std::pair{"fingerprint", &e.fingerprint}, std::pair{"rule", &e.rule},
                               std::pair{"target", &e.target}, std::pair{"message", &e.message}}) {
      if (!item.contains(name) || !item[name].is_string())
        return fail(where + "." + name + " is missing or not a string");
      *field = item[name].get<std::string>();
    }
    for (auto [name, field] : {std::pair{"reason", &e.reason}, std::pair{"owner", &e.owner},
                               std::pair{"expires", &e.expires}}) {
      if (!item.contains(name)) continue;
      if (!item[name].is_string()) return fail(where + "." + name + " is not a string");
      *field = item[name].get<std::string>();
    }
    if (e.expires && !valid_date(*e.expires))
      return fail(where + ".expires '" + *e.expires + "' is not a date YYYY-MM-DD");
    b.entries.push_back(std::move(e));
  }
  return b;
}

void apply_baseline(const Baseline& baseline, LintResults& results, const std::string& today) {
  const fs::path dir = baseline_dir(baseline.path);
  std::map<std::pair<std::string, std::string>, std::size_t> by_key;  // (target, fingerprint)
  for (std::size_t i = 0; i < baseline.entries.size(); ++i)
    by_key.emplace(std::pair{baseline.entries[i].target, baseline.entries[i].fingerprint}, i);
  std::vector<bool> used(baseline.entries.size(), false);
  std::set<std::string> linted;

  for (auto& r : results) {
    if (r.error) continue;
    const std::string key = target_key(r.target, dir);
    linted.insert(key);
    const auto prints = fingerprints_of(r, dir);
    std::vector<Finding> kept;
    for (std::size_t i = 0; i < r.findings.size(); ++i) {
      Finding& f = r.findings[i];
      auto it = by_key.find({key, prints[i]});
      if (it == by_key.end() || baseline.entries[it->second].rule != f.rule) {
        kept.push_back(std::move(f));
        continue;
      }
      const BaselineEntry& e = baseline.entries[it->second];
      used[it->second] = true;
      if (e.expires && *e.expires < today) {
        f.message += " (baseline entry " + e.fingerprint.substr(0, 12) + " of " + baseline.path +
                     " expired on " + *e.expires + ")";
        kept.push_back(std::move(f));
      }
    }
    r.findings = std::move(kept);
  }

  // Entries that matched nothing: on their target when it was linted, on the
  // baseline when the target does not exist; not judged otherwise.
  TargetResult stale;
  stale.target = baseline.path;
  stale.kind = TargetKind::dockerfile;
  for (std::size_t i = 0; i < baseline.entries.size(); ++i) {
    if (used[i]) continue;
    const BaselineEntry& e = baseline.entries[i];
    if (linted.count(e.target)) {
      for (auto& r : results)
        if (!r.error && target_key(r.target, dir) == e.target)
          r.findings.push_back(unused_entry(e, r.target, r.kind, "matches no finding"));
      continue;
    }
    std::error_code ec;
    const bool exists =
        fs::path(e.target).is_relative() && fs::exists(dir / e.target, ec) && !e.target.empty();
    if (!exists)
      stale.findings.push_back(
          unused_entry(e, baseline.path, TargetKind::dockerfile,
                       "matches no finding: " + e.target + " does not exist beside the baseline"));
  }
  if (!stale.findings.empty()) {
    const Severity threshold =
        results.empty() ? Severity::warning : results.front().failure_threshold;
    stale.failure_threshold = threshold;
    results.push_back(std::move(stale));
  }
}

std::string baseline_text(const LintResults& results, const std::string& path,
                          const Baseline* previous) {
  const fs::path dir = baseline_dir(path);
  std::vector<BaselineEntry> entries;
  for (const auto& r : results) {
    if (r.error) continue;
    const std::string key = target_key(r.target, dir);
    const auto prints = fingerprints_of(r, dir);
    for (std::size_t i = 0; i < r.findings.size(); ++i) {
      if (r.findings[i].rule == kUnusedEntry) continue;
      BaselineEntry e;
      e.fingerprint = prints[i];
      e.rule = r.findings[i].rule;
      e.target = key;
      e.message = as_recorded(r.findings[i]).message;
      if (previous)
        for (const auto& p : previous->entries)
          if (p.fingerprint == e.fingerprint && p.target == e.target) {
            e.reason = p.reason;
            e.owner = p.owner;
            e.expires = p.expires;
          }
      entries.push_back(std::move(e));
    }
  }
  std::sort(entries.begin(), entries.end(), [](const BaselineEntry& a, const BaselineEntry& b) {
    return std::tie(a.target, a.rule, a.fingerprint) < std::tie(b.target, b.rule, b.fingerprint);
  });
  nlohmann::ordered_json doc;
  doc["version"] = kBaselineVersion;
  doc["findings"] = nlohmann::ordered_json::array();
  for (const auto& e : entries) {
    nlohmann::ordered_json j;
    j["fingerprint"] = e.fingerprint;
    j["rule"] = e.rule;
    j["target"] = e.target;
    j["message"] = e.message;
    if (e.reason) j["reason"] = *e.reason;
    if (e.owner) j["owner"] = *e.owner;
    if (e.expires) j["expires"] = *e.expires;
    doc["findings"].push_back(std::move(j));
  }
  return doc.dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::replace) + "\n";
}

}  // namespace sagelint::lint
