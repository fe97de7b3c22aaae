// libFuzzer target for the Dockerfile parser: parse, the stage model, both dumps and
// word expansion must never crash, hang or trip a sanitizer on any input.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "parser/dump.hpp"
#include "parser/expand.hpp"
#include "parser/parser.hpp"
#include "parser/stages.hpp"

namespace {

using sagelint::parser::Span;

// Positions must stay inside the file: a violation is a parser bug, so stop loudly.
void check_span(const Span& s, int lines) {
  const bool ok =
      s.begin.line >= 1 && s.end.line <= lines && s.begin.column >= 1 && s.end.column >= 1 &&
      (s.begin.line < s.end.line || (s.begin.line == s.end.line && s.begin.column <= s.end.column));
  if (!ok) __builtin_trap();
}

void check_positions(const sagelint::parser::Instruction& inst, int lines) {
  if (inst.rest_pos.size() != inst.rest.size() + 1) __builtin_trap();
  check_span(inst.keyword_span, lines);
  for (const auto& t : inst.args) check_span(t.span, lines);
  for (const auto& f : inst.flags) check_span(f.span, lines);
  for (const auto& h : inst.heredocs) check_span(h.marker, lines);
  if (inst.onbuild) check_positions(*inst.onbuild, lines);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace sagelint::parser;
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  const ParseResult r = parse(text);
  const StageModel stages = build_stages(r.file, {{"TAG", "1"}});
  (void)dump_buildkit(r.file);
  // Dockerfiles are bytes, not necessarily UTF-8: serialise the way `sagelint dump` must.
  (void)dump_json(r.file).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  for (const Stage& stage : stages.stages) {
    for (const StageInstruction& si : stage.instructions) {
      (void)expand_words(si.node->rest, si.scope, r.file.escape_token);
      for (const Token& t : si.node->args)
        (void)expand_word(t.value, si.scope, r.file.escape_token);
    }
  }
  // The raw input as one word too, so the lexer sees every byte pattern.
  (void)expand_words(text.substr(0, 4096), stages.global_args);
  for (const Instruction& inst : r.file.instructions) {
    check_positions(inst, r.file.line_count);
    if (!inst.rest.empty()) (void)inst.span_in_rest(inst.rest.size() / 2, inst.rest.size());
    Instruction copy = inst;  // deep copy of ONBUILD chains
    (void)copy;
  }
  return 0;
}
