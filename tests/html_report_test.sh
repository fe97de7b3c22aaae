#!/usr/bin/env bash
# The html report in a real browser: Debian's chromium (headless) loads the page from a
# file and runs its script; the test reads the resulting DOM (--dump-dom): the counts
# per rule against the JSON report of the same run, and, with the filter taken from the
# URL's #rule=..., which finding rows the script hid and the layer the remaining finding
# names. A screenshot of the filtered page is kept in the build dir as an artifact.
#   tests/html_report_test.sh BUILD_DIR
set -euo pipefail
source "$(dirname "$0")/support/skip.sh"

build=$(cd "${1:?usage: html_report_test.sh BUILD_DIR}" && pwd)
sagelint=$build/sagelint
[ -x "$sagelint" ] || { echo "FAIL: $sagelint is not built"; exit 1; }
chromium=$(command -v chromium || true)
[ -n "$chromium" ] || skip "chromium is not installed (scripts/setup.sh --test)"
command -v python3 >/dev/null || skip "python3 is not installed"

work=$(mktemp -d "${TMPDIR:-/tmp}/sagelint-html-test.XXXXXX")
trap 'rm -rf "$work"' EXIT
artifacts=$build/test-artifacts/html_report
mkdir -p "$artifacts"

# Two OCI layouts: a two-layer base (ending with CMD, as base images do) plus the
# image's own steps; the second puts its /opt/ml data in a base layer.
python3 - "$work" <<'PY'
import hashlib, io, json, os, sys, tarfile
root = sys.argv[1]
def blob(d, data):
    h = hashlib.sha256(data).hexdigest()
    os.makedirs(f"{d}/blobs/sha256", exist_ok=True)
    open(f"{d}/blobs/sha256/{h}", "wb").write(data)
    return f"sha256:{h}", len(data)
def layer(files):
    buf = io.BytesIO()
    with tarfile.open(fileobj=buf, mode="w", format=tarfile.PAX_FORMAT) as t:
        for name, text in files:
            info = tarfile.TarInfo(name); data = text.encode(); info.size = len(data)
            info.mode = 0o755; t.addfile(info, io.BytesIO(data))
    return buf.getvalue()
def image(d, layers, history, config):
    os.makedirs(d, exist_ok=True)
    descs, diff_ids = [], []
    for files in layers:
        data = layer(files)
        dg, size = blob(d, data)
        descs.append({"mediaType": "application/vnd.oci.image.layer.v1.tar", "digest": dg, "size": size})
        diff_ids.append(dg)
    cfg = json.dumps({"architecture": "amd64", "os": "linux", "config": config,
                      "rootfs": {"type": "layers", "diff_ids": diff_ids}, "history": history}).encode()
    cd, cs = blob(d, cfg)
    man = json.dumps({"schemaVersion": 2, "mediaType": "application/vnd.oci.image.manifest.v1+json",
                      "config": {"mediaType": "application/vnd.oci.image.config.v1+json", "digest": cd, "size": cs},
                      "layers": descs}).encode()
    md, ms = blob(d, man)
    json.dump({"schemaVersion": 2, "manifests": [{"mediaType": "application/vnd.oci.image.manifest.v1+json",
               "digest": md, "size": ms}]}, open(f"{d}/index.json", "w"))
    open(f"{d}/oci-layout", "w").write('{"imageLayoutVersion":"1.0.0"}')
base_layers = [[("bin/sh", "#!ELF\n" + "x" * 20000)], [("usr/lib/libpython.so", "y" * 60000)]]
base_history = [{"created_by": "/bin/sh -c #(nop) ADD file:0123 in / "},
                {"created_by": "/bin/sh -c #(nop)  CMD [\"bash\"]", "empty_layer": True},
                {"created_by": "RUN /bin/sh -c apt-get install python3 # buildkit"},
                {"created_by": "CMD [\"python3\"]", "empty_layer": True}]
image(f"{root}/app", base_layers + [[("opt/ml/code/job.py", "print(1)\n")], [("app/run.py", "z" * 5000)]],
      base_history + [{"created_by": "COPY job.py /opt/ml/code/ # buildkit"},
                      {"created_by": "COPY run.py /app/ # <script>alert(1)</script>"},
                      {"created_by": "ENTRYPOINT [\"python3\", \"/app/run.py\"]", "empty_layer": True}],
      {"Entrypoint": ["python3", "/app/run.py"], "WorkingDir": "/opt/ml/code"})
image(f"{root}/based", [base_layers[0], [("opt/ml/model.bin", "m")], [("app/run.py", "r")]],
      [base_history[0], base_history[1], {"created_by": "COPY model.bin /opt/ml/"}, base_history[3],
       {"created_by": "COPY run.py /app/"}],
      {"Entrypoint": ["/bin/sh", "-c", "python3 /app/run.py"]})
open(f"{root}/Dockerfile", "w").write("FROM python:3.12\nENTRYPOINT python3 run.py\n")
PY

