#!/usr/bin/env bash
# Two builds of mlp side by side in JMH: the same benchmarks from two benchmark jars, in
# alternating rounds (each going first in every other round, so that neither always runs in the
# other's wake on a shared machine), then per benchmark the median score of each and their ratio.
#
#   bench/jmh-compare.sh BEFORE.jar AFTER.jar [rounds=2] [regex='InterpreterBench.interpret|EmbedBench']
#
# Make BEFORE.jar from another commit without touching this worktree, e.g.
#   git archive <commit> | tar -x -C /tmp/before && (cd /tmp/before && mvn -B -q -pl bench -am package -DskipTests)
# and AFTER.jar with `mvn -B -q -pl bench -am package -DskipTests` here (bench/target/benchmarks.jar).
# Scores are JMH's average time per operation (lower is faster); after/before < 1 means faster.
set -euo pipefail
cd "$(dirname "$0")/.."
before="$1"; after="$2"; rounds="${3:-2}"; regex="${4:-InterpreterBench.interpret|EmbedBench}"
out="bench/target/jmh-compare"
mkdir -p "$out"
rm -f "$out"/*.json
for r in $(seq 1 "$rounds"); do
  for which in $( ((r % 2)) && echo "before after" || echo "after before"); do
    jar="$before"; [ "$which" = after ] && jar="$after"
    echo "round $r/$rounds: $which (load $(cut -d' ' -f1 /proc/loadavg))" >&2
    java -jar "$jar" "$regex" -f 1 -wi 3 -w 1 -i 5 -r 1 -rf json -rff "$out/$which-$r.json" > "$out/$which-$r.txt"
  done
done
echo "machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)" >&2
python3 - "$out" <<'PY'
import glob, json, os, statistics, sys
from collections import defaultdict

def read(which):
    scores, unit = defaultdict(list), {}
    for path in sorted(glob.glob(os.path.join(sys.argv[1], which + "-*.json"))):
        for b in json.load(open(path)):
            name = b["benchmark"].rsplit(".", 2)[-2] + "." + b["benchmark"].rsplit(".", 1)[-1]
            scores[name].extend(x for it in b["primaryMetric"]["rawData"] for x in it)
            unit[name] = b["primaryMetric"]["scoreUnit"]
    return scores, unit

before, unit = read("before")
after, _ = read("after")
print(f"{'benchmark':40} {'before':>12} {'after':>12} {'unit':>8} {'after/before':>13}")
for name in before:
    b, a = statistics.median(before[name]), statistics.median(after.get(name, [float('nan')]))
    print(f"{name:40} {b:12.3f} {a:12.3f} {unit[name]:>8} {a / b:13.3f}")
PY
