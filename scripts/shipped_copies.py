"""The shipped gold copied to many documents, for the benchmarks (scripts/bench-vs-anchors.py,
scripts/bench-studio-scale.py): the real files, each header's id and article path changed, nothing else."""
import os, shutil

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def replicate(folder, docs):
    """Writes attest.xml, corpus/ID-NNNNN.txt and annotations/ID-NNNNN.xml for `docs` copies into folder."""
    os.makedirs(os.path.join(folder, "corpus"), exist_ok=True)
    os.makedirs(os.path.join(folder, "annotations"), exist_ok=True)
    shutil.copy(os.path.join(ROOT, "attest.xml"), folder)
    shipped = sorted(f[:-4] for f in os.listdir(os.path.join(ROOT, "annotations")) if f.endswith(".xml"))
    sources = {}
    for base in shipped:
        with open(os.path.join(ROOT, "annotations", base + ".xml"), encoding="utf-8") as f:
            sources[base] = f.read()
    for k in range(docs):
        base = shipped[k % len(shipped)]
        copy(folder, base, f"{base}-{k:05d}", sources[base])
    return shipped


def copy(folder, base, new, xml=None):
    """One shipped document `base` as document `new`."""
    if xml is None:
        with open(os.path.join(ROOT, "annotations", base + ".xml"), encoding="utf-8") as f:
            xml = f.read()
    shutil.copy(os.path.join(ROOT, "corpus", base + ".txt"), os.path.join(folder, "corpus", new + ".txt"))
    xml = xml.replace(f'id="{base}"', f'id="{new}"').replace(f"../corpus/{base}.txt", f"../corpus/{new}.txt")
    with open(os.path.join(folder, "annotations", new + ".xml"), "w", encoding="utf-8") as f:
        f.write(xml)
