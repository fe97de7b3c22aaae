#pragma once
// How the runtime finds and starts argv[0] of an image's start command, inside the
// image: runc (under Docker and SageMaker alike) sets the container's Env and calls
// Go's exec.LookPath in the container's root before execve:
//   - a name with a slash is used as it is (relative to WorkingDir);
//   - otherwise each PATH entry of the container's Env is tried in order (Docker
//     adds its default PATH when the image sets none), and the first regular file
//     with an execute bit wins; a directory or a file without one is passed over;
//   - symlinks are followed inside the image (image/resolve.hpp).
// Then the kernel: an ELF file runs, a `#!` line names an interpreter (read from the
// first 256 bytes), anything else is "exec format error".
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace sagelint::image {
struct FileEntry;
struct ImageConfig;
struct ImageView;
}  // namespace sagelint::image

namespace sagelint::knowledge {

// PATH of the image's Env (the last PATH= wins, as in Docker), else Docker's default.
std::string image_path_env(const image::ImageConfig& config);
// WorkingDir normalised, "/" when unset.
std::string image_workdir(const image::ImageConfig& config);

struct ProgramLookup {
  enum Status {
    found,           // `path`/`entry` is a regular file with an execute bit
    not_found,       // nothing at the path, or on any PATH entry
    not_executable,  // (a name with a slash) a regular file without an execute bit
    not_regular,     // (a name with a slash) a directory, device, ...
    link_loop,       // (a name with a slash) too many symlinks
  } status = not_found;
  bool searched_path = false;  // the name had no slash: PATH was searched
  std::string path;            // found, not_executable: the file after links; else the name given
  const image::FileEntry* entry = nullptr;  // found and not_executable
  // PATH search: the first candidate that exists but is not an executable file, and why
  // ("has no execute bit", "is a directory"): the likely mistake behind a not_found.
  std::string passed_over, passed_over_reason;
};

// Looks `name` up as runc does; `path_env` and `workdir` as the container gets them.
ProgramLookup find_program(const image::ImageView& image, const std::string& name,
                           const std::string& path_env, const std::string& workdir);
// The same with the image's own PATH and WorkingDir.
ProgramLookup find_image_program(const image::ImageView& image, const std::string& name);

// The `#!` line of a script as the kernel reads it (binfmt_script): the interpreter
// is the first word after `#!` (blanks skipped), the argument the rest of the line
// with blanks trimmed, one string however many words it has. A CR is not a blank to
// the kernel: a CRLF line gives "/bin/sh\r" (kept here; `crlf` says so).
struct Shebang {
  std::string interpreter;
  std::string argument;  // "" when none
  bool crlf = false;     // the line ends in "\r\n"
};
std::optional<Shebang> read_shebang(std::string_view head);

// `#!/usr/bin/env [-S] NAME ...`: the program env will look up on PATH; nullopt when
// the interpreter is not env, or env is given options this does not follow.
std::optional<std::string> env_program(const Shebang& shebang);

// True when an image reader should keep the head of `path` (a few hundred bytes: the
// ELF header or the #! line) because it may be the start program, a link's target
// or an interpreter: files in bin/ and sbin/ directories, on the image's PATH, in
// its WorkingDir, or named like argv[0] or the start script.
bool may_be_start_program(const std::string& path, const image::ImageConfig& config);

// True when the bytes start with a UTF-8 byte-order mark.
bool starts_with_bom(std::string_view head);

}  // namespace sagelint::knowledge
