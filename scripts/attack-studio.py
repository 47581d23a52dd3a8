#!/usr/bin/env python3
"""Attacks a running attest-studio as a hostile client would, on loopback only, and measures it.

Run: python3 scripts/attack-studio.py   (needs attest and attest-studio built; the release
server when it exists, as ATTEST_STUDIO_BUILD says, else the debug one).

1. 150 unauthenticated uploads of 4 MiB each, held open, against a server with a token:
   its resident memory (VmRSS, and the peak VmHWM) must stay under 400 MB.
2. A cross-site GET of the suggestions endpoint (what an <img> on another site sends):
   the manifest's extractor must not run.
3. 1,100 idle connections at once: a plain GET must still be answered within 2 s.
Prints one line per figure; exits 1 when a limit is broken. Bounded: about a minute.
"""
import os, shutil, socket, subprocess, sys, tempfile, threading, time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BUILD = os.environ.get("ATTEST_STUDIO_BUILD") or (
    "release" if os.path.exists(os.path.join(ROOT, "studio-server", ".build", "release", "attest-studio")) else "debug")
STUDIO = os.path.join(ROOT, "studio-server", ".build", BUILD, "attest-studio")
TOKEN = "attack-test-token-0123456789abcdef"
failures = []


def check(what, ok, detail=""):
    print(("ok   " if ok else "FAIL ") + what + (f" ({detail.splitlines()[0] if detail else detail})" if detail else ""))
    if not ok:
        failures.append(what)


def corpus():
    folder = tempfile.mkdtemp(prefix="attest-attack-")
    sample = os.path.join(ROOT, "Tests/AttestKitTests/Fixtures/sample")
    for rel in ["attest.xml", "corpus/sample.txt", "annotations/sample.xml"]:
        os.makedirs(os.path.dirname(os.path.join(folder, rel)), exist_ok=True)
        shutil.copy(os.path.join(sample, rel), os.path.join(folder, rel))
    marker = os.path.join(folder, "extractor-ran")
    manifest = os.path.join(folder, "attest.xml")
    with open(manifest, encoding="utf-8") as f:
        text = f.read()
    command = f"touch {marker}; printf '{{&quot;entities&quot;: []}}'"
    with open(manifest, "w", encoding="utf-8") as f:
        f.write(text.replace("</manifest>", f'  <extractor command="{command}"/>\n</manifest>'))
    return folder, marker


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def memory(pid):
    fields = {}
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            key, _, value = line.partition(":")
            if key in ("VmRSS", "VmHWM"):
                fields[key] = int(value.split()[0]) / 1024
    return fields


def start(folder, token=None):
    port = free_port()
    args = [STUDIO, "--corpus", folder, "--port", str(port)]
    if token:
        args += ["--token", token]
    server = subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    server.stdout.readline()  # "attest-studio: … at http://…"
    return server, port


def request(port, text, timeout=5.0):
    with socket.create_connection(("127.0.0.1", port), timeout=timeout) as s:
        s.sendall(text.encode())
        return s.recv(65536).decode(errors="replace")


def uploads(port, count, size):
    """count connections that each send a head and a body of size bytes without the token, then hold."""
    held = []
    lock = threading.Lock()
    body = b"x" * size

    def one():
        try:
            s = socket.create_connection(("127.0.0.1", port), timeout=20)
            s.sendall(f"POST /api/documents/sample/edits HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n"
                      f"Content-Type: application/json\r\nContent-Length: {size}\r\n\r\n".encode())
            try:
                s.sendall(body)
            except OSError:
                pass  # the server may close it: a refused upload need not be read
            with lock:
                held.append(s)
        except OSError:
            pass

    threads = [threading.Thread(target=one) for _ in range(count)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    return held


def main():
    if not os.path.exists(STUDIO):
        print(f"attack-studio: {STUDIO} is not built; skipped")
        return 0
    folder, marker = corpus()
    try:
        # 1. Memory before authentication.
        server, port = start(folder, TOKEN)
        try:
            time.sleep(0.5)
            before = memory(server.pid)
            held = uploads(port, 150, 4 << 20)
            time.sleep(1)
            during = memory(server.pid)
            for s in held:
                s.close()
            time.sleep(2)
            after = memory(server.pid)
            print(f"memory: {before['VmRSS']:.0f} MB before, {during['VmRSS']:.0f} MB with 150 uploads of 4 MiB "
                  f"held open ({len(held)} connected), {after['VmRSS']:.0f} MB after they closed; "
                  f"peak {after['VmHWM']:.0f} MB")
            check("150 unauthenticated 4 MiB uploads leave the server under 400 MB", after["VmHWM"] < 400,
                  f"peak {after['VmHWM']:.0f} MB")
            answer = request(port, f"GET /api/documents HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n"
                                   f"Authorization: Bearer {TOKEN}\r\n\r\n")
            check("the server still answers its token", answer.startswith("HTTP/1.1 200"), answer[:40])
        finally:
            server.terminate()
            server.wait(timeout=10)

        # 2 and 3: a loopback server without a token, as an annotator runs it.
        server, port = start(folder)
        try:
            for path in ["/api/documents/sample/suggestions?extractor=manifest", "/api/documents/sample/suggestions"]:
                answer = request(port, f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n"
                                       f"Referer: http://evil.example/\r\n\r\n")
                check(f"a cross-site GET {path} is refused", answer.startswith("HTTP/1.1 405"), answer[:40])
            time.sleep(0.5)
            check("a cross-site GET ran no extractor", not os.path.exists(marker))
            idle = []
            for _ in range(1100):
                try:
                    idle.append(socket.create_connection(("127.0.0.1", port), timeout=5))
                except OSError:
                    break
            started = time.monotonic()
            try:
                answer = request(port, f"GET /api/documents HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n\r\n")
            except OSError as e:
                answer = str(e)
            waited = time.monotonic() - started
            print(f"idle: {len(idle)} idle connections open; a GET answered in {waited * 1000:.0f} ms")
            check("with 1,100 idle connections open, a GET is answered within 2 s",
                  answer.startswith("HTTP/1.1 200") and waited < 2, answer[:40])
            for s in idle:
                s.close()
        finally:
            server.terminate()
            server.wait(timeout=10)
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    print(f"{len(failures)} failed" if failures else "all attacks held")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
