#pragma once
// Baselines: `--write-baseline FILE` records today's findings, `--baseline FILE`
// suppresses the findings it lists, so a repository that already has findings can
// switch sagelint on and fail CI only on new ones.
//
// The file: {"version": 1, "findings": [{"fingerprint", "rule", "target", "message",
// optional "reason", "owner", "expires": "YYYY-MM-DD"}, ...]}, sorted by target, rule
// and fingerprint so it diffs well; targets are relative to the baseline's directory.
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "lint/report.hpp"

namespace sagelint::lint {

struct BaselineEntry {
  std::string fingerprint;
  std::string rule;
  std::string target;
  std::string message;
  std::optional<std::string> reason;
  std::optional<std::string> owner;
  std::optional<std::string> expires;  // YYYY-MM-DD
};

struct Baseline {
  std::string path;  // as given
  std::vector<BaselineEntry> entries;
};

inline constexpr int kBaselineVersion = 1;

// The baseline, or a one-line error naming the file (a usage error: exit 2).
std::variant<Baseline, std::string> read_baseline(const std::string& path);

// Removes the findings the baseline lists (unless their entry expired: then the
// message says so), and adds SMP901 for entries that match nothing. `today` is
// YYYY-MM-DD.
void apply_baseline(const Baseline& baseline, LintResults& results, const std::string& today);

// The baseline of `results` as written to `path`; reason/owner/expires are carried
// over from `previous` entries with the same fingerprint and target.
std::string baseline_text(const LintResults& results, const std::string& path,
                          const Baseline* previous);

// Today in UTC, YYYY-MM-DD.
std::string today_utc();

}  // namespace sagelint::lint
