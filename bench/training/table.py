"""Makes the side-by-side table from the two result files of run.sh.

Each line of a result file: name rep epochs seconds it/s cpu-seconds cpu-it/s [loop-it/s], where rep is a
number for a measured repetition, "w" for a warm-up one (not counted) and "first" for a run of
the tutorial-order first run in a fresh JVM. For each run the table gives the median and the
spread (min-max) of it/s over the measured repetitions (after warm-up: the JIT has compiled the
training loop, PyTorch has made its first-call allocations),
the ratio of the medians, and the same for CPU time (the training thread's), which the other
work on a shared machine disturbs less, and the ratio of the .mlp epochs alone (what its progress
bar counts: no statement parsing, no graph compiling) to PyTorch's train_model call. The last
column: each run once, in the tutorial's order,
in a fresh JVM (what a first `mlp scripts/seed.mlp` sees), against PyTorch's median.
"""
import statistics
import sys
from collections import defaultdict

RUNS = ["rot-linear", "parts-linear", "parts-mlp", "parts-residual", "parts-batchnorm", "practice", "parts-mlp16"]


def read(path):
    """measured[name] = (it/s, cpu it/s) of measured reps; first[name] = it/s of tutorial-order first runs."""
    measured, first = defaultdict(lambda: ([], [], [])), defaultdict(list)
    for line in open(path):
        parts = line.split()
        if len(parts) not in (7, 8) or parts[0] not in RUNS:
            continue
        name, rep, rate, cpu_rate = parts[0], parts[1], float(parts[4]), float(parts[6])
        loop_rate = float(parts[7]) if len(parts) == 8 else rate
        if rep == "first":
            first[name].append(rate)
        elif rep != "w":
            measured[name][0].append(rate)
            measured[name][1].append(cpu_rate)
            measured[name][2].append(loop_rate)
    return measured, first


def fmt(values):
    return f"{statistics.median(values):,.0f} ({min(values):,.0f}–{max(values):,.0f})"


def main():
    mlp, mlp_first = read(sys.argv[1])
    torch, _ = read(sys.argv[2])
    print("| run | epochs | .mlp it/s, median (min–max) | PyTorch it/s, median (min–max) | ratio | ratio by CPU time "
          "| ratio, .mlp epochs only | .mlp in a fresh JVM, tutorial order: it/s (ratio) |")
    print("|---|---|---|---|---|---|---|---|")
    epochs = {"rot-linear": 1000, "parts-linear": 500, "parts-mlp": 5000, "parts-residual": 5000, "parts-batchnorm": 5000,
              "practice": 2000, "parts-mlp16": 5000}
    for name in RUNS:
        if name not in mlp or name not in torch:
            continue
        m, t = mlp[name], torch[name]
        ratio = statistics.median(m[0]) / statistics.median(t[0])
        cpu_ratio = statistics.median(m[1]) / statistics.median(t[1])
        tm = statistics.median(t[0])
        first = ", ".join(f"{c:,.0f} ({c / tm:.0f}×)" for c in mlp_first[name])
        loop_ratio = statistics.median(m[2]) / statistics.median(t[0])
        print(f"| {name} | {epochs[name]} | {fmt(m[0])} | {fmt(t[0])} | {ratio:.0f}× | {cpu_ratio:.0f}× | {loop_ratio:.0f}× | {first} |")


if __name__ == "__main__":
    main()
