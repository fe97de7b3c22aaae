#include "runtime/command.hpp"

#include <doctest/doctest.h>

using namespace sagelint::runtime;

namespace {
std::optional<Argv> none() { return std::nullopt; }
}  // namespace

TEST_CASE("the four ContainerEntrypoint/ContainerArguments cases (research §2.1)") {
  sagelint::image::ImageConfig image;
  image.entrypoint = Argv{"python3", "/app/run.py"};
  image.cmd = Argv{"--mode", "default"};

  struct Case {
    const char* what;
    std::optional<Argv> entrypoint;
    std::optional<Argv> arguments;
    CommandCase which;
    Argv argv;
  };
  const Case cases[] = {
      {"neither: image Entrypoint + image Cmd",
       none(),
       none(),
       CommandCase::image_default,
       {"python3", "/app/run.py", "--mode", "default"}},
      {"entrypoint only: image Entrypoint and Cmd both ignored",
       Argv{"/bin/sh", "/job.sh"},
       none(),
       CommandCase::entrypoint_only,
       {"/bin/sh", "/job.sh"}},
      {"arguments only: image Entrypoint + arguments, Cmd replaced",
       none(),
       Argv{"data-format", "csv"},
       CommandCase::arguments_only,
       {"python3", "/app/run.py", "data-format", "csv"}},
      {"both: entrypoint + arguments (the AWS docs' example)",
       Argv{"python3", "-v", "/processing_script.py"},
       Argv{"data-format", "csv"},
       CommandCase::entrypoint_and_arguments,
       {"python3", "-v", "/processing_script.py", "data-format", "csv"}},
  };
  for (const auto& c : cases) {
    CAPTURE(c.what);
    auto r = resolve_command(image, c.entrypoint, c.arguments);
    CHECK(r.which == c.which);
    CHECK(r.argv == c.argv);
  }
}

TEST_CASE("an image without Entrypoint") {
  sagelint::image::ImageConfig image;
  image.cmd = Argv{"sh", "-c", "echo hi"};
  CHECK(resolve_command(image, none(), none()).argv == Argv{"sh", "-c", "echo hi"});
  // Arguments alone run their first element as the program (Docker semantics).
  CHECK(resolve_command(image, none(), Argv{"/bin/echo", "x"}).argv == Argv{"/bin/echo", "x"});
}

TEST_CASE("a shell-form Entrypoint swallows appended arguments into $0") {
  sagelint::image::ImageConfig image;
  image.entrypoint = Argv{"/bin/sh", "-c", "exec run"};
  image.cmd = Argv{"ignored"};
  CHECK(resolve_command(image, none(), Argv{"a"}).argv == Argv{"/bin/sh", "-c", "exec run", "a"});
}

TEST_CASE("no command at all gives an empty argv") {
  sagelint::image::ImageConfig image;
  CHECK(resolve_command(image, none(), none()).argv.empty());
  image.cmd = Argv{"x"};
  CHECK(resolve_command(image, Argv{}, none()).argv.empty());
}

TEST_CASE("quote_argv quotes only what a shell would split or expand") {
  CHECK(quote_argv({"python3", "-v", "/a/b.py"}) == "python3 -v /a/b.py");
  CHECK(quote_argv({"sh", "-c", "echo $HOME; it's"}) == "sh -c 'echo $HOME; it'\\''s'");
  CHECK(quote_argv({""}) == "''");
}
