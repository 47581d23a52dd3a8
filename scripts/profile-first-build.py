#!/usr/bin/env python3
"""Runs a build command and samples, every 0.5 s, which modules have a compiler process running:
prints the total wall time and, for each module, the seconds during which it was being compiled
(the build log goes to first-build.log in the working folder). Used on a fresh clone:
    python3 scripts/profile-first-build.py swift build --package-path studio-server --product attest-studio
"""
import collections
import re
import subprocess
import sys
import time

def main():
    if len(sys.argv) < 2:
        print(__doc__)
        return 2
    seen = collections.Counter()
    start = time.time()
    with open("first-build.log", "w") as log:
        build = subprocess.Popen(sys.argv[1:], stdout=log, stderr=subprocess.STDOUT)
        while build.poll() is None:
            listing = subprocess.run(["ps", "-eo", "args", "--no-headers"], capture_output=True, text=True).stdout
            now = set()
            for line in listing.splitlines():
                if "swift-frontend" in line or "/clang" in line:
                    m = re.search(r"-module-name (\S+)", line) or re.search(r"/([A-Za-z_]+)\.build/", line)
                    if m:
                        now.add(m.group(1))
                elif re.search(r"\bld\b|ld\.lld|ld\.gold", line):
                    now.add("(link)")
            for name in now:
                seen[name] += 1
            time.sleep(0.5)
    print(f"total {time.time() - start:.1f} s, exit {build.returncode}")
    for name, samples in seen.most_common(40):
        print(f"{samples * 0.5:7.1f} s  {name}")
    return build.returncode

if __name__ == "__main__":
    sys.exit(main())
