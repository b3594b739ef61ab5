#!/usr/bin/env bash
# The launcher's class-data archive on and off: the tutorial's script (bench/blas/tutorial.mlp) as a
# whole process, `pairs` times each way in turns: ./mlp, and ./mlp with MLP_CDS=off. Prints the
# medians (and all values) of the CPU seconds (user + system, all threads: steadier than the wall
# clock on a shared machine) and of the wall seconds.
#
#   bench/training/cds.sh [pairs=8]
set -euo pipefail
cd "$(dirname "$0")/../.."
pairs="${1:-8}"
./mlp --version > /dev/null # builds the jar and its archive when needed
out="bench/target/cds.txt"
mkdir -p bench/target
: > "$out"
for i in $(seq 1 "$pairs"); do
  for side in archive plain; do
    cds=on; [ "$side" = plain ] && cds=off
    MLP_CDS=$cds /usr/bin/time -f '%e %U %S' -o bench/target/cds-time.txt ./mlp --headless bench/blas/tutorial.mlp > /dev/null 2>&1
    read -r e u s < bench/target/cds-time.txt
    echo "$side $e $(awk "BEGIN{print $u + $s}")" >> "$out"
  done
done
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
/usr/bin/python3 - "$out" <<'PY'
import statistics, sys
rows = [l.split() for l in open(sys.argv[1])]
for side in ("archive", "plain"):
    w = [float(r[1]) for r in rows if r[0] == side]
    c = [float(r[2]) for r in rows if r[0] == side]
    print(f"{side:8} CPU s median {statistics.median(c):.2f} {sorted(c)}   wall s median {statistics.median(w):.2f} {sorted(w)}")
PY
