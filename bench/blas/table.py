"""Prints bench/blas/run.sh's results as a Markdown table: per case and thread count, the median
over rounds of each side, by the wall clock and by the process's CPU time, and the ratios (above 1
means mlp is faster: for GFLOP/s mlp / reference, for seconds reference / mlp).
Usage: /usr/bin/python3 table.py results.txt"""
import statistics
import sys
from collections import defaultdict

wall, cpu = defaultdict(list), defaultdict(list)
units = {}
for line in open(sys.argv[1]):
    parts = line.split()
    if len(parts) != 6:
        continue
    label, case, threads, value, unit, cpu_value = parts
    key = (case, int(threads), label)
    wall[key].append(float(value))
    cpu[key].append(float(cpu_value))
    units[case] = unit

# what each case is compared with
REFERENCES = {"matmul": ["numpy"], "scaled": ["torch64", "torch32"], "mnist-epoch": ["torch64", "torch32"],
              "tutorial": ["torch32"]}


def refs(case):
    for prefix, labels in REFERENCES.items():
        if case.startswith(prefix):
            return labels
    return []


def med(table, case, threads, label):
    v = table.get((case, threads, label))
    return statistics.median(v) if v else None


def fmt(x):
    return "–" if x is None else f"{x:.3g}"


def ratio(mine, ref, unit):
    if not mine or not ref:
        return "–"
    return f"{(mine / ref if unit == 'GFLOP/s' else ref / mine):.2f}"


print("| case | threads | unit | mlp native | mlp Java | reference | ref. | native ratio | Java ratio "
      "| CPU: native | CPU: Java | CPU: ref. | CPU native ratio | CPU Java ratio |")
print("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|")
for case, threads in sorted({(c, t) for (c, t, _) in wall}):
    unit = units[case]
    mine = ["mlp"] if case.startswith("tutorial") else ["mlp-native", "mlp-java"]
    w = [med(wall, case, threads, m) for m in mine] + [None] * (2 - len(mine))
    c = [med(cpu, case, threads, m) for m in mine] + [None] * (2 - len(mine))
    if case.endswith("heap-peak-per-data"):
        print(f"| {case} | {threads} | {unit} | {fmt(w[0])} | {fmt(w[1])} | | | | | | | | | |")
        continue
    for ref in refs(case):
        rw, rc = med(wall, case, threads, ref), med(cpu, case, threads, ref)
        cu = "GFLOP per CPU-s" if unit == "GFLOP/s" else "CPU s"
        print(f"| {case} | {threads} | {unit} | {fmt(w[0])} | {fmt(w[1])} | {ref} | {fmt(rw)} | "
              f"{ratio(w[0], rw, unit)} | {ratio(w[1], rw, unit)} | {fmt(c[0])} | {fmt(c[1])} | {fmt(rc)} | "
              f"{ratio(c[0], rc, unit)} | {ratio(c[1], rc, unit)} |")
print()
print("Ratios above 1: mlp faster. CPU columns: GFLOP per CPU-second, or CPU seconds, of the whole process.")
