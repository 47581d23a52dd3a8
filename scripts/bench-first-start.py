#!/usr/bin/env python3
"""A fresh clone to the first report, and to the annotator answering: what a new user waits for.

    python3 scripts/bench-first-start.py [--what check|studio|both] [--keep DIR]

A benchmark, not a test: it prints figures against the targets of issue 23 and exits 0 (2 when a
step fails). Each measurement clones this repository's committed `main` into a new folder (nothing
built, no package resolved: `.build/` is not in git) and times, with the wall clock:

  check   `git clone` then `swift run attest check` to its exit (target: 60 s);
  studio  `git clone` then `swift run --package-path studio-server attest-studio --port P` until
          `GET /api/documents` answers (target: 90 s);
  floors  the same for the packages in scripts/first-start-floors/ (copied, then `swift run hello P`):
          a server with one route and nothing of Attest on Hummingbird as studio-server/ uses it, on
          SwiftNIO alone, and on FlyingFox: what the HTTP stack alone costs a first start.

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


def shell_in(folder):
    """The environment of a shell that has `cd`-ed into folder. SwiftPM's manifest cache keys on the
    environment, PWD included, so a run that kept this script's PWD would reuse the manifests compiled
    by an earlier run and time less than a user waits."""
    return dict(os.environ, PWD=folder)


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def check(base):
    folder = os.path.join(base, "check")
    start = time.monotonic()
    clone(folder)
    r = subprocess.run(["swift", "run", "attest", "check"], cwd=folder, env=shell_in(folder),
                       capture_output=True, text=True)
    took = time.monotonic() - start
    steps, built = build_facts(r.stdout + r.stderr)
    if r.returncode not in (0, 1):
        print(f"check: swift run attest check exited {r.returncode}:\n{r.stderr[-2000:]}")
        return False
    print(f"fresh clone to the first report (swift run attest check): {took:.1f} s "
          f"({steps} build steps, the build {built} s by SwiftPM's count; target 60 s)")
    return True


def wait_for(server, port, log_path):
    """Polls GET /api/documents until it answers; the status, or None when the server exited."""
    while True:
        if server.poll() is not None:
            print(f"the server exited {server.returncode} before answering; see {log_path}")
            return None
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/api/documents", timeout=5) as answer:
                return answer.status
        except OSError:
            time.sleep(0.25)


def time_to_answer(command, folder, port, log_path, start):
    """Runs the server command in folder until it answers; (status or None, seconds since start)."""
    with open(log_path, "w") as log:
        server = subprocess.Popen(command, cwd=folder, env=shell_in(folder), stdout=log, stderr=subprocess.STDOUT,
                                  start_new_session=True)
    try:
        status = wait_for(server, port, log_path)
        return status, time.monotonic() - start
    finally:
        os.killpg(server.pid, 15)
        server.wait()


def floors(base):
    ok = True
    for name in sorted(os.listdir(os.path.join(ROOT, "scripts", "first-start-floors"))):
        folder = os.path.join(base, "floor-" + name)
        port = free_port()
        start = time.monotonic()
        shutil.copytree(os.path.join(ROOT, "scripts", "first-start-floors", name), folder,
                        ignore=shutil.ignore_patterns(".build", "Package.resolved"))
        log_path = folder + ".log"
        status, took = time_to_answer(["swift", "run", "hello", str(port)], folder, port, log_path, start)
        if status is None:
            ok = False
            continue
        steps, built = build_facts(open(log_path).read())
        print(f"floor {name}: nothing to answering {took:.1f} s ({steps} build steps, the build {built} s)")
    return ok


def studio(base):
    folder = os.path.join(base, "studio")
    port = free_port()
    start = time.monotonic()
    clone(folder)
    log_path = os.path.join(base, "studio.log")
    status, took = time_to_answer(
        ["swift", "run", "--package-path", "studio-server", "attest-studio", "--port", str(port)],
        folder, port, log_path, start)
    if status is None:
        return False
    steps, built = build_facts(open(log_path).read())
    print(f"fresh clone to the annotator answering (GET /api/documents {status}): {took:.1f} s "
          f"({steps} build steps, the build {built} s by SwiftPM's count; target 90 s)")
    return True


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--what", choices=["check", "studio", "both", "floors"], default="both")
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
        if args.what == "floors":
            ok = floors(base) and ok
    finally:
        if not args.keep:
            shutil.rmtree(base, ignore_errors=True)
    sys.exit(0 if ok else 2)


if __name__ == "__main__":
    main()
