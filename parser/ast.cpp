#include "parser/ast.hpp"

#include <algorithm>

namespace sagelint::parser {

Span Instruction::span_in_rest(std::size_t offset, std::size_t length) const {
  if (rest_pos.empty()) return {};
  const std::size_t last = rest_pos.size() - 1;  // the one-past-the-end entry
  const std::size_t b = std::min(offset, last);
  const std::size_t e = std::min(offset + length, last);
  if (e > b) {
    const Pos end = rest_pos[e - 1];
    return {rest_pos[b], {end.line, end.column + 1}};
  }
  return {rest_pos[b], rest_pos[b]};
}

Instruction::Instruction(const Instruction& other)
    : keyword(other.keyword),
      original_keyword(other.original_keyword),
      keyword_span(other.keyword_span),
      span(other.span),
      flags(other.flags),
      args(other.args),
      json(other.json),
      json_error(other.json_error),
      json_text_span(other.json_text_span),
      heredocs(other.heredocs),
      onbuild(other.onbuild ? std::make_unique<Instruction>(*other.onbuild) : nullptr),
      original(other.original),
      prev_comment(other.prev_comment),
      rest(other.rest),
      rest_pos(other.rest_pos) {}

Instruction& Instruction::operator=(const Instruction& other) {
  if (this != &other) {
    Instruction copy(other);
    *this = std::move(copy);
  }
  return *this;
}

}  // namespace sagelint::parser
