#!/usr/bin/env python3
"""A fresh clone to the first report, and to the annotator answering: what a new user waits for.

    python3 scripts/bench-first-start.py [--what check|studio|both] [--keep DIR]

A benchmark, not a test: it prints figures against the targets of issue 23 and exits 0 (2 when a
step fails). Each measurement clones this repository's committed `main` into a new folder (nothing
built, no package resolved: `.build/` is not in git) and times, with the wall clock:

  check   `git clone` then `swift run attest check` to its exit (target: 60 s);
  studio  `git clone` then `swift run --package-path studio-server attest-studio --port P` until
          `GET /api/documents` answers (target: 90 s).

It also prints how many build steps SwiftPM reported and how long its own "Build complete" took, so
that resolving packages and building can be told apart. Run it on a quiet machine: the build uses
both cores.
"""
import argparse, os, re, shutil, socket, subprocess, sys, tempfile, time, urllib.request

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def clone(folder):
    subprocess.run(["git", "clone", "-q", ROOT, folder], check=True)


def build_facts(log):
    steps = re.findall(r"^\[(\d+)/(\d+)\]", log, re.M)
    total = max((int(b) for _, b in steps), default=0)
    built = re.findall(r"Build (?:of product '[^']+' )?complete! \(([\d.]+)s\)", log)
    return total, (float(built[-1]) if built else None)


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def check(base):
    folder = os.path.join(base, "check")
    start = time.monotonic()
    clone(folder)
    r = subprocess.run(["swift", "run", "attest", "check"], cwd=folder, capture_output=True, text=True)
    took = time.monotonic() - start
    steps, built = build_facts(r.stdout + r.stderr)
    if r.returncode not in (0, 1):
        print(f"check: swift run attest check exited {r.returncode}:\n{r.stderr[-2000:]}")
        return False
    print(f"fresh clone to the first report (swift run attest check): {took:.1f} s "
          f"({steps} build steps, the build {built} s by SwiftPM's count; target 60 s)")
    return True


def studio(base):
    folder = os.path.join(base, "studio")
    port = free_port()
    start = time.monotonic()
    clone(folder)
    log_path = os.path.join(base, "studio.log")
    with open(log_path, "w") as log:
        server = subprocess.Popen(
            ["swift", "run", "--package-path", "studio-server", "attest-studio", "--port", str(port)],
            cwd=folder, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    try:
        while True:
            if server.poll() is not None:
                print(f"studio: the server exited {server.returncode} before answering; see {log_path}")
                return False
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/api/documents", timeout=5) as answer:
                    status = answer.status
                break
            except OSError:
                time.sleep(0.25)
        took = time.monotonic() - start
    finally:
        os.killpg(server.pid, 15)
        server.wait()
    steps, built = build_facts(open(log_path).read())
    print(f"fresh clone to the annotator answering (GET /api/documents {status}): {took:.1f} s "
          f"({steps} build steps, the build {built} s by SwiftPM's count; target 90 s)")
    return True


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--what", choices=["check", "studio", "both"], default="both")
    p.add_argument("--keep", help="a folder to clone into and keep (default: a temporary one, removed)")
    args = p.parse_args()
    base = args.keep or tempfile.mkdtemp(prefix="attest-first-start-")
    if args.keep:
        shutil.rmtree(base, ignore_errors=True)
        os.makedirs(base)
    ok = True
    try:
        if args.what in ("check", "both"):
            ok = check(base) and ok
        if args.what in ("studio", "both"):
            ok = studio(base) and ok
    finally:
        if not args.keep:
            shutil.rmtree(base, ignore_errors=True)
    sys.exit(0 if ok else 2)


if __name__ == "__main__":
    main()
