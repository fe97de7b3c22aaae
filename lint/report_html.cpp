// `-f html`: one self-contained page a person reads after a fleet audit: the summary
// of targets x rules (worst first), then per target its findings (for images with the
// layer, its `createdBy` and whether the layer is the base image's or the image's own),
// a picture of each image's layer sizes, and filters by rule and severity.
//
// Everything a target controls (names, messages, paths, createdBy, digests, errors) is
// hostile: it is written only as escaped HTML text or double-quoted attribute values,
// never into script or style source. The script and style are constants; the page's
// Content-Security-Policy admits exactly those two by their hashes and nothing from the
// network, so even an escaping mistake could not run a script or load anything.
// The filters read and write location.hash (`#rule=SMP010,SMP001&severity=error`), so a
// filtered view is a link, and they work from a file with no network.
#include <openssl/evp.h>

#include <algorithm>
#include <array>
#include <cstdio>
#include <map>
#include <set>
#include <sstream>

#include "image/sha256.hpp"
#include "lint/report.hpp"
#include "lint/version.hpp"

namespace sagelint::lint {
namespace {

constexpr std::string_view kStyle = R"CSS(
body{font:14px/1.4 system-ui,sans-serif;margin:0 1.5em 2em;color:#1b1f24;background:#fff}
h1{font-size:1.5em;margin:.8em 0 .2em}h2{font-size:1.15em;margin:0;display:inline}
table{border-collapse:collapse;margin:.5em 0}td,th{border:1px solid #d0d7de;padding:2px 6px;
text-align:left;vertical-align:top}th{background:#f6f8fa}td.n{text-align:right}
td.zero{color:#bbb}.sev-error{color:#b42318;font-weight:600}.sev-warning{color:#9a6700;
font-weight:600}.sev-info{color:#0969da}.sev-style{color:#6e7781}
#filters{position:sticky;top:0;background:#fff;padding:.4em 0;border-bottom:1px solid #d0d7de}
#filters fieldset{display:inline-block;border:1px solid #d0d7de;margin:0 .5em .2em 0}
section.target{margin:1em 0;border:1px solid #d0d7de;border-radius:6px;padding:.5em .8em}
.meta{color:#57606a;font-size:.9em;word-break:break-all}.error-box{color:#b42318}
code,.mono{font-family:ui-monospace,monospace;font-size:.92em;word-break:break-all}
td code.rule{word-break:normal;white-space:nowrap}
.origin-base{color:#57606a}.origin-own{color:#1a7f37;font-weight:600}
svg.layers text{font:11px ui-monospace,monospace;fill:#1b1f24}
.legend span{display:inline-block;width:.8em;height:.8em;margin:0 .3em 0 .8em}
.sw-base{background:#8c959f}.sw-own{background:#2da44e}.sw-unknown{background:#c8b7f0}
)CSS";

// Reads the filter from location.hash, ticks the boxes to match, hides the finding rows
// (and the targets and summary columns left empty) that it excludes, and recounts.
constexpr std::string_view kScript = R"JS(
(function () {
  'use strict';
  var rows = Array.prototype.slice.call(document.querySelectorAll('tr.finding'));
  var boxes = Array.prototype.slice.call(document.querySelectorAll('input[data-filter]'));
  function wanted() {
    var want = {rule: null, severity: null};
    location.hash.replace(/^#/, '').split('&').forEach(function (kv) {
      var i = kv.indexOf('=');
      if (i < 0) return;
      var key, value;
      try {
        key = decodeURIComponent(kv.slice(0, i));
        value = decodeURIComponent(kv.slice(i + 1));
      } catch (e) { return; }
      if (key === 'rule' || key === 'severity')
        want[key] = value.split(',').filter(function (v) { return v !== ''; });
    });
    return want;
  }
  function allowed(list, value) { return list === null || list.indexOf(value) >= 0; }
  function apply() {
    var want = wanted();
    var active = want.rule !== null || want.severity !== null;
    boxes.forEach(function (b) { b.checked = allowed(want[b.dataset.filter], b.value); });
    var perTarget = {}, perCell = {}, perRule = {}, shown = 0;
    rows.forEach(function (r) {
      var ok = allowed(want.rule, r.dataset.rule) && allowed(want.severity, r.dataset.severity);
      r.hidden = !ok;
      if (!ok) return;
      shown++;
      perTarget[r.dataset.t] = (perTarget[r.dataset.t] || 0) + 1;
      perCell[r.dataset.t + ' ' + r.dataset.rule] = (perCell[r.dataset.t + ' ' + r.dataset.rule] || 0) + 1;
      perRule[r.dataset.rule] = (perRule[r.dataset.rule] || 0) + 1;
    });
    document.querySelectorAll('section.target').forEach(function (s) {
      var n = perTarget[s.dataset.t] || 0;
      s.querySelector('.shown').textContent = String(n);
      s.hidden = active && n === 0 && !s.classList.contains('unreadable');
    });
    document.querySelectorAll('#summary td[data-rule]').forEach(function (c) {
      var n = perCell[c.dataset.t + ' ' + c.dataset.rule] || 0;
      c.textContent = n ? String(n) : '\u00b7';
      c.classList.toggle('zero', n === 0);
    });
    document.querySelectorAll('#summary [data-col]').forEach(function (c) {
      c.hidden = active && !perRule[c.dataset.col];
    });
    document.querySelectorAll('#summary tbody tr').forEach(function (tr) {
      tr.hidden = active && !perTarget[tr.dataset.t] && !tr.classList.contains('unreadable');
    });
    var state = document.getElementById('filter-state');
    state.textContent = 'Showing ' + shown + ' of ' + rows.length + ' findings' +
      (want.rule ? '; rules: ' + (want.rule.join(', ') || 'none') : '') +
      (want.severity ? '; severities: ' + (want.severity.join(', ') || 'none') : '');
    state.dataset.shown = String(shown);
  }
  function fromBoxes() {
    var parts = [];
    ['rule', 'severity'].forEach(function (key) {
      var mine = boxes.filter(function (b) { return b.dataset.filter === key; });
      var on = mine.filter(function (b) { return b.checked; });
      if (on.length !== mine.length)
        parts.push(key + '=' + on.map(function (b) { return encodeURIComponent(b.value); }).join(','));
    });
    location.hash = parts.join('&');
    if (!parts.length) apply();  // an empty hash fires no hashchange in every browser
  }
  boxes.forEach(function (b) { b.addEventListener('change', fromBoxes); });
  var reset = document.getElementById('filter-reset');
  reset.addEventListener('click', function () { location.hash = ''; apply(); });
  window.addEventListener('hashchange', apply);
  apply();
})();
)JS";

// 'sha256-BASE64' of a constant, for the Content-Security-Policy.
std::string csp_hash(std::string_view source) {
  const auto digest = image::Sha256::of(source.data(), source.size());
  std::array<unsigned char, 4 * ((digest.size() + 2) / 3) + 1> b64{};
  int n = EVP_EncodeBlock(b64.data(), digest.data(), static_cast<int>(digest.size()));
  return "'sha256-" + std::string(reinterpret_cast<const char*>(b64.data()), n) + "'";
}

// Text and double-quoted attribute values: XML escaping (which also replaces control
// characters and invalid UTF-8), plus the bidirectional controls written as visible
// code points, so a name cannot display reversed.
std::string h(std::string_view text) {
  std::string escaped = xml_escape(text);
  std::string out;
  out.reserve(escaped.size());
  for (std::size_t i = 0; i < escaped.size(); ++i) {
    auto c0 = static_cast<unsigned char>(escaped[i]);
    if (c0 == 0xE2 && i + 2 < escaped.size()) {
      auto c1 = static_cast<unsigned char>(escaped[i + 1]);
      auto c2 = static_cast<unsigned char>(escaped[i + 2]);
      bool bidi = (c1 == 0x80 && c2 >= 0xAA && c2 <= 0xAE) ||  // U+202A..U+202E
                  (c1 == 0x81 && c2 >= 0xA6 && c2 <= 0xA9) ||  // U+2066..U+2069
                  (c1 == 0x80 && (c2 == 0x8E || c2 == 0x8F));  // U+200E, U+200F
      if (bidi) {
        unsigned cp = ((c0 & 0x0Fu) << 12) | ((c1 & 0x3Fu) << 6) | (c2 & 0x3Fu);
        std::array<char, 16> buf{};
        std::snprintf(buf.data(), buf.size(), "[U+%04X]", cp);
        out += buf.data();
        i += 2;
        continue;
      }
    }
    out += static_cast<char>(c0);
  }
  return out;
}

std::string human_size(uint64_t bytes) {
  constexpr std::array<const char*, 5> kUnits{"B", "KiB", "MiB", "GiB", "TiB"};
  double v = static_cast<double>(bytes);
  std::size_t u = 0;
  while (v >= 1024 && u + 1 < kUnits.size()) {
    v /= 1024;
    ++u;
  }
  std::array<char, 32> buf{};
  std::snprintf(buf.data(), buf.size(), u == 0 ? "%.0f %s" : "%.1f %s", v, kUnits[u]);
  return buf.data();
}

int severity_rank(Severity s) { return static_cast<int>(s); }  // error = 0 is the worst

// Counts of a target's findings per severity, compared worst first.
struct Badness {
  bool unreadable = false;
  std::array<int, 4> by_severity{};
  bool operator>(const Badness& o) const {
    if (unreadable != o.unreadable) return unreadable;
    return by_severity > o.by_severity;
  }
};

Badness badness(const TargetResult& r) {
  Badness b;
  b.unreadable = r.error.has_value();
  for (const auto& f : r.findings)
    if (f.severity != Severity::none) ++b.by_severity[static_cast<std::size_t>(f.severity)];
  return b;
}

enum class Origin { base, own, unknown };

Origin layer_origin(const TargetResult& r, std::size_t layer) {
  if (!r.image || !r.image->base_layers) return Origin::unknown;
  return layer < *r.image->base_layers ? Origin::base : Origin::own;
}

std::string_view origin_text(Origin o) {
  switch (o) {
    case Origin::base: return "base image";
    case Origin::own: return "own build step";
    case Origin::unknown: break;
  }
  return "unknown";
}

std::string_view origin_class(Origin o) {
  switch (o) {
    case Origin::base: return "origin-base";
    case Origin::own: return "origin-own";
    case Origin::unknown: break;
  }
  return "origin-unknown";
}

std::string_view origin_colour(Origin o) {
  switch (o) {
    case Origin::base: return "#8c959f";
    case Origin::own: return "#2da44e";
    case Origin::unknown: break;
  }
  return "#c8b7f0";
}

// Horizontal bars, one per layer, length proportional to the layer's stored size.
void write_layer_picture(std::ostream& out, const TargetResult& r) {
  const auto& layers = r.image->layers;
  if (layers.empty()) return;
  uint64_t largest = 1;
  for (const auto& l : layers) largest = std::max(largest, l.size);
  constexpr int kRow = 16, kLabel = 70, kBar = 420, kText = 110;
  const int height = static_cast<int>(layers.size()) * kRow + 4;
  out << "<svg class=\"layers\" xmlns=\"http://www.w3.org/2000/svg\" width=\""
      << kLabel + kBar + kText << "\" height=\"" << height << "\" role=\"img\" aria-label=\""
      << "layer sizes\">\n";
  for (std::size_t i = 0; i < layers.size(); ++i) {
    const auto& l = layers[i];
    Origin o = layer_origin(r, i);
    int y = static_cast<int>(i) * kRow + 2;
    auto w = static_cast<int>(static_cast<double>(l.size) / static_cast<double>(largest) * kBar);
    w = std::max(w, 1);
    out << "<g data-layer=\"" << i << "\"><title>layer " << i << ": " << h(human_size(l.size))
        << ", " << origin_text(o) << (l.created_by.empty() ? "" : "\n") << h(l.created_by)
        << "</title><text x=\"0\" y=\"" << y + 11 << "\">layer " << i << "</text><rect x=\""
        << kLabel << "\" y=\"" << y << "\" width=\"" << w << "\" height=\"" << kRow - 4
        << "\" fill=\"" << origin_colour(o) << "\"/><text x=\"" << kLabel + w + 6 << "\" y=\""
        << y + 11 << "\">" << h(human_size(l.size)) << "</text></g>\n";
  }
  out << "</svg>\n<div class=\"legend meta\"><span class=\"sw-base\"></span>base image<span "
         "class=\"sw-own\"></span>own build step<span class=\"sw-unknown\"></span>unknown "
         "(see docs/fleet-audit.md)</div>\n";
}

void write_layer_table(std::ostream& out, const TargetResult& r) {
  out << "<details><summary>" << r.image->layers.size()
      << " layers</summary>\n<table class=\"layer-table\"><thead><tr><th>layer</th><th>size</"
         "th><th>from</th><th>created by</th><th>digest</th></tr></thead><tbody>\n";
  for (std::size_t i = 0; i < r.image->layers.size(); ++i) {
    const auto& l = r.image->layers[i];
    Origin o = layer_origin(r, i);
    out << "<tr><td class=\"n\">" << i << "</td><td class=\"n\">" << h(human_size(l.size))
        << "</td><td class=\"" << origin_class(o) << "\">" << origin_text(o) << "</td><td><code>"
        << h(l.created_by) << "</code></td><td><code>" << h(l.digest) << "</code></td></tr>\n";
  }
  out << "</tbody></table></details>\n";
}

void write_finding_row(std::ostream& out, const TargetResult& r, std::size_t t, const Finding& f) {
  std::string_view sev = to_string(f.severity);
  out << "<tr class=\"finding\" data-t=\"" << t << "\" data-rule=\"" << h(f.rule)
      << "\" data-severity=\"" << sev << "\"";
  if (f.layer) out << " data-layer=\"" << *f.layer << "\"";
  out << "><td class=\"sev-" << sev << "\">" << sev << "</td><td><code class=\"rule\">" << h(f.rule)
      << "</code></td><td>" << h(f.message) << "</td><td><code>" << h(finding_place(f))
      << "</code></td>";
  if (r.kind == TargetKind::image) {
    if (f.layer) {
      Origin o =
          *f.layer >= 0 ? layer_origin(r, static_cast<std::size_t>(*f.layer)) : Origin::unknown;
      out << "<td class=\"n layer\">" << *f.layer << "</td><td class=\"origin " << origin_class(o)
          << "\">" << origin_text(o) << "</td>";
    } else {
      out << "<td></td><td></td>";
    }
    out << "<td><code class=\"created-by\">" << h(f.created_by.value_or("")) << "</code></td>";
  }
  out << "</tr>\n";
}

void write_target(std::ostream& out, const TargetResult& r, std::size_t t) {
  out << "<section class=\"target" << (r.error ? " unreadable" : "") << "\" id=\"t" << t
      << "\" data-t=\"" << t << "\">\n<h2>" << h(r.target) << "</h2> <span class=\"meta\">"
      << to_string(r.kind) << " &middot; <span class=\"shown\">" << r.findings.size()
      << "</span> of " << r.findings.size() << " findings shown</span>\n";
  if (r.image) {
    out << "<div class=\"meta\">";
    if (!r.image->digest.empty()) out << "digest <code>" << h(r.image->digest) << "</code> ";
    if (!r.image->config_digest.empty())
      out << "config <code>" << h(r.image->config_digest) << "</code> ";
    uint64_t total = 0;
    for (const auto& l : r.image->layers) total += l.size;
    out << "&middot; " << r.image->layers.size() << " layers, " << h(human_size(total));
    if (r.image->base_layers)
      out << " &middot; layers 0&ndash;" << *r.image->base_layers - 1 << " from the base image";
    else
      out << " &middot; base image not recognised from the history";
    out << "</div>\n";
  }
  if (r.error) out << "<p class=\"error-box\">Could not be read: " << h(*r.error) << "</p>\n";
  if (r.image) {
    write_layer_picture(out, r);
    write_layer_table(out, r);
  }
  if (!r.findings.empty()) {
    out << "<table class=\"findings\"><thead><tr><th>severity</th><th>rule</th><th>message</"
           "th><th>where</th>";
    if (r.kind == TargetKind::image) out << "<th>layer</th><th>from</th><th>created by</th>";
    out << "</tr></thead><tbody>\n";
    for (const auto& f : r.findings) write_finding_row(out, r, t, f);
    out << "</tbody></table>\n";
  } else if (!r.error) {
    out << "<p class=\"meta\">No findings.</p>\n";
  }
  out << "</section>\n";
}

}  // namespace

void write_html_report(const LintResults& results, std::ostream& out) {
  // Rules ordered worst first: by their worst severity, then by how many findings.
  struct RuleStats {
    Severity worst = Severity::none;
    int count = 0;
  };
  std::map<std::string, RuleStats> rules;
  std::map<Severity, int> severities;
  std::size_t total = 0;
  for (const auto& r : results)
    for (const auto& f : r.findings) {
      auto& s = rules[f.rule];
      if (s.count == 0 || severity_rank(f.severity) < severity_rank(s.worst)) s.worst = f.severity;
      ++s.count;
      ++severities[f.severity];
      ++total;
    }
  std::vector<std::string> rule_order;
  for (const auto& [id, s] : rules) rule_order.push_back(id);
  std::stable_sort(rule_order.begin(), rule_order.end(), [&](const auto& a, const auto& b) {
    const auto &x = rules[a], &y = rules[b];
    if (x.worst != y.worst) return severity_rank(x.worst) < severity_rank(y.worst);
    return x.count > y.count;
  });
  std::vector<std::size_t> target_order(results.size());
  for (std::size_t i = 0; i < results.size(); ++i) target_order[i] = i;
  std::vector<Badness> bad;
  for (const auto& r : results) bad.push_back(badness(r));
  std::stable_sort(target_order.begin(), target_order.end(),
                   [&](std::size_t a, std::size_t b) { return bad[a] > bad[b]; });
  std::size_t unreadable = 0;
  for (const auto& r : results)
    if (r.error) ++unreadable;

  out << "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n"
      << "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src "
      << csp_hash(kStyle) << "; script-src " << csp_hash(kScript)
      << "; img-src data:\">\n<meta name=\"viewport\" content=\"width=device-width\">\n"
      << "<title>sagelint report: " << results.size() << " targets, " << total
      << " findings</title>\n<style>" << kStyle << "</style>\n</head><body>\n"
      << "<h1>sagelint report</h1>\n<p class=\"meta\" id=\"totals\" data-targets=\""
      << results.size() << "\" data-findings=\"" << total << "\">" << results.size() << " targets, "
      << total << " findings, " << unreadable << " targets unreadable &middot; sagelint "
      << h(version()) << "</p>\n";

  out << "<div id=\"filters\"><fieldset><legend>Severity</legend>";
  for (Severity s : {Severity::error, Severity::warning, Severity::info, Severity::style}) {
    auto name = to_string(s);
    out << "<label class=\"sev-" << name << "\"><input type=\"checkbox\" data-filter=\"severity\" "
        << "value=\"" << name << "\" checked> " << name
        << " (<span class=\"count\" data-severity=\"" << name << "\">" << severities[s]
        << "</span>)</label> ";
  }
  out << "</fieldset><fieldset><legend>Rule</legend>";
  for (const auto& id : rule_order)
    out << "<label><input type=\"checkbox\" data-filter=\"rule\" value=\"" << h(id)
        << "\" checked> <code>" << h(id) << "</code> (<span class=\"count\" data-rule=\"" << h(id)
        << "\">" << rules[id].count << "</span>)</label> ";
  out << "</fieldset> <button type=\"button\" id=\"filter-reset\">show all</button> "
      << "<span id=\"filter-state\" data-shown=\"" << total << "\">Showing " << total << " of "
      << total << " findings</span></div>\n";

  // The summary: targets x rules, worst target first.
  out << "<h2>Summary</h2>\n<table id=\"summary\"><thead><tr><th>target</th><th>kind</th>";
  for (const auto& id : rule_order)
    out << "<th data-col=\"" << h(id) << "\" class=\"sev-" << to_string(rules[id].worst)
        << "\"><code>" << h(id) << "</code></th>";
  out << "</tr></thead><tbody>\n";
  for (std::size_t t : target_order) {
    const auto& r = results[t];
    std::map<std::string, int> per_rule;
    for (const auto& f : r.findings) ++per_rule[f.rule];
    out << "<tr data-t=\"" << t << "\"" << (r.error ? " class=\"unreadable\"" : "")
        << "><td><a href=\"#t" << t << "\">" << h(r.target) << "</a>"
        << (r.error ? " <span class=\"error-box\">unreadable</span>" : "") << "</td><td>"
        << to_string(r.kind) << "</td>";
    for (const auto& id : rule_order) {
      int n = per_rule[id];
      out << "<td class=\"n" << (n ? "" : " zero") << "\" data-t=\"" << t << "\" data-col=\""
          << h(id) << "\" data-rule=\"" << h(id) << "\">";
      if (n)
        out << n;
      else
        out << "&middot;";
      out << "</td>";
    }
    out << "</tr>\n";
  }
  out << "</tbody></table>\n";

  for (std::size_t t : target_order) write_target(out, results[t], t);
  out << "<script>" << kScript << "</script>\n</body></html>\n";
}

}  // namespace sagelint::lint
