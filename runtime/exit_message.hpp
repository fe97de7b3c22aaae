#pragma once
// /opt/ml/output/message: after any terminal status DescribeProcessingJob shows its
// first 1 KB as ExitMessage; text that is not UTF-8 fails the job with a ClientError
// (research §2.6). Several hosts' messages are concatenated in host order.
#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace sagelint::runtime {

inline constexpr std::size_t kExitMessageLimit = 1024;

bool is_valid_utf8(std::string_view bytes);

struct UnreadableMessage {
  std::string host;
  std::string reason;  // "not a regular file", "a symlink; not followed", ...
  bool operator==(const UnreadableMessage&) const = default;
};

struct ExitMessage {
  std::string text;  // the first kExitMessageLimit bytes of the concatenation
  std::uint64_t total_size = 0;
  bool valid_utf8 = true;  // what was read of every host's message
  std::vector<UnreadableMessage> unreadable;
};

// Reads `<output_dir>/message` of each host (the host is the output dir's parent's name)
// from a directory fd, without following a symlink the container may have put there,
// non-blocking, regular files only, and only the first kExitMessageLimit bytes (and the
// few more that finish a UTF-8 sequence cut there): that is all ExitMessage shows, and
// the encoding is judged on it. The size comes from the file's metadata.
ExitMessage collect_exit_message(const std::vector<std::filesystem::path>& output_dirs);

}  // namespace sagelint::runtime
