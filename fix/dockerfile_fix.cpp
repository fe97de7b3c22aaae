#include "fix/dockerfile_fix.hpp"

#include <algorithm>
#include <map>
#include <variant>

#include "fix/pseudo_json.hpp"
#include "fix/shell_text.hpp"
#include "knowledge/exec_handover.hpp"
#include "knowledge/shipped_stage.hpp"
#include "knowledge/start_command.hpp"
#include "parser/parser.hpp"
#include "rules/rule.hpp"

namespace sagelint::fix {
namespace {

struct Edit {
  std::size_t begin = 0;  // byte offsets in the file
  std::size_t end = 0;
  std::string text;
};

// Byte offsets of source positions (1-based line, byte column after the BOM).
class LineTable {
 public:
  explicit LineTable(std::string_view text) {
    const std::size_t bom = text.substr(0, 3) == "\xEF\xBB\xBF" ? 3 : 0;
    starts_.push_back(bom);
    for (std::size_t i = 0; i < text.size(); ++i)
      if (text[i] == '\n') starts_.push_back(i + 1);
  }
  std::size_t offset(parser::Pos p) const {
    return starts_.at(static_cast<std::size_t>(p.line - 1)) +
           static_cast<std::size_t>(p.column - 1);
  }

 private:
  std::vector<std::size_t> starts_;
};

// The bytes [kb, ke) of an instruction's `rest` that lie on one source line.
struct Segment {
  int line = 0;
  std::size_t kb = 0;
  std::size_t ke = 0;
};

std::vector<Segment> segments(const parser::Instruction& inst, std::size_t b, std::size_t e) {
  std::vector<Segment> out;
  for (std::size_t k = b; k < e; ++k) {
    const int line = inst.rest_pos[k].line;
    if (out.empty() || out.back().line != line) out.push_back({line, k, k});
    out.back().ke = k + 1;
  }
  return out;
}

// Offset in `rest` of the byte at source position p.
std::optional<std::size_t> rest_offset(const parser::Instruction& inst, parser::Pos p) {
  for (std::size_t k = 0; k < inst.rest_pos.size(); ++k)
    if (inst.rest_pos[k] == p) return k;
  return std::nullopt;
}

bool is_blank(char c) { return c == ' ' || c == '\t'; }

struct Rewriter {
  const LineTable& lines;
  const parser::Instruction& inst;

  Edit edit_of(std::size_t kb, std::size_t ke, std::string text) const {
    return Edit{lines.offset(inst.rest_pos[kb]), lines.offset(inst.rest_pos[ke - 1]) + 1,
                std::move(text)};
  }

  // rest[b, e) becomes a JSON array of `values`; element i starts at rest offset
  // starts[i]. Each element is written on the line where it started, so
  // continuation lines and the comment lines between them stay.
  std::variant<std::vector<Edit>, std::string> array(std::size_t b, std::size_t e,
                                                     const std::vector<std::string>& values,
                                                     const std::vector<std::size_t>& starts) const {
    auto segs = segments(inst, b, e);
    std::vector<Edit> out;
    std::size_t next = 0;
    for (std::size_t s = 0; s < segs.size(); ++s) {
      std::size_t kb = segs[s].kb, ke = segs[s].ke;
      while (kb < ke && is_blank(inst.rest[kb])) ++kb;
      while (ke > kb && is_blank(inst.rest[ke - 1])) --ke;
      const bool first = s == 0, last = s + 1 == segs.size();
      std::string text = first ? "[" : "";
      bool any = false;
      while (next < values.size() && (last || starts[next] < segs[s].ke)) {
        text += (any ? ", " : "") + json_quote(values[next]);
        any = true;
        ++next;
      }
      if (last) {
        text += "]";
      } else {
        if (!any && !first) return std::string("a word is continued across lines");
        if (any && next < values.size()) text += ",";
      }
      if (kb == ke) return std::string("a continuation line holds only blanks");
      out.push_back(edit_of(kb, ke, std::move(text)));
    }
    return out;
  }

