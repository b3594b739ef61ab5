#!/usr/bin/env bash
# The tutorial's five training runs as a user first meets them: one script (bench/blas/tutorial.mlp),
# one fresh JVM, each run trained once in the notebook's order, read off the progress bar (it/s of
# the epochs, JIT warm-up included), against PyTorch's it/s for the same runs (pytorch_runs.py: the
# notebook's loop, float32, one thread, one warm-up then the median of `measured`).
#
#   bench/training/first.sh [rounds=5] [BEFORE_JAR] [measured=3]
#
# Each round runs ./mlp (this tree, with the launcher's flags) and BEFORE_JAR (an mlp.jar built from
# another commit) started as main's launcher starts it (`java --add-modules=jdk.incubator.vector
# -jar`), the two taking turns going first, then PyTorch. Make BEFORE_JAR without touching this tree:
#   git archive main | tar -x -C /tmp/before && (cd /tmp/before && mvn -B -q -pl repl -am package -DskipTests)
# BEFORE_JAR may also be that tree's launcher (/tmp/before/mlp): then it runs as a user runs it,
# with its own class-data archive, as ./mlp does here.
# FIRST_VARIANTS="OPTS1;OPTS2" adds ./mlp runs with MLP_JAVA_OPTS=OPTS1, ... (labelled after+OPTS)
# to try JVM flags side by side; FIRST_ENVS="VAR=VALUE;..." the same with environment variables
# (FIRST_ENVS=MLP_WARMUP=off: without the JIT warm-up thread). Each process's wall and CPU seconds (user + system, all its
# threads) are kept too. The machine may be shared: the load average is printed per round; compare
# only figures of one run.
set -euo pipefail
cd "$(dirname "$0")/../.."
rounds="${1:-5}"
before="${2:-}"
measured="${3:-3}"
out="bench/target/first"
mkdir -p "$out"
: > "$out/results.txt"
./mlp --version > /dev/null # builds the jar and its class-data archive when needed

bars() { # stdin: a process's stderr; prints one it/s per finished run (the bar's line at 100%)
  tr '\r' '\n' | grep '^100%' | sed -E 's/.*, ([0-9.]+) it\/s.*/\1/'
}
timed() { # label command...: runs it, appends "label i it/s" per run and "label process wall cpu"
  local label="$1"; shift
  /usr/bin/time -f '%e %U %S' -o "$out/time.txt" "$@" > /dev/null 2> "$out/err.txt" || { cat "$out/err.txt" >&2; exit 1; }
  bars < "$out/err.txt" | awk -v l="$label" '{ print l, NR, $1 }' >> "$out/results.txt"
  read -r e u s < "$out/time.txt"
  echo "$label process $e $(awk "BEGIN{print $u + $s}")" >> "$out/results.txt"
}
mlp_runs() {
  timed after ./mlp --headless bench/blas/tutorial.mlp
  IFS=';' read -r -a variants <<< "${FIRST_VARIANTS:-}"
  for v in "${variants[@]}"; do MLP_JAVA_OPTS="$v" timed "after+${v// /}" ./mlp --headless bench/blas/tutorial.mlp; done
  IFS=';' read -r -a envs <<< "${FIRST_ENVS:-}"
  for v in "${envs[@]}"; do timed "after+${v// /}" env $v ./mlp --headless bench/blas/tutorial.mlp; done
}
for r in $(seq 1 "$rounds"); do
  echo "round $r/$rounds, load average $(cut -d' ' -f1 /proc/loadavg)" >&2
  ((r % 2)) && mlp_runs # this tree and the before jar take turns going first
  if [[ "$before" == *.jar ]]; then
    OPENBLAS_NUM_THREADS=1 timed before java --add-modules=jdk.incubator.vector -jar "$before" --headless bench/blas/tutorial.mlp
  elif [ -n "$before" ]; then # another tree's launcher (./mlp): its own jar and class-data archive
    timed before "$before" --headless bench/blas/tutorial.mlp
  fi
  ((r % 2)) || mlp_runs
  /usr/bin/python3 bench/training/pytorch_runs.py runtime/src/test/resources/parity 1 "$measured" 5 \
      | awk '$2 != "w" { print "torch", $1, $5 }' >> "$out/results.txt"
done
echo "load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)" >&2
/usr/bin/python3 bench/training/first_table.py "$out/results.txt"
