#!/usr/bin/env bash
# Two builds of mlp side by side: the tutorial's training runs (TrainingBench) from two benchmark
# jars, in alternating rounds on the same machine (each going first in every other round), then the ratio of their median CPU it/s per run.
#
#   bench/training/compare.sh BEFORE.jar AFTER.jar [rounds] [warmups] [measured]
#
# Make BEFORE.jar from another commit without touching this worktree, e.g.
#   git archive <commit> | tar -x -C /tmp/before && (cd /tmp/before && mvn -B -q -pl bench -am package -DskipTests)
# and AFTER.jar with `mvn -B -q -pl bench -am package -DskipTests` here (bench/target/benchmarks.jar).
set -euo pipefail
cd "$(dirname "$0")/../.."
before="$1"; after="$2"; rounds="${3:-3}"; warmups="${4:-3}"; measured="${5:-5}"
out="bench/target/compare"
mkdir -p "$out"
: > "$out/before.txt"
: > "$out/after.txt"
for r in $(seq 1 "$rounds"); do
  echo "round $r/$rounds" >&2
  # the two take turns going first, so that neither always runs in the other's wake
  for which in $( ((r % 2)) && echo "before after" || echo "after before"); do
    jar="$before"; [ "$which" = after ] && jar="$after"
    java -cp "$jar" mlp.bench.TrainingBench runtime/src/test/resources/parity "$warmups" "$measured" >> "$out/$which.txt"
  done
done
echo "machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)" >&2
python3 - "$out/before.txt" "$out/after.txt" <<'PY'
import statistics, sys
from collections import defaultdict

def read(path):
    rates = defaultdict(list)
    for line in open(path):
        p = line.split()
        if len(p) in (7, 8) and p[1].isdigit():
            rates[p[0]].append(float(p[6]))  # CPU it/s: the training thread's time
    return rates

before, after = read(sys.argv[1]), read(sys.argv[2])
print(f"{'run':18} {'before cpu-it/s':>16} {'after cpu-it/s':>16} {'after/before':>13}")
for name in before:
    b, a = statistics.median(before[name]), statistics.median(after.get(name, [float('nan')]))
    print(f"{name:18} {b:16.0f} {a:16.0f} {a / b:13.3f}")
PY
