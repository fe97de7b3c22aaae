#include "lint/ignores.hpp"

#include <algorithm>
#include <cctype>
#include <map>

#include "parser/ast.hpp"

namespace sagelint::lint {
namespace {

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v'; }
bool is_id_char(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-';
}

void skip_spaces(std::string_view s, std::size_t& i) {
  while (i < s.size() && is_space(s[i])) ++i;
}

// Case-insensitive: consumes `word` at i when it is there as a whole word.
bool take_word(std::string_view s, std::size_t& i, std::string_view word) {
  if (s.size() - i < word.size()) return false;
  for (std::size_t k = 0; k < word.size(); ++k)
    if (std::tolower(static_cast<unsigned char>(s[i + k])) != word[k]) return false;
  std::size_t end = i + word.size();
  if (end < s.size() && std::isalnum(static_cast<unsigned char>(s[end]))) return false;
  i = end;
  return true;
}

std::string upper(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return out;
}

std::string trim(std::string_view s) {
  std::size_t b = 0, e = s.size();
  while (b < e && is_space(s[b])) ++b;
  while (e > b && is_space(s[e - 1])) --e;
  return std::string(s.substr(b, e - b));
}

std::vector<std::string_view> split_lines(std::string_view text) {
  if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);
  std::vector<std::string_view> lines;
  std::size_t start = 0;
  while (start <= text.size()) {
    auto nl = text.find('\n', start);
    auto line =
        text.substr(start, nl == std::string_view::npos ? std::string_view::npos : nl - start);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    lines.push_back(line);
    if (nl == std::string_view::npos) break;
    start = nl + 1;
  }
  return lines;
}

// Case-insensitive find of `needle` in `hay` from `from`.
std::size_t find_nocase(std::string_view hay, std::string_view needle, std::size_t from) {
  if (needle.empty() || hay.size() < needle.size()) return std::string_view::npos;
  for (std::size_t i = from; i + needle.size() <= hay.size(); ++i) {
    bool same = true;
    for (std::size_t k = 0; k < needle.size() && same; ++k)
      same = std::toupper(static_cast<unsigned char>(hay[i + k])) ==
             std::toupper(static_cast<unsigned char>(needle[k]));
    if (same) return i;
  }
  return std::string_view::npos;
}

}  // namespace

std::optional<IgnoreDirective> parse_ignore_comment(std::string_view text) {
  std::size_t i = 0;
  skip_spaces(text, i);
  if (!take_word(text, i, "sagelint")) return std::nullopt;
  if (find_nocase(text, "ignore", i) == std::string_view::npos) return std::nullopt;
  IgnoreDirective d;
  if (i < text.size() && text[i] == ':') ++i;  // `# sagelint: ignore=...` is a common variant
  skip_spaces(text, i);
  if (take_word(text, i, "global")) {
    d.global = true;
    skip_spaces(text, i);
  }
  if (!take_word(text, i, "ignore")) return d;
  skip_spaces(text, i);
  if (i >= text.size() || text[i] != '=') return d;
  ++i;
  while (true) {
    skip_spaces(text, i);
    std::size_t start = i;
    while (i < text.size() && is_id_char(text[i]) &&
           !(text[i] == '-' && i + 1 < text.size() && text[i + 1] == '-'))
      ++i;
    if (i == start) break;
    d.rules.push_back(upper(text.substr(start, i - start)));
    std::size_t after = i;
    skip_spaces(text, after);
    if (after < text.size() && text[after] == ',') {
      i = after + 1;
      continue;
    }
    break;
  }
  // Whatever follows the list is the reason; `--`, `#` or `:` may introduce it.
  std::string rest = trim(text.substr(std::min(i, text.size())));
  for (std::string_view lead : {"--", "#", ":"}) {
    if (rest.compare(0, lead.size(), lead) == 0) {
      rest = trim(std::string_view(rest).substr(lead.size()));
      break;
    }
  }
  d.reason = rest;
  return d;
}

std::vector<rules::IgnoreComment> find_ignores(const parser::Dockerfile& file,
                                               std::string_view text) {
  // Most files have no ignore comment: the line and instruction tables are built only
  // for the first one found.
  std::vector<std::string_view> lines;
  // Comment lines outside continuations, by line: the blocks an inline ignore can be in.
  std::map<int, bool> comment_lines;
  // The instruction that starts right below each block of comment lines.
  std::map<int, const parser::Instruction*> starting_at;
  bool indexed = false;
  auto index = [&] {
    if (indexed) return;
    indexed = true;
    lines = split_lines(text);
    for (const auto& c : file.comments)
      if (!c.inside_continuation) comment_lines[c.line] = true;
    for (const auto& ins : file.instructions) starting_at[ins.span.begin.line] = &ins;
  };

  std::vector<rules::IgnoreComment> out;
  for (const auto& c : file.comments) {
    auto directive = parse_ignore_comment(c.text);
    if (!directive) continue;
    index();
    rules::IgnoreComment ic;
    ic.global = directive->global;
    ic.rules = std::move(directive->rules);
    ic.reason = std::move(directive->reason);
    ic.used.assign(ic.rules.size(), false);
    ic.inside_continuation = c.inside_continuation;
    std::string_view line =
        c.line >= 1 && c.line <= static_cast<int>(lines.size()) ? lines[c.line - 1] : "";
    auto hash = line.find('#');
    int col = hash == std::string_view::npos ? 1 : static_cast<int>(hash) + 1;
    ic.where = {c.line, col, c.line, static_cast<int>(line.size()) + 1};
    if (ic.where.end_column <= col) ic.where.end_column = col + 1;
    std::size_t search_from = hash == std::string_view::npos ? 0 : hash;
    auto eq = line.find('=', search_from);
    if (eq != std::string_view::npos) search_from = eq;
    for (const auto& id : ic.rules) {
      auto at = find_nocase(line, id, search_from);
      if (at == std::string_view::npos) {
        ic.rule_where.push_back(ic.where);
      } else {
        int b = static_cast<int>(at) + 1;
        ic.rule_where.push_back({c.line, b, c.line, b + static_cast<int>(id.size())});
        search_from = at + id.size();
      }
    }
    if (!ic.global && !ic.inside_continuation) {
      int next = c.line + 1;
      while (comment_lines.count(next)) ++next;
      if (auto it = starting_at.find(next); it != starting_at.end()) {
        ic.first_line = it->second->span.begin.line;
        ic.last_line = it->second->span.end.line;
      }
    }
    out.push_back(std::move(ic));
  }
  return out;
}

void apply_ignores(std::vector<Finding>& findings, std::vector<rules::IgnoreComment>& ignores) {
  auto suppressed = [&](const Finding& f) {
    bool hit = false;
    for (auto& ic : ignores) {
      bool covers = ic.global || (ic.first_line > 0 && f.range && f.range->line >= ic.first_line &&
                                  f.range->line <= ic.last_line);
      if (!covers) continue;
      for (std::size_t k = 0; k < ic.rules.size(); ++k) {
        if (ic.rules[k] == f.rule) {
          ic.used[k] = true;  // every matching ignore counts as used, not just the first
          hit = true;
        }
      }
    }
    return hit;
  };
  findings.erase(std::remove_if(findings.begin(), findings.end(), suppressed), findings.end());
}

}  // namespace sagelint::lint
