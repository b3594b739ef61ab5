"""Side-by-side table of GifBench result files: python3 table.py before.txt after.txt [more.txt ...]

Each line: name round seconds cpu-seconds bytes (round "first": the first GIF written in a fresh
JVM; the others are warm). Per animation: median (min-max) of the warm wall-clock seconds and of
the process CPU seconds, the median of the first writes, and the file size, for each file given.
"""
import statistics
import sys
from collections import defaultdict

NAMES = {"anim0": "Linear data, linear model", "anim1": "by parts, linear", "anim2": "by parts, MLP",
         "anim3": "by parts, residual", "anim4": "by parts, batch norm", "anim5": "Practice"}


def read(path):
    warm, cpu, first, size = defaultdict(list), defaultdict(list), defaultdict(list), {}
    for line in open(path):
        p = line.split()
        if len(p) != 5:
            continue
        name, rnd, sec, c, b = p[0], p[1], float(p[2]), float(p[3]), int(p[4])
        (first[name] if rnd == "first" else warm[name]).append(sec)
        if rnd != "first":
            cpu[name].append(c)
        size[name] = b
    return warm, cpu, first, size


def fmt(v):
    return f"{statistics.median(v):.2f} ({min(v):.2f}–{max(v):.2f})"


def main():
    files = [read(p) for p in sys.argv[1:]]
    labels = sys.argv[1:]
    head = "| GIF (100 frames) |" + "".join(f" {l}: warm s | CPU s | first s | MB |" for l in labels)
    print(head)
    print("|---|" + "---|---|---|---|" * len(labels))
    for name in sorted(files[0][0]):
        row = f"| {NAMES.get(name, name)} |"
        for warm, cpu, first, size in files:
            row += f" {fmt(warm[name])} | {fmt(cpu[name])} | {statistics.median(first[name]):.2f} | {size[name] / 1e6:.2f} |"
        print(row)


if __name__ == "__main__":
    main()
