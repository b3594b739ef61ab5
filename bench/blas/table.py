"""Prints bench/blas/run.sh's results as a Markdown table: per case and thread count, the median
over rounds of each side, and the ratios (for GFLOP/s: mlp / reference, above 1 is mlp faster;
for seconds: reference / mlp, above 1 is mlp faster too).
Usage: /usr/bin/python3 table.py results.txt"""
import statistics
import sys
from collections import defaultdict

values = defaultdict(list)
units = {}
for line in open(sys.argv[1]):
    parts = line.split()
    if len(parts) != 5:
        continue
    label, case, threads, value, unit = parts
    values[(case, int(threads), label)].append(float(value))
    units[case] = unit

# the reference each case is compared with, first the main one
REFERENCES = {"matmul": ["numpy"], "scaled": ["torch64", "torch32"], "mnist-epoch": ["torch64", "torch32"],
              "tutorial": ["torch32"]}


def refs(case):
    for prefix, labels in REFERENCES.items():
        if case.startswith(prefix):
            return labels
    return []


def median(case, threads, label):
    v = values.get((case, threads, label))
    return statistics.median(v) if v else None


def fmt(x):
    return "–" if x is None else f"{x:.3g}"


def ratio(mine, ref, unit):
    if mine is None or ref is None or mine == 0 or ref == 0:
        return "–"
    r = mine / ref if unit == "GFLOP/s" else ref / mine
    return f"{r:.2f}"


cases = sorted({(c, t) for (c, t, _) in values}, key=lambda ct: (ct[0], ct[1]))
print("| case | threads | unit | mlp native | mlp pure Java | reference | reference value | native ratio | Java ratio |")
print("|---|---|---|---|---|---|---|---|---|")
for case, threads in cases:
    unit = units[case]
    nat, jav = median(case, threads, "mlp-native"), median(case, threads, "mlp-java")
    if case.startswith("tutorial"):
        nat = median(case, threads, "mlp")
    if case.endswith("heap-peak-per-data"):
        print(f"| {case} | {threads} | {unit} | {fmt(nat)} | {fmt(jav)} | | | | |")
        continue
    for ref in refs(case):
        rv = median(case, threads, ref)
        print(f"| {case} | {threads} | {unit} | {fmt(nat)} | {fmt(jav)} | {ref} | {fmt(rv)} | "
              f"{ratio(nat, rv, unit)} | {ratio(jav, rv, unit)} |")
print()
print("Ratios: above 1 means mlp is faster (GFLOP/s: mlp / reference; seconds: reference / mlp).")