rc=0
"$sagelint" lint -f html="$work/report.html" -f json="$work/report.json" \
  "$work/app" "$work/based" "$work/Dockerfile" >/dev/null 2>"$work/lint.err" || rc=$?
[ "$rc" = 1 ] || { echo "FAIL: lint exited $rc, expected 1"; cat "$work/lint.err"; exit 1; }

browse() {  # browse URL OUT [chromium options]: the DOM after the page's script ran
  "$chromium" --headless --no-sandbox --disable-gpu --no-first-run --user-data-dir="$work/profile" \
    "${@:3}" "$1" >"$2" 2>>"$work/chromium.log" ||
    { echo "FAIL: chromium on $1"; tail -20 "$work/chromium.log"; exit 1; }
}
url="file://$work/report.html"
browse "$url" "$work/all.html" --dump-dom
browse "$url#rule=SMP010" "$work/smp010.html" --dump-dom
shot=$artifacts/report-rule-SMP010.png
rm -f "$shot"
browse "$url#rule=SMP010" /dev/null --screenshot="$shot" --window-size=1280,1600 --hide-scrollbars

python3 - "$work" "$shot" <<'PY'
import collections, html.parser, json, sys
work, shot = sys.argv[1], sys.argv[2]
report = json.load(open(f"{work}/report.json"))
per_rule = collections.Counter(f["rule"] for f in report["findings"])
assert per_rule["SMP010"] == 2 and per_rule["SMP001"] >= 2, per_rule

class Dom(html.parser.HTMLParser):
    """Finding rows, the per-rule counts and the filter state as the browser left them."""
    def __init__(self):
        super().__init__(); self.rows = []; self.counts = {}; self.state = None
        self._count = None; self._row = None; self._cell = None
    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "tr" and "finding" in (a.get("class") or "").split():
            self._row = {"rule": a["data-rule"], "hidden": "hidden" in a, "layer": a.get("data-layer"), "cells": {}}
            self.rows.append(self._row)
        if self._row is not None and tag == "td":
            self._cell = (a.get("class") or "").split()
        if tag == "span" and a.get("class") == "count" and "data-rule" in a:
            self._count = a["data-rule"]; self.counts[self._count] = ""
        if tag == "span" and a.get("id") == "filter-state":
            self.state = a.get("data-shown")
    def handle_endtag(self, tag):
        if tag == "tr": self._row = None
        if tag == "span": self._count = None
        if tag == "td": self._cell = None
    def handle_data(self, d):
        if self._count: self.counts[self._count] += d
        if self._row is not None and self._cell:
            for c in self._cell: self._row["cells"][c] = self._row["cells"].get(c, "") + d
def dom(name):
    d = Dom(); d.feed(open(f"{work}/{name}", encoding="utf-8").read()); return d

fails = []
def check(what, ok):
    print(("ok: " if ok else "FAIL: ") + what)
    if not ok: fails.append(what)

full = dom("all.html")
check("unfiltered: every finding row shown", len(full.rows) == len(report["findings"]) and not any(r["hidden"] for r in full.rows))
check("unfiltered: counts per rule = the JSON report's", {k: int(v) for k, v in full.counts.items()} == dict(per_rule))
check("unfiltered: the script counted every finding", full.state == str(len(report["findings"])))

f = dom("smp010.html")
shown = [r for r in f.rows if not r["hidden"]]
check("#rule=SMP010: only SMP010 rows remain", shown and all(r["rule"] == "SMP010" for r in shown))
check("#rule=SMP010: all of them", len(shown) == per_rule["SMP010"])
check("#rule=SMP010: the other rows are hidden", sum(r["hidden"] for r in f.rows) == len(report["findings"]) - per_rule["SMP010"])
check("#rule=SMP010: the script's count says so", f.state == str(per_rule["SMP010"]))
layers = {x["target"]: x["layer"] for x in report["findings"] if x["rule"] == "SMP010"}
by_layer = {r["layer"]: r["cells"].get("origin", "") for r in shown}
app = [t for t in layers if t.endswith("/app")][0]
based = [t for t in layers if t.endswith("/based")][0]
check("app's /opt/ml data: layer 2, an own build step", layers[app] == 2 and by_layer.get("2") == "own build step")
check("based's /opt/ml data: layer 1, from the base image", layers[based] == 1 and by_layer.get("1") == "base image")
origins = {t["target"].rsplit("/", 1)[-1]: [l.get("fromBase") for l in t.get("layers", [])] for t in report["targets"]}
check("JSON: fromBase per layer, judged from the history", origins.get("app") == [True, True, False, False] and origins.get("based") == [True, True, False])
check("JSON: createdBy per layer", [t for t in report["targets"] if t["target"].endswith("/app")][0]["layers"][2]["createdBy"] == "COPY job.py /opt/ml/code/ # buildkit")
png = open(shot, "rb").read(8) if shot else b""
check("screenshot written", png == b"\x89PNG\r\n\x1a\n")
print(f"screenshot: {shot}")
sys.exit(1 if fails else 0)
PY
