#!/usr/bin/env bash
# The tutorial's five training runs, .mlp against PyTorch, side by side in one run.
#
#   bench/training/run.sh [rounds] [warmups] [measured]
#
# Each round runs the .mlp runs (fresh JVMs: bench/target/benchmarks.jar, mlp.bench.TrainingBench; once
# in the tutorial's order as a first script run would, then each run `warmups` times unmeasured and
# `measured` times) and then the same runs in PyTorch (pytorch_runs.py: float32, one thread, the notebook's loop with
# its per-epoch prediction copy; one warm-up, then `measured` times); rounds alternate the two so that both
# see the same machine. Then table.py prints the medians, spreads and ratios.
# Needs: Maven, Java 17, and PyTorch for /usr/bin/python3 (apt-get install -y python3-torch).
set -euo pipefail
cd "$(dirname "$0")/../.."
rounds="${1:-3}"
warmups="${2:-3}"
measured="${3:-5}"
out="bench/target/training"
mkdir -p "$out"
: > "$out/mlp.txt"
: > "$out/torch.txt"

mvn -B -q -pl bench -am package -DskipTests
for r in $(seq 1 "$rounds"); do
  echo "round $r/$rounds: .mlp" >&2
  java -cp bench/target/benchmarks.jar mlp.bench.TrainingBench runtime/src/test/resources/parity first >> "$out/mlp.txt"
  java -cp bench/target/benchmarks.jar mlp.bench.TrainingBench runtime/src/test/resources/parity "$warmups" "$measured" >> "$out/mlp.txt"
  echo "round $r/$rounds: PyTorch" >&2
  /usr/bin/python3 bench/training/pytorch_runs.py runtime/src/test/resources/parity 1 "$measured" >> "$out/torch.txt"
done
echo "machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)" >&2
/usr/bin/python3 bench/training/table.py "$out/mlp.txt" "$out/torch.txt"
