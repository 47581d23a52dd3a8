#!/usr/bin/env python3
"""Runs a build command and says where its time went: the total wall time, the whole machine's CPU
(user, system, idle, stolen) over the build, and for each module the CPU seconds of its compiler
processes (read from /proc every 0.2 s, so a process shorter than that may be missed) with the first
and last moment one of them ran. SwiftPM's own processes, the manifests' compiles (module `main`),
git and the linker are counted apart. The build log goes to first-build.log in the working folder.
A benchmark, not a test; used on a fresh clone:

    python3 scripts/profile-first-build.py swift build --package-path studio-server --product attest-studio
"""
import collections
import os
import re
import subprocess
import sys
import time

TICK = os.sysconf("SC_CLK_TCK")


def machine():
    fields = open("/proc/stat").readline().split()[1:]
    return [int(f) for f in fields]


def who(command):
    """The module a process compiles, or what else of the build it is; None for the rest."""
    if "swift-frontend" in command or "/clang" in command:
        m = re.search(r"-module-name (\S+)", command) or re.search(r"/([A-Za-z_]+)\.build/", command)
        return m.group(1) if m else "(other compile)"
    if re.search(r"\bld(\.gold|\.lld)?\s", command):
        return "(link)"
    if command.startswith("git") or "/git " in command:
        return "(git)"
    if re.search(r"swift-(build|package|run)\b", command):
        return "(swiftpm)"
    return None


def main():
    if len(sys.argv) < 2:
        print(__doc__)
        return 2
    cpu = collections.Counter()
    first, last, used_by = {}, {}, {}
    start = time.time()
    before = machine()
    with open("first-build.log", "w") as log:
        build = subprocess.Popen(sys.argv[1:], stdout=log, stderr=subprocess.STDOUT)
        while build.poll() is None:
            now = time.time() - start
            for pid in os.listdir("/proc"):
                if not pid.isdigit():
                    continue
                try:
                    command = open(f"/proc/{pid}/cmdline", "rb").read().replace(b"\0", b" ").decode(errors="replace")
                    stat = open(f"/proc/{pid}/stat").read().rsplit(")", 1)[1].split()
                except OSError:
                    continue
                name = who(command)
                if name is None:
                    continue
                used = (int(stat[11]) + int(stat[12])) / TICK
                cpu[name] += used - used_by.get(pid, 0.0)
                used_by[pid] = used
                first.setdefault(name, now)
                last[name] = now
            time.sleep(0.2)
    spent = [b - a for a, b in zip(before, machine())]
    print(f"total {time.time() - start:.1f} s, exit {build.returncode}; the machine: user {spent[0] / TICK:.1f} s, "
          f"system {spent[2] / TICK:.1f} s, idle {spent[3] / TICK:.1f} s, stolen {spent[7] / TICK:.1f} s")
    print(f"counted by module: {sum(cpu.values()):.1f} CPU s")
    for name, seconds in cpu.most_common(60):
        print(f"{seconds:7.1f} CPU s  {name:32s} ran {first[name]:6.1f} – {last[name]:6.1f} s")
    return build.returncode


if __name__ == "__main__":
    sys.exit(main())