  // rest[b, e) becomes `[prefix..., "<rest[b,e) with `insert` at rest offset at>"]`,
  // the string's bytes staying on their lines (the Dockerfile joins them again).
  std::vector<Edit> wrapper(std::size_t b, std::size_t e, const std::vector<std::string>& prefix,
                            std::size_t at, const std::string& insert) const {
    auto segs = segments(inst, b, e);
    std::vector<Edit> out;
    for (std::size_t s = 0; s < segs.size(); ++s) {
      std::string text;
      if (s == 0) {
        text = "[";
        for (const auto& p : prefix) text += json_quote(p) + ", ";
        text += "\"";
      }
      for (std::size_t k = segs[s].kb; k < segs[s].ke; ++k) {
        if (k == at) text += json_escape(insert);
        text += json_escape(std::string_view(&inst.rest[k], 1));
      }
      if (s + 1 == segs.size()) text += "\"]";
      out.push_back(edit_of(segs[s].kb, segs[s].ke, std::move(text)));
    }
    return out;
  }
};

bool covers(const parser::Span& span, const SourceRange& r) {
  return span.begin.line == r.line && span.begin.column == r.column;
}

std::string shell_words(const std::vector<std::string>& shell) {
  std::string out;
  for (const auto& w : shell) out += (out.empty() ? "" : " ") + w;
  return out;
}

class Fixer {
 public:
  Fixer(std::string_view text, const knowledge::StartCommand& start, char escape)
      : lines_(text), start_(start), escape_(escape) {}

  std::vector<Edit> edits;

  // Shell form -> exec form, or -> SHELL + "exec ..." when a shell is needed.
  std::optional<std::string> shell_form(const knowledge::StartInstruction& si) {
    const auto& inst = *si.node;
    if (inst.args.empty()) return "no arguments";
    if (si.shell.empty() || !is_posix_shell(si.shell.front()))
      return "the SHELL in force (" + shell_words(si.shell) + ") is not a POSIX shell";
    const std::string& value = inst.args.front().value;
    if (escape_ == '`' && si.shell == std::vector<std::string>{"/bin/sh", "-c"} &&
        value.find_first_of("\"'\\^%") != std::string::npos)
      return "the file uses the ` escape of Windows images, whose default shell (cmd) reads "
             "quotes differently";
    auto b = rest_offset(inst, inst.args.front().span.begin);
    if (!b || *b + value.size() > inst.rest.size() || inst.rest.compare(*b, value.size(), value))
      return "the text could not be located in the file";
    Rewriter rw{lines_, inst};
    const ShellText sh = analyze_shell_text(value);
    if (!sh.needs_shell) {
      std::vector<std::string> values;
      std::vector<std::size_t> starts;
      for (const auto& w : sh.words) {
        values.push_back(w.value);
        starts.push_back(*b + w.begin);
      }
      auto r = rw.array(*b, *b + value.size(), values, starts);
      if (auto* why = std::get_if<std::string>(&r)) return *why;
      return take(std::get<std::vector<Edit>>(r));
    }
    if (sh.exec_unsafe)
      return "it needs a shell (" + *sh.needs_shell +
             ") and exec cannot be added: " + *sh.exec_unsafe;
    const std::size_t at = sh.already_exec ? std::string::npos : *b + *sh.exec_at;
    return take(rw.wrapper(*b, *b + value.size(), si.shell, at, sh.already_exec ? "" : "exec "));
  }

  std::optional<std::string> pseudo_json(const knowledge::StartInstruction& si) {
    const auto& inst = *si.node;
    if (!inst.json_text_span) return "no JSON-like text";
    auto b = rest_offset(inst, inst.json_text_span->begin);
    if (!b) return "the text could not be located in the file";
    // The JSON-like text runs to the end of the arguments (ENTRYPOINT/CMD have no flags).
    const std::size_t end = inst.rest.size();
    auto read = read_pseudo_json(std::string_view(inst.rest).substr(*b, end - *b));
    if (auto* why = std::get_if<std::string>(&read)) return "the intent is ambiguous: " + *why;
    std::vector<std::string> values;
    std::vector<std::size_t> starts;
    for (const auto& el : std::get<std::vector<PseudoElement>>(read)) {
      values.push_back(el.value);
      starts.push_back(*b + el.begin);
    }
    auto r = Rewriter{lines_, inst}.array(*b, end, values, starts);
    if (auto* why = std::get_if<std::string>(&r)) return *why;
    return take(std::get<std::vector<Edit>>(r));
  }

  std::optional<std::string> wrapper_exec() {
    auto argv = start_.argv();
    std::vector<std::string> values;
    for (const auto& a : argv) values.push_back(a.value);
    auto idx = knowledge::shell_script_index(values);
    if (!idx) return "no shell -c script";
    std::string program = values.front();
    if (program.size() >= 7 && program.substr(program.size() - 7) == "busybox" && values.size() > 1)
      program = values[1];
    if (!is_posix_shell(program)) return "`" + program + "` is not a POSIX shell";
    const auto& element = argv[*idx];
    if (element.token == nullptr || !element.from->json) return "the script is not in the file";
    const parser::Span& span = element.token->span;
    if (span.begin.line != span.end.line) return "the script string spans several lines";
    const ShellText sh = analyze_shell_text(element.value);
    if (sh.already_exec) return "the script already ends in exec";
    if (!sh.exec_at) return "exec cannot be added: " + sh.exec_unsafe.value_or("no command");
    std::string script = element.value;
    script.insert(*sh.exec_at, "exec ");
    edits.push_back(Edit{lines_.offset(span.begin), lines_.offset(span.end), json_quote(script)});
    return std::nullopt;
  }

