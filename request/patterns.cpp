#include "request/patterns.hpp"

#include "request/text.hpp"

namespace sagelint::request {
namespace {

bool is_alnum(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}
bool is_digit(char c) { return c >= '0' && c <= '9'; }

// first([seps]*first){0,max_repeats}: alphanumerics separated by runs of `seps`,
// starting and ending with an alphanumeric.
bool alnum_runs(std::string_view s, std::string_view seps, std::size_t max_repeats) {
  if (s.empty() || !is_alnum(s.front()) || !is_alnum(s.back())) return false;
  std::size_t repeats = 0;
  for (std::size_t i = 1; i < s.size(); ++i) {
    if (is_alnum(s[i])) {
      ++repeats;
    } else if (seps.find(s[i]) == std::string_view::npos) {
      return false;
    }
  }
  return repeats <= max_repeats;
}

template <class Pred>
bool all_of(std::string_view s, Pred pred) {
  for (char c : s) {
    if (!pred(c)) return false;
  }
  return true;
}

}  // namespace

bool matches_entity_name(std::string_view s, std::size_t max_repeats) {
  return alnum_runs(s, "-", max_repeats);
}

bool matches_env_key(std::string_view s) {
  if (s.empty() || is_digit(s.front())) return false;
  return all_of(s, [](char c) { return is_alnum(c) || c == '_'; });
}

bool matches_s3_uri(std::string_view s) {
  std::string_view rest;
  if (s.substr(0, 8) == "https://") {
    rest = s.substr(8);
  } else if (s.substr(0, 5) == "s3://") {
    rest = s.substr(5);
  } else {
    return false;
  }
  // ([^/]+) takes the longest run without '/' (it may hold any other character);
  // a shorter run would only hand more characters to (.*).
  if (rest.empty() || rest.front() == '/') return false;
  std::size_t slash = rest.find('/');
  if (slash == std::string_view::npos) return true;
  return is_single_line(rest.substr(slash + 1));
}

bool matches_role_arn(std::string_view s) {
  constexpr std::string_view prefix = "arn:aws";
  if (s.substr(0, prefix.size()) != prefix) return false;
  std::size_t i = prefix.size();
  while (i < s.size() && ((s[i] >= 'a' && s[i] <= 'z') || s[i] == '-')) ++i;
  constexpr std::string_view iam = ":iam::";
  if (s.substr(i, iam.size()) != iam) return false;
  i += iam.size();
  for (int n = 0; n < 12; ++n, ++i) {
    if (i >= s.size() || !is_digit(s[i])) return false;
  }
  constexpr std::string_view role = ":role";
  if (s.substr(i, role.size()) != role) return false;
  i += role.size();
  // "/?" is redundant: '/' is in the class that follows.
  std::string_view name = s.substr(i);
  if (name.empty()) return false;
  return all_of(name, [](char c) {
    return is_alnum(c) || std::string_view("_+=,.@-/").find(c) != std::string_view::npos;
  });
}

bool matches_kms_key_id(std::string_view s) {
  return all_of(s,
                [](char c) { return is_alnum(c) || c == ':' || c == '/' || c == '_' || c == '-'; });
}

bool matches_vpc_id(std::string_view s) {
  return !s.empty() && all_of(s, [](char c) { return is_alnum(c) || c == '-'; });
}

bool matches_feature_group_name(std::string_view s) { return alnum_runs(s, "_-", 63); }

bool matches_athena_work_group(std::string_view s) {
  return !s.empty() &&
         all_of(s, [](char c) { return is_alnum(c) || c == '.' || c == '_' || c == '-'; });
}

bool matches_tag_text(std::string_view s) {
  return all_of(s, [](char c) {
    if (static_cast<unsigned char>(c) >= 0x80) return true;  // non-ASCII: not judged
    return is_alnum(c) || std::string_view(" _.:/=+-@").find(c) != std::string_view::npos;
  });
}

}  // namespace sagelint::request
