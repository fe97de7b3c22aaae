#include "runtime/command.hpp"

namespace sagelint::runtime {

std::string_view to_string(CommandCase c) {
  switch (c) {
    case CommandCase::image_default: return "ImageEntrypointAndCmd";
    case CommandCase::entrypoint_only: return "ContainerEntrypoint";
    case CommandCase::arguments_only: return "ImageEntrypointAndContainerArguments";
    case CommandCase::entrypoint_and_arguments: return "ContainerEntrypointAndContainerArguments";
  }
  return "ImageEntrypointAndCmd";
}

namespace {
void append(Argv& to, const std::optional<Argv>& from) {
  if (from) to.insert(to.end(), from->begin(), from->end());
}
}  // namespace

ResolvedCommand resolve_command(const image::ImageConfig& image,
                                const std::optional<Argv>& entrypoint,
                                const std::optional<Argv>& arguments) {
  ResolvedCommand r;
  if (entrypoint) {
    // As `docker run --entrypoint`: the image's Cmd goes too, not only its Entrypoint.
    r.which = arguments ? CommandCase::entrypoint_and_arguments : CommandCase::entrypoint_only;
    append(r.argv, entrypoint);
    append(r.argv, arguments);
  } else if (arguments) {
    r.which = CommandCase::arguments_only;
    append(r.argv, image.entrypoint);
    append(r.argv, arguments);
  } else {
    r.which = CommandCase::image_default;
    append(r.argv, image.entrypoint);
    append(r.argv, image.cmd);
  }
  return r;
}

std::string quote_argv(const Argv& argv) {
  std::string out;
  for (const auto& word : argv) {
    if (!out.empty()) out += ' ';
    bool plain = !word.empty();
    for (char c : word) {
      bool safe = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                  std::string_view("-_./=:,+@%").find(c) != std::string_view::npos;
      if (!safe) plain = false;
    }
    if (plain) {
      out += word;
      continue;
    }
    out += '\'';
    for (char c : word) {
      if (c == '\'')
        out += "'\\''";
      else
        out += c;
    }
    out += '\'';
  }
  return out;
}

}  // namespace sagelint::runtime
