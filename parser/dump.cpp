#include "parser/dump.hpp"

#include "parser/go_text.hpp"

namespace sagelint::parser {
namespace {

void dump_instruction(const Instruction& inst, std::string& out);

// One node's Dump(): lowercased value, flags as a Go %q slice, then the Next chain;
// the whole thing TrimSpace'd.
std::string node_dump(const Instruction& inst) {
  std::string s = go::to_lower(inst.original_keyword);
  if (!inst.flags.empty()) {
    s += " [";
    for (std::size_t i = 0; i < inst.flags.size(); ++i) {
      if (i) s += ' ';
      s += go::quote(inst.flags[i].raw);
    }
    s += ']';
  }
  if (inst.onbuild) {
    // ONBUILD's Next is a value-less node whose only child is the sub-instruction.
    std::string child;
    dump_instruction(*inst.onbuild, child);
    s += ' ';
    s += go::trim_space(child);
  }
  for (const Token& t : inst.args) {
    s += ' ';
    s += go::quote(t.value);
  }
  return std::string(go::trim_space(s));
}

void dump_instruction(const Instruction& inst, std::string& out) {
  out += '(';
  out += node_dump(inst);
  out += ")\n";
}

nlohmann::json pos_json(const Pos& p) { return {{"line", p.line}, {"column", p.column}}; }
nlohmann::json span_json(const Span& s) {
  return {{"begin", pos_json(s.begin)}, {"end", pos_json(s.end)}};
}

nlohmann::json instruction_json(const Instruction& inst) {
  nlohmann::json j;
  j["keyword"] = inst.keyword;
  j["original_keyword"] = inst.original_keyword;
  j["keyword_span"] = span_json(inst.keyword_span);
  j["span"] = span_json(inst.span);
  nlohmann::json flags = nlohmann::json::array();
  for (const Flag& f : inst.flags) {
    nlohmann::json jf{{"raw", f.raw}, {"name", f.name}, {"span", span_json(f.span)}};
    jf["value"] = f.value ? nlohmann::json(*f.value) : nlohmann::json(nullptr);
    flags.push_back(std::move(jf));
  }
  j["flags"] = std::move(flags);
  nlohmann::json args = nlohmann::json::array();
  for (const Token& t : inst.args)
    args.push_back({{"value", t.value}, {"span", span_json(t.span)}});
  j["args"] = std::move(args);
  j["json"] = inst.json;
  if (inst.json_error) {
    j["json_error"] = *inst.json_error;
    if (inst.json_text_span) j["json_text_span"] = span_json(*inst.json_text_span);
  }
  if (!inst.heredocs.empty()) {
    nlohmann::json hs = nlohmann::json::array();
    for (const Heredoc& h : inst.heredocs) {
      hs.push_back({{"name", h.name},
                    {"content", h.content},
                    {"expand", h.expand},
                    {"chomp", h.chomp},
                    {"file_descriptor", h.file_descriptor},
                    {"marker", span_json(h.marker)},
                    {"body_first_line", h.body_first_line},
                    {"terminator_line", h.terminator_line}});
    }
    j["heredocs"] = std::move(hs);
  }
  if (inst.onbuild) j["onbuild"] = instruction_json(*inst.onbuild);
  j["original"] = inst.original;
  if (!inst.prev_comment.empty()) j["prev_comment"] = inst.prev_comment;
  return j;
}

}  // namespace

std::string dump_buildkit(const Dockerfile& file) {
  std::string out;
  for (const Instruction& inst : file.instructions) dump_instruction(inst, out);
  std::string trimmed(go::trim_space(out));
  trimmed += '\n';
  return trimmed;
}

nlohmann::json dump_json(const Dockerfile& file) {
  nlohmann::json j;
  j["escape_token"] = std::string(1, file.escape_token);
  nlohmann::json directives = nlohmann::json::array();
  for (const Directive& d : file.directives)
    directives.push_back({{"name", d.name}, {"value", d.value}, {"line", d.line}});
  j["directives"] = std::move(directives);
  nlohmann::json warnings = nlohmann::json::array();
  for (const Warning& w : file.warnings)
    warnings.push_back(
        {{"short_name", w.short_name}, {"message", w.message}, {"span", span_json(w.span)}});
  j["warnings"] = std::move(warnings);
  nlohmann::json instructions = nlohmann::json::array();
  for (const Instruction& inst : file.instructions) instructions.push_back(instruction_json(inst));
  j["instructions"] = std::move(instructions);
  j["line_count"] = file.line_count;
  return j;
}

}  // namespace sagelint::parser
