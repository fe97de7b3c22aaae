#!/usr/bin/env python3
"""Writes the bench/fleet images as one OCI layout (standard library only):

  make_fleet.py DIR IMAGES BASE_MB

A base of BASE_MB in three gzip layers (many files of mixed compressible and
incompressible bytes, ending with CMD as base images do), and IMAGES images on it, each
with two small layers of its own (one puts a file under /opt/ml, so every image has a
finding). The ref names are app-00, app-01, ...
"""
import gzip
import hashlib
import io
import json
import os
import random
import sys
import tarfile


def write_blob(root, data):
    h = hashlib.sha256(data).hexdigest()
    with open(os.path.join(root, "blobs", "sha256", h), "wb") as f:
        f.write(data)
    return "sha256:" + h, len(data)


def layer(files):
    buf = io.BytesIO()
    with tarfile.open(fileobj=buf, mode="w", format=tarfile.PAX_FORMAT) as tar:
        for name, data in files:
            info = tarfile.TarInfo(name)
            info.size, info.mode, info.mtime = len(data), 0o644, 0
            tar.addfile(info, io.BytesIO(data))
    plain = buf.getvalue()
    return plain, gzip.compress(plain, 1, mtime=0)


def base_layer(rng, index, size):
    files, total, n = [], 0, 0
    text = b"".join(b"line %d of a library or a python module\n" % i for i in range(4000))
    while total < size:
        chunk = min(size - total, rng.choice((4096, 16384, 65536, 262144)))
        # Half the files compress like text, half like compiled code or wheels.
        data = text[:chunk] if n % 2 else rng.randbytes(chunk)
        files.append((f"usr/lib/base{index}/f{n:05d}", data))
        total += chunk
        n += 1
    return layer(files)


def main():
    root, images, base_mb = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    os.makedirs(os.path.join(root, "blobs", "sha256"), exist_ok=True)
    rng = random.Random(12)
    base = []
    for i in range(3):
        plain, blob = base_layer(rng, i, base_mb * 1024 * 1024 // 3)
        base.append((plain, blob, f"/bin/sh -c #(nop) ADD file:base{i} in /usr/lib/base{i}"))
    entries = []
    for k in range(images):
        own = [layer([("opt/ml/code/job.py", b"print(%d)\n" % k)]),
               layer([(f"app/model-{k}.bin", rng.randbytes(200_000))])]
        descs, diff_ids, history = [], [], []
        for plain, blob, created_by in base:
            d, n = write_blob(root, blob) if k == 0 else ("sha256:" + hashlib.sha256(blob).hexdigest(), len(blob))
            descs.append({"mediaType": "application/vnd.oci.image.layer.v1.tar+gzip", "digest": d, "size": n})
            diff_ids.append("sha256:" + hashlib.sha256(plain).hexdigest())
            history.append({"created_by": created_by})
        history.append({"created_by": "/bin/sh -c #(nop)  CMD [\"python3\"]", "empty_layer": True})
        for (plain, blob), created_by in zip(own, ("COPY job.py /opt/ml/code/ # buildkit",
                                                    "COPY model.bin /app/ # buildkit")):
            d, n = write_blob(root, blob)
            descs.append({"mediaType": "application/vnd.oci.image.layer.v1.tar+gzip", "digest": d, "size": n})
            diff_ids.append("sha256:" + hashlib.sha256(plain).hexdigest())
            history.append({"created_by": created_by})
        config = {"architecture": "amd64", "os": "linux",
                  "config": {"Entrypoint": ["python3", "/opt/ml/code/job.py"], "Env": ["PATH=/usr/bin:/bin"]},
                  "rootfs": {"type": "layers", "diff_ids": diff_ids}, "history": history}
        cd, cn = write_blob(root, json.dumps(config).encode())
        manifest = {"schemaVersion": 2, "mediaType": "application/vnd.oci.image.manifest.v1+json",
                    "config": {"mediaType": "application/vnd.oci.image.config.v1+json", "digest": cd, "size": cn},
                    "layers": descs}
        md, mn = write_blob(root, json.dumps(manifest).encode())
        entries.append({"mediaType": manifest["mediaType"], "digest": md, "size": mn,
                        "annotations": {"org.opencontainers.image.ref.name": f"app-{k:02d}"}})
    with open(os.path.join(root, "index.json"), "w") as f:
        json.dump({"schemaVersion": 2, "manifests": entries}, f)
    with open(os.path.join(root, "oci-layout"), "w") as f:
        f.write('{"imageLayoutVersion":"1.0.0"}')


main()
