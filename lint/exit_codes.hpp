#pragma once
// The exit codes of every command (SPEC.md). When a run has both an unreadable
// target and failing findings, 3 wins: a gate must never look merely "dirty" when
// part of its input was not checked at all.
namespace sagelint::lint {

inline constexpr int kExitClean = 0;       // nothing at or above the failure threshold
inline constexpr int kExitFindings = 1;    // a finding at or above the threshold
inline constexpr int kExitUsage = 2;       // bad command line or config file
inline constexpr int kExitUnreadable = 3;  // a target could not be read or parsed

}  // namespace sagelint::lint
