"""The table of bench/training/first.sh: per tutorial run, the progress bar's it/s of the run in a fresh
JVM (this tree's ./mlp, and a before jar when given), PyTorch's it/s and the ratios; then the whole
processes' wall and CPU seconds. Medians over the rounds, (min–max) beside them.

Result lines: "LABEL I IT/S" (LABEL: before, after or after+OPTS) (the I-th run's bar), "after|before process WALL CPU",
"torch NAME IT/S"."""
import statistics
import sys
from collections import defaultdict

RUNS = ["rot-linear", "parts-linear", "parts-mlp", "parts-residual", "parts-batchnorm"]


def fmt(values):
    return f"{statistics.median(values):,.0f} ({min(values):,.0f}–{max(values):,.0f})"


def main():
    bars, procs, torch = defaultdict(list), defaultdict(list), defaultdict(list)
    for line in open(sys.argv[1]):
        p = line.split()
        if p[0] == "torch":
            torch[p[1]].append(float(p[2]))
        elif p[1] == "process":
            procs[p[0]].append((float(p[2]), float(p[3])))
        else:
            bars[(p[0], int(p[1]) - 1)].append(float(p[2]))
    sides = ["before"] if ("before", 0) in bars else []
    sides += sorted({s for s, _ in bars if s != "before"}, key=lambda s: (s != "after", s))
    head = " | ".join(f"{s}: mlp it/s | {s}: ×PyTorch" for s in sides)
    print(f"| run | PyTorch it/s | {head} |")
    print("|---" * (2 + 2 * len(sides)) + "|")
    for i, name in enumerate(RUNS):
        t = statistics.median(torch[name])
        cells = []
        for s in sides:
            v = bars[(s, i)]
            cells += [fmt(v), f"{statistics.median(v) / t:.1f}× ({min(v) / t:.1f}–{max(v) / t:.1f})"]
        print(f"| {name} | {fmt(torch[name])} | " + " | ".join(cells) + " |")
    print()
    print("| whole process | wall s, median (min–max) | CPU s (all threads), median (min–max) |")
    print("|---|---|---|")
    for s in sides:
        w, c = [x[0] for x in procs[s]], [x[1] for x in procs[s]]
        print(f"| {s} | {statistics.median(w):.2f} ({min(w):.2f}–{max(w):.2f}) | {statistics.median(c):.2f} ({min(c):.2f}–{max(c):.2f}) |")


if __name__ == "__main__":
    main()
