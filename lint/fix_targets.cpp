#include "lint/fix_targets.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>

#include "fix/dockerfile_fix.hpp"
#include "fix/unified_diff.hpp"
#include "lint/targets.hpp"

namespace sagelint::lint {
namespace fs = std::filesystem;

std::optional<std::string> replace_file(const std::string& path, const std::string& original,
                                        const std::string& fixed) {
  std::error_code ec;
  const fs::path real = fs::canonical(path, ec);
  if (ec) return ec.message();
  struct stat st {};
  if (::stat(real.c_str(), &st) != 0) return std::string(std::strerror(errno));
  // root may write any file: a file without write bits is read-only all the same.
  if ((st.st_mode & 0222) == 0) return std::string("the file is read-only");
  if (::access(real.c_str(), W_OK) != 0) return std::string(std::strerror(errno));

  std::string temp =
      (real.parent_path() / ("." + real.filename().string() + ".sagelint-XXXXXX")).string();
  const int fd = ::mkstemp(temp.data());
  if (fd < 0)
    return "cannot create a temporary file in " + real.parent_path().string() + ": " +
           std::strerror(errno);
  auto fail = [&](const std::string& why) {
    ::close(fd);
    ::unlink(temp.c_str());
    return std::optional<std::string>(why);
  };
  std::size_t done = 0;
  while (done < fixed.size()) {
    const ssize_t n = ::write(fd, fixed.data() + done, fixed.size() - done);
    if (n < 0) {
      if (errno == EINTR) continue;
      return fail(std::string("cannot write the temporary file: ") + std::strerror(errno));
    }
    done += static_cast<std::size_t>(n);
  }
  if (::fchmod(fd, st.st_mode & 07777) != 0 || ::fsync(fd) != 0)
    return fail(std::string("cannot write the temporary file: ") + std::strerror(errno));
  if (::fchown(fd, st.st_uid, st.st_gid) != 0) {
    // Keeping the owner needs privileges; the content is what matters.
  }
  // Someone else wrote the file while we linted it: keep theirs.
  std::ifstream again(real, std::ios::binary);
  std::ostringstream now;
  now << again.rdbuf();
  if (now.str() != original)
    return fail("the file changed while it was being fixed; left as it is");
  ::close(fd);
  if (::rename(temp.c_str(), real.c_str()) != 0) {
    const std::string why = std::strerror(errno);
    ::unlink(temp.c_str());
    return "cannot replace the file: " + why;
  }
  return std::nullopt;
}

namespace {

// The finding of `after` at the same place and rule as `f`.
Finding* same_finding(std::vector<Finding>& after, const Finding& f) {
  for (auto& g : after)
    if (g.rule == f.rule && g.range && f.range && g.range->line == f.range->line &&
        g.range->column == f.range->column)
      return &g;
  return nullptr;
}

}  // namespace

int count_fixable(const DockerfileInput& input, const TargetResult& result) {
  if (result.error) return 0;
  const bool any_fixable =
      std::any_of(result.findings.begin(), result.findings.end(),
                  [](const Finding& f) { return fix::is_fixable_rule(f.rule); });
  if (!any_fixable) return 0;
  auto outcome =
      fix::fix_dockerfile_text(input.text, result.findings, input.build_args, input.target_stage);
  if (!outcome) return 0;
  return static_cast<int>(
      std::count_if(outcome->per_finding.begin(), outcome->per_finding.end(),
                    [](const fix::FindingFix& f) { return f.status == fix::FindingFix::fixed; }));
}

FixRun fix_target(const DockerfileInput& input, const LintSettings& settings,
                  const LintOptions& options, TargetResult& result, std::ostream& out) {
  FixRun run;
  const bool to_stdout = input.target == kStdinTarget;
  if (result.error) {
    if (options.fix && to_stdout) out << input.text;
    return run;
  }
  auto outcome =
      fix::fix_dockerfile_text(input.text, result.findings, input.build_args, input.target_stage);
  if (!outcome) return run;

  bool written = !outcome->changed;
  if (options.diff) {
    out << fix::unified_diff(input.text, outcome->text, input.target);
  } else if (to_stdout) {
    out << outcome->text;
    written = true;
  } else if (outcome->changed) {
    if (auto why = replace_file(input.target, input.text, outcome->text)) {
      std::cerr << "sagelint: " << input.target << ": cannot fix: " << *why << '\n';
      run.failed = true;
    } else {
      written = true;
    }
  }

  // What remains: the fixed text linted again (--diff: as it would be after the fix).
  std::vector<Finding> before = result.findings;
  if (outcome->changed && (written || options.diff)) {
    DockerfileInput fixed = input;
    fixed.text = outcome->text;
    TargetResult again = lint_dockerfile(fixed, settings);
    if (!again.error) result = std::move(again);
  }
  for (std::size_t i = 0; i < before.size(); ++i) {
    const auto& pf = outcome->per_finding[i];
    if (pf.status != fix::FindingFix::refused) continue;
    if (Finding* g = same_finding(result.findings, before[i]))
      g->message += kNotFixedNote + pf.reason + ")";
  }
  return run;
}

}  // namespace sagelint::lint
