#!/usr/bin/env python3
"""Writes a small fleet into the storage directory of Debian's docker-registry (its
filesystem driver's layout: blobs/sha256/XX/HEX/data, and per repository _layers,
_manifests/revisions and _manifests/tags links) before the registry starts. A skopeo
copy or an API push per image costs about a second each on a busy machine, too slow
for 120 images in a test; the registry serves what is written here like anything
pushed to it (tests/fleet_e2e.sh checks one image against skopeo inspect).

  fleet_registry.py STORAGE_DIR REPOS TAGS BASES

Every image is one of BASES shared bases (two layers: a busybox-like /bin, /etc and a
file the app layer deletes) plus its own app layer (a job script, an entrypoint script,
a whiteout of the base file, data under /opt/ml on some tags), so images share base
layers as fleets do and findings come from several layers.
"""
import gzip
import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from registry_peers import layer_tar, sha256  # noqa: E402


def blob(files):
    plain = layer_tar(files)
    return plain, gzip.compress(plain, 1, mtime=0)


def main():
    root, repos, tags, bases = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
    v2 = os.path.join(root, "docker", "registry", "v2")

    def write(path, data):
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "wb") as f:
            f.write(data)

    def put_blob(data):
        d = sha256(data)
        path = os.path.join(v2, "blobs", "sha256", d[7:9], d[7:], "data")
        if not os.path.exists(path):
            write(path, data)
        return d

    def link(repo, kind, d):
        write(os.path.join(v2, "repositories", repo, kind, "sha256", d[7:], "link"), d.encode())

    def upload(repo, data):
        d = put_blob(data)
        link(repo, "_layers", d)
        return {"mediaType": "application/vnd.oci.image.layer.v1.tar+gzip", "digest": d,
                "size": len(data)}

    base_layers = []
    for b in range(bases):
        l1 = blob([{"path": "bin", "type": "dir"}, {"path": "bin/sh", "text": "ELF sh\n", "mode": "755"},
                   {"path": "etc/passwd", "text": f"root:x:0:0::/root:/bin/sh\n# base {b}\n"}])
        l2 = blob([{"path": "usr/lib/python3/site.py", "text": f"# base {b}\n"},
                   {"path": "opt/ml/base-note.txt", "text": "deleted by the app layer\n"}])
        base_layers.append([l1, l2])

    for r in range(repos):
        repo = f"team{r % 4}/app{r:02d}"
        b = r % bases
        for t in range(tags):
            files = [{"path": "opt/ml/code/job.py", "text": f"print({r}, {t})\n"},
                     {"path": "entry.sh", "text": "#!/bin/sh\npython /opt/ml/code/job.py\n",
                      "mode": "755"},
                     {"path": "opt/ml/.wh.base-note.txt", "text": ""}]
            if t % 2 == 0:
                files.append({"path": "opt/ml/input/data/sample.csv", "text": "a,b\n"})
            app = blob(files)
            layers = [upload(repo, gz) for _, gz in base_layers[b]] + [upload(repo, app[1])]
            diff_ids = [sha256(plain) for plain, _ in base_layers[b]] + [sha256(app[0])]
            entry = (["/bin/sh", "-c", "/entry.sh"] if t == 0 else ["/entry.sh"])
            config = {"architecture": "amd64", "os": "linux",
                      "config": {"Entrypoint": entry, "Env": ["PATH=/usr/bin:/bin"],
                                 "WorkingDir": "/opt/ml/code" if t == 1 else "/"},
                      "rootfs": {"type": "layers", "diff_ids": diff_ids},
                      "history": [{"created_by": f"COPY base{b} /"},
                                  {"created_by": f"RUN base{b} setup"},
                                  {"created_by": "COPY job.py entry.sh /opt/ml/code/"}]}
            cdesc = upload(repo, json.dumps(config).encode())
            cdesc["mediaType"] = "application/vnd.oci.image.config.v1+json"
            manifest = json.dumps({"schemaVersion": 2,
                                   "mediaType": "application/vnd.oci.image.manifest.v1+json",
                                   "config": cdesc, "layers": layers}).encode()
            md = put_blob(manifest)
            link(repo, "_manifests/revisions", md)
            tag = os.path.join(v2, "repositories", repo, "_manifests", "tags", f"v{t}")
            write(os.path.join(tag, "current", "link"), md.encode())
            write(os.path.join(tag, "index", "sha256", md[7:], "link"), md.encode())
    print(f"wrote {repos} repositories x {tags} tags on {bases} bases")


if __name__ == "__main__":
    main()
