#!/usr/bin/env python3
"""Peers for tests/registry_e2e.sh, all on loopback, standard library only.

  layout DIR SPEC.json        write an OCI image layout from a small JSON recipe
  token --port P --cert C --key K --signing-key SK --signing-cert SC --user U --password PW
        --issuer I --service S --log FILE
                              distribution's token auth: GET /token?service=&scope=
  front --port P --upstream HOST:PORT --cert C --key K --ca CA --storage DIR
        --blob-host URL --log FILE
                              a TLS front of the registry that misbehaves per repository prefix:
                                redirect/NAME  blob GETs answered 307 to --blob-host (ECR -> S3)
                                corrupt/NAME   blob bodies with one byte flipped
                                truncate/NAME  blob bodies cut in half (Content-Length kept)
                                badlayers/NAME gzip layer blobs with their gzip header's
                                               time changed (the layers still decompress,
                                               only their digests fail), configs intact
                                cutlayers/NAME gzip layer blobs cut in half, configs intact
                                dropped/NAME   the first GET of each blob cut in half (a
                                               dropped connection: the client resumes)
                                stall/NAME     no answer at all (the client must time out)
                                loop/NAME      blob GETs redirected to themselves forever
                                bigconfig/NAME a manifest whose config claims 2 GiB
                                schema1/NAME   a Docker schema 1 manifest
                              anything else is passed through unchanged
  blobs --port P --cert C --key K --storage DIR --log FILE
                              serves /blob/DIGEST from the registry's storage and records the
                              headers of every request (the presigned-URL host of ECR)
  freeport                    print a free TCP port on 127.0.0.1
"""
import base64
import gzip
import hashlib
import http.client
import http.server
import io
import json
import os
import socket
import socketserver
import ssl
import subprocess
import sys
import tarfile
import threading
import time
import urllib.parse


def arg(name, default=None):
    if name in sys.argv:
        return sys.argv[sys.argv.index(name) + 1]
    return default


def sha256(data):
    return "sha256:" + hashlib.sha256(data).hexdigest()


# ---- layout -------------------------------------------------------------------------

def layer_tar(files):
    buf = io.BytesIO()
    with tarfile.open(fileobj=buf, mode="w", format=tarfile.PAX_FORMAT) as tar:
        for f in files:
            info = tarfile.TarInfo(f["path"].lstrip("/"))
            info.mtime = 0
            kind = f.get("type", "file")
            if kind == "dir":
                info.type = tarfile.DIRTYPE
                info.mode = 0o755
                tar.addfile(info)
            elif kind == "symlink":
                info.type = tarfile.SYMTYPE
                info.linkname = f["target"]
                tar.addfile(info)
            elif kind == "random":
                # A big incompressible file, streamed into the tar without holding it.
                size = int(f["size"])
                info.size = size
                info.mode = 0o644
                tar.addfile(info, RandomReader(size))
            else:
                # "host": a file of this machine (busybox, for an image that runs).
                data = open(f["host"], "rb").read() if "host" in f else f.get("text", "").encode()
                info.size = len(data)
                info.mode = int(f.get("mode", "644"), 8)
                tar.addfile(info, io.BytesIO(data))
    return buf.getvalue()


class RandomReader:
    """size incompressible bytes, made as they are read."""

    def __init__(self, size):
        self.left = size

    def read(self, n=-1):
        if n < 0 or n > self.left:
            n = self.left
        self.left -= n
        return os.urandom(n)


def write_blob(root, data):
    d = sha256(data)
    path = os.path.join(root, "blobs", "sha256", d[7:])
    with open(path, "wb") as f:
        f.write(data)
    return d, len(data)


