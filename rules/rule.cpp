#include "rules/rule.hpp"

#include "parser/ast.hpp"

namespace sagelint::rules {

SourceRange to_range(const parser::Span& span) {
  return {span.begin.line, span.begin.column, span.end.line, span.end.column};
}

Finding Reporter::make(std::string message) const {
  Finding f;
  f.rule = std::string(info_.id);
  f.severity = info_.severity;
  f.message = std::move(message);
  f.target = target_;
  f.kind = kind_;
  return f;
}

void Reporter::at(const SourceRange& range, std::string message) const {
  Finding f = make(std::move(message));
  f.range = range;
  sink_(std::move(f));
}

void Reporter::at(const parser::Span& span, std::string message) const {
  at(to_range(span), std::move(message));
}

void Reporter::at_path(std::string path, int layer, std::string created_by,
                       std::string message) const {
  Finding f = make(std::move(message));
  f.path = std::move(path);
  f.layer = layer;
  f.created_by = std::move(created_by);
  sink_(std::move(f));
}

void Reporter::at_pointer(std::string pointer, std::string message) const {
  Finding f = make(std::move(message));
  f.pointer = std::move(pointer);
  sink_(std::move(f));
}

void Reporter::at_container_path(std::string path, std::string message) const {
  Finding f = make(std::move(message));
  f.path = std::move(path);
  sink_(std::move(f));
}

void Reporter::general(std::string message) const { sink_(make(std::move(message))); }

}  // namespace sagelint::rules
