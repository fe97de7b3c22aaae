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

struct ExitMessage {
  std::string text;  // the first kExitMessageLimit bytes of the concatenation
  std::uint64_t total_size = 0;
  bool valid_utf8 = true;               // the whole of every host's message
  std::vector<std::string> unreadable;  // hosts whose message is not a regular file
};

// Reads `<output_dir>/message` of each host (not following a symlink the container may
// have put there: the file is read on this machine, as root).
ExitMessage collect_exit_message(const std::vector<std::filesystem::path>& output_dirs);

}  // namespace sagelint::runtime