 private:
  LineTable lines_;
  const knowledge::StartCommand& start_;
  char escape_;

  std::optional<std::string> take(std::vector<Edit> more) {
    for (auto& e : more) edits.push_back(std::move(e));
    return std::nullopt;
  }
};

}  // namespace

bool is_fixable_rule(std::string_view rule) {
  return rule == "SMP001" || rule == "SMP002" || rule == "SMP003" || rule == "SMP004";
}

FixOutcome fix_dockerfile(std::string_view text, const parser::Dockerfile& file,
                          const parser::StageModel& stages, int target_stage,
                          const std::vector<Finding>& findings) {
  FixOutcome out;
  out.text = std::string(text);
  out.per_finding.resize(findings.size());
  const knowledge::StartCommand start = knowledge::effective_start_command(
      stages, knowledge::resolve_target_stage(stages, target_stage));
  Fixer fixer(text, start, file.escape_token);
  std::vector<const parser::Instruction*> done;  // one rewrite per instruction

  for (std::size_t i = 0; i < findings.size(); ++i) {
    const Finding& f = findings[i];
    if (!f.range || f.kind != TargetKind::dockerfile || !is_fixable_rule(f.rule)) continue;
    const knowledge::StartInstruction* si = nullptr;
    for (const auto* cand :
         {start.entrypoint ? &*start.entrypoint : nullptr, start.cmd ? &*start.cmd : nullptr}) {
      if (cand == nullptr) continue;
      const auto& inst = *cand->node;
      const bool at_args = !inst.args.empty() && covers(inst.args.front().span, *f.range);
      const bool at_json = inst.json_text_span && covers(*inst.json_text_span, *f.range);
      if (at_args || at_json) si = cand;
    }
    std::optional<std::string> refused;
    const parser::Instruction* target = si ? si->node : nullptr;
    if (f.rule == "SMP004") {
      auto argv = start.argv();
      if (argv.empty() || argv.front().token == nullptr ||
          !covers(argv.front().token->span, *f.range))
        continue;
      target = argv.front().from;
      if (std::find(done.begin(), done.end(), target) != done.end()) continue;
      refused = fixer.wrapper_exec();
    } else {
      if (si == nullptr) continue;  // not a start command of the shipped stage
      if (std::find(done.begin(), done.end(), target) != done.end()) continue;
      if (f.rule == "SMP003") {
        refused = fixer.pseudo_json(*si);
      } else if (f.rule == "SMP001" && start.has_cmd()) {
        refused = std::string(
            "a CMD is set, and the exec-form ENTRYPOINT would get its words appended, which the "
            "shell form ignores: the start command would change");
      } else {
        refused = fixer.shell_form(*si);
      }
    }
    if (refused) {
      out.per_finding[i] = {FindingFix::refused, *refused};
    } else {
      out.per_finding[i] = {FindingFix::fixed, ""};
      done.push_back(target);
    }
  }

  auto edits = fixer.edits;
  std::sort(edits.begin(), edits.end(),
            [](const Edit& a, const Edit& b) { return a.begin > b.begin; });
  for (const auto& e : edits) out.text.replace(e.begin, e.end - e.begin, e.text);
  out.changed = out.text != text;
  return out;
}

std::optional<FixOutcome> fix_dockerfile_text(std::string_view text,
                                              const std::vector<Finding>& findings,
                                              const std::map<std::string, std::string>& build_args,
                                              const std::string& target_stage) {
  auto parsed = parser::parse(text);
  if (parsed.error) return std::nullopt;
  const parser::StageModel stages = parser::build_stages(parsed.file, build_args);
  if (stages.stages.empty()) return std::nullopt;
  int target = static_cast<int>(stages.stages.size()) - 1;
  if (!target_stage.empty()) {
    auto found = stages.find(target_stage);
    if (!found) return std::nullopt;
    target = *found;
  }
  return fix_dockerfile(text, parsed.file, stages, target, findings);
}

}  // namespace sagelint::fix