def make_layout(root, spec):
    os.makedirs(os.path.join(root, "blobs", "sha256"), exist_ok=True)
    manifests = []
    for image in spec["images"]:
        layers, diff_ids, history = [], [], []
        for layer in image["layers"]:
            plain = layer_tar(layer["files"])
            diff_ids.append(sha256(plain))
            blob = plain if image.get("uncompressed") else gzip.compress(plain, 1, mtime=0)
            d, n = write_blob(root, blob)
            mt = ("application/vnd.oci.image.layer.v1.tar" if image.get("uncompressed")
                  else "application/vnd.oci.image.layer.v1.tar+gzip")
            layers.append({"mediaType": mt, "digest": d, "size": n})
            history.append({"created_by": layer.get("created_by", "COPY . /")})
        arch = image.get("architecture", "amd64")
        config = {"architecture": arch, "os": "linux", "config": image.get("config", {}),
                  "rootfs": {"type": "layers", "diff_ids": diff_ids}, "history": history}
        cd, cn = write_blob(root, json.dumps(config).encode())
        manifest = {"schemaVersion": 2, "mediaType": "application/vnd.oci.image.manifest.v1+json",
                    "config": {"mediaType": "application/vnd.oci.image.config.v1+json",
                               "digest": cd, "size": cn},
                    "layers": layers}
        md, mn = write_blob(root, json.dumps(manifest).encode())
        manifests.append({"mediaType": "application/vnd.oci.image.manifest.v1+json",
                          "digest": md, "size": mn,
                          "platform": {"architecture": arch, "os": "linux"},
                          "ref": image.get("ref")})
    entries = []
    if spec.get("index"):
        index = {"schemaVersion": 2, "mediaType": "application/vnd.oci.image.index.v1+json",
                 "manifests": [{k: m[k] for k in ("mediaType", "digest", "size", "platform")}
                               for m in manifests]}
        d, n = write_blob(root, json.dumps(index).encode())
        entries.append({"mediaType": "application/vnd.oci.image.index.v1+json", "digest": d,
                        "size": n,
                        "annotations": {"org.opencontainers.image.ref.name": spec["index"]}})
    else:
        for m in manifests:
            entries.append({"mediaType": m["mediaType"], "digest": m["digest"], "size": m["size"],
                            "annotations": {"org.opencontainers.image.ref.name": m["ref"]}})
    with open(os.path.join(root, "index.json"), "w") as f:
        json.dump({"schemaVersion": 2, "manifests": entries}, f)
    with open(os.path.join(root, "oci-layout"), "w") as f:
        f.write('{"imageLayoutVersion":"1.0.0"}')


# ---- servers ------------------------------------------------------------------------

class Server(socketserver.ThreadingMixIn, http.server.HTTPServer):
    daemon_threads = True
    allow_reuse_address = True


def serve(handler, port, cert, key, host="127.0.0.1"):
    httpd = Server((host, port), handler)
    ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    ctx.load_cert_chain(cert, key)
    httpd.socket = ctx.wrap_socket(httpd.socket, server_side=True)
    # Bounded life: the test stops us, but never leave a server behind for long.
    threading.Timer(1800, lambda: os._exit(0)).start()
    httpd.serve_forever()


def log_line(path, record):
    with open(path, "a") as f:
        f.write(json.dumps(record) + "\n")


class Quiet(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *a):
        pass


def b64url(data):
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def token_handler(opts):
    with open(opts["signing_cert"]) as f:
        pem = f.read()
    der = ssl.PEM_cert_to_DER_cert(pem)

    class H(Quiet):
        def do_GET(self):
            q = urllib.parse.parse_qs(urllib.parse.urlparse(self.path).query)
            auth = self.headers.get("Authorization", "")
            user = None
            if auth.startswith("Basic "):
                u, _, p = base64.b64decode(auth[6:]).decode().partition(":")
                if u != opts["user"] or p != opts["password"]:
                    log_line(opts["log"], {"token": None, "user": u, "ok": False})
                    self.send_response(401)
                    self.send_header("Content-Length", "0")
                    self.end_headers()
                    return
                user = u
            scope = q.get("scope", [""])[0]
            access = []
            parts = scope.split(":")
            if user and len(parts) == 3 and parts[0] == "repository":
                access = [{"type": "repository", "name": parts[1], "actions": ["pull"]}]
            now = int(time.time())
            header = {"alg": "RS256", "typ": "JWT", "x5c": [base64.b64encode(der).decode()]}
            claims = {"iss": opts["issuer"], "sub": user or "", "aud": q.get("service", [""])[0],
                      "exp": now + 600, "nbf": now - 10, "iat": now,
                      "jti": os.urandom(8).hex(), "access": access}
            signing_input = b64url(json.dumps(header).encode()) + "." + \
                b64url(json.dumps(claims).encode())
            sig = subprocess.run(["openssl", "dgst", "-sha256", "-sign", opts["signing_key"]],
                                 input=signing_input.encode(), capture_output=True,
                                 check=True).stdout
            token = signing_input + "." + b64url(sig)
            log_line(opts["log"], {"token": token, "user": user, "ok": True, "scope": scope})
            body = json.dumps({"token": token, "expires_in": 600}).encode()
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

    return H


def front_handler(opts):
    ctx = ssl.create_default_context(cafile=opts["ca"])
    upstream_host, upstream_port = opts["upstream"].rsplit(":", 1)
    dropped = set()  # blobs whose first GET was cut off (dropped/)
    gzip_layers = set()  # blob paths seen to be gzip layers (badlayers/, cutlayers/)

    class H(Quiet):
        def mode_and_path(self):
            # /v2/MODE/NAME/... -> MODE, /v2/NAME/...
            parts = self.path.split("/")
            if len(parts) > 3 and parts[1] == "v2" and parts[2] in (
                    "redirect", "corrupt", "truncate", "dropped", "stall", "loop", "bigconfig",
                    "schema1", "badlayers", "cutlayers"):
                return parts[2], "/".join(parts[:2] + parts[3:])
            return None, self.path

        def reply(self, status, body=b"", headers=()):
            self.send_response(status)
            for k, v in headers:
                self.send_header(k, v)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            if self.command != "HEAD":  # a HEAD answer has no body (the connection is kept)
                self.wfile.write(body)

        def do_HEAD(self):
            self.do_GET()

        def do_GET(self):
            mode, path = self.mode_and_path()
            log_line(opts["log"], {"path": self.path, "range": self.headers.get("Range"),
                                   "authorization": bool(self.headers.get("Authorization"))})
            is_blob = "/blobs/" in path
            if mode == "stall":
                time.sleep(60)
                return
            if mode == "loop" and is_blob:
                self.reply(302, headers=[("Location", self.path)])
                return
            if mode == "redirect" and is_blob:
                digest = path.rsplit("/", 1)[1]
                # Like a presigned S3 URL: the query carries the signature.
                self.reply(307, headers=[("Location", opts["blob_host"] + "/blob/" + digest +
                                          "?X-Amz-Signature=presigned-signature-value")])
                return
            if mode in ("bigconfig", "schema1") and "/manifests/" in path:
                if mode == "bigconfig":
                    body = json.dumps({
                        "schemaVersion": 2,
                        "mediaType": "application/vnd.oci.image.manifest.v1+json",
                        "config": {"mediaType": "application/vnd.oci.image.config.v1+json",
                                   "digest": "sha256:" + "ab" * 32, "size": 2147483648},
                        "layers": []}).encode()
                    ct = "application/vnd.oci.image.manifest.v1+json"
                else:
                    body = json.dumps({"schemaVersion": 1, "name": "x", "tag": "1",
                                       "fsLayers": [], "history": []}).encode()
                    ct = "application/vnd.docker.distribution.manifest.v1+prettyjws"
                self.reply(200, body, [("Content-Type", ct)])
                return
            conn = http.client.HTTPSConnection(upstream_host, int(upstream_port), context=ctx,
                                               timeout=60)
            headers = {k: v for k, v in self.headers.items()
                       if k.lower() in ("authorization", "accept", "range")}
            conn.request(self.command, path, headers=headers)
            resp = conn.getresponse()
            body = resp.read()
            if is_blob and resp.status in (200, 206) and body:
                if mode == "corrupt":
                    mid = len(body) // 2
                    body = body[:mid] + bytes([body[mid] ^ 0xFF]) + body[mid + 1:]
                layer = body[:2] == b"\x1f\x8b" or path in gzip_layers  # or the rest of one
                if layer:
                    gzip_layers.add(path)
                if mode == "badlayers" and layer and len(body) > 8:
                    body = body[:4] + bytes([body[4] ^ 0xFF]) + body[5:]  # MTIME: not checked
                first = path not in dropped
                dropped.add(path)
                if (mode == "truncate" or (mode == "cutlayers" and layer) or
                        (mode == "dropped" and first and resp.status == 200)):
                    self.send_response(resp.status)
                    for k, v in resp.getheaders():
                        if k.lower() == "content-range":
                            self.send_header(k, v)
                    self.send_header("Content-Length", str(len(body)))
                    self.end_headers()
                    self.wfile.write(body[: len(body) // 2])
                    self.wfile.flush()
                    self.close_connection = True
                    return
            self.send_response(resp.status)
            for k, v in resp.getheaders():
                if k.lower() in ("content-type", "docker-content-digest", "www-authenticate",
                                 "location", "content-range"):
                    self.send_header(k, v)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            if self.command != "HEAD":
                self.wfile.write(body)

    return H


def blobs_handler(opts):
    class H(Quiet):
        def do_GET(self):
            log_line(opts["log"], {"path": self.path, "headers": dict(self.headers.items())})
            digest = urllib.parse.urlparse(self.path).path.rsplit("/", 1)[1]
            hexd = digest.split(":", 1)[1]
            path = os.path.join(opts["storage"], "docker/registry/v2/blobs/sha256", hexd[:2],
                                hexd, "data")
            try:
                with open(path, "rb") as f:
                    body = f.read()
            except OSError:
                self.send_response(404)
                self.send_header("Content-Length", "0")
                self.end_headers()
                return
            self.send_response(200)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

    return H


def main():
    cmd = sys.argv[1]
    if cmd == "freeport":
        s = socket.socket()
        s.bind(("127.0.0.1", 0))
        print(s.getsockname()[1])
        return
    if cmd == "layout":
        with open(sys.argv[3]) as f:
            make_layout(sys.argv[2], json.load(f))
        return
    opts = {k[2:].replace("-", "_"): arg(k) for k in
            ("--port", "--cert", "--key", "--signing-key", "--signing-cert", "--user",
             "--password", "--issuer", "--service", "--log", "--upstream", "--ca", "--storage",
             "--blob-host", "--host")}
    handler = {"token": token_handler, "front": front_handler, "blobs": blobs_handler}[cmd](opts)
    serve(handler, int(opts["port"]), opts["cert"], opts["key"], opts["host"] or "127.0.0.1")


if __name__ == "__main__":
    main()
