#!/usr/bin/env bash
# Products at real sizes and the tutorial's first runs, mlp against PyTorch/NumPy, side by side.
#
#   bench/blas/run.sh [rounds=2] [threads="1 2"] [cases="matmul scaled mnist"]
#
# Each round, for each thread count: mlp.bench.BlasBench with the native BLAS (mlp-native) and
# with MLP_BLAS=java (mlp-java), then torch_side.py (NumPy's A @ B, PyTorch float64 and float32);
# then the tutorial's five runs, a fresh process each side (./mlp bench/blas/tutorial.mlp against
# tutorial_torch.py), timed whole. table.py prints the medians over rounds and the ratios.
# mlp runs OpenBLAS single-threaded and spreads bands over THREADS itself (as ./mlp does); NumPy
# and PyTorch get OPENBLAS_NUM_THREADS=THREADS and torch.set_num_threads(THREADS).
# The MNIST-shaped case runs its JVM with -Xmx at three times the data's size (60000×784 doubles).
# TUTORIAL=0 leaves out the tutorial processes (bench/training/first.sh times those run by run).
# Needs Maven, Java 17 and python3-torch (/usr/bin/python3). The machine may be shared: compare
# only figures of one run, and repeat.
set -euo pipefail
cd "$(dirname "$0")/../.."
rounds="${1:-2}"
threads="${2:-1 2}"
cases="${3:-matmul scaled mnist}"
out="bench/target/blas"
mkdir -p "$out"
: > "$out/results.txt"

mvn -B -q -pl bench -am package -DskipTests 2>&1 | grep -v -e '^\[WARNING\]' -e 'incubat' || true
./mlp --version > /dev/null
{
  echo "machine: $(nproc) cores; $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"
  echo "BLAS: $(update-alternatives --query libblas.so.3-x86_64-linux-gnu | grep '^Value:' | cut -d' ' -f2)"
  echo "OPENBLAS_CORETYPE=${OPENBLAS_CORETYPE:-unset} OPENBLAS_L2_SIZE=${OPENBLAS_L2_SIZE:-unset} (left as they are, both sides)"
  ./mlp --version | tail -1
  MLP_BLAS=java ./mlp --version | tail -1
} | tee "$out/machine.txt" >&2

jvm="java --add-modules=jdk.incubator.vector -cp bench/target/benchmarks.jar"
quiet() { grep -v '^WARNING: Using incubator modules' >&2 || true; }
for r in $(seq 1 "$rounds"); do
  for t in $threads; do
    echo "round $r/$rounds, $t thread(s), load average $(cut -d' ' -f1 /proc/loadavg)" >&2
    for c in $cases; do
      heap=""
      [ "$c" = mnist ] && heap="-Xmx1130m" # 3 × 376 MB of data
      OPENBLAS_NUM_THREADS=1 $jvm $heap mlp.bench.BlasBench mlp-native "$t" "$c" 2> >(quiet) >> "$out/results.txt"
      MLP_BLAS=java $jvm $heap mlp.bench.BlasBench mlp-java "$t" "$c" 2> >(quiet) >> "$out/results.txt"
      OPENBLAS_NUM_THREADS=$t /usr/bin/python3 bench/blas/torch_side.py "$t" "$c" >> "$out/results.txt"
    done
    [ "${TUTORIAL:-1}" = 0 ] && continue # TUTORIAL=0: skip the tutorial processes
    # whole processes: wall seconds, then user + system CPU seconds
    /usr/bin/time -f '%e %U %S' -o "$out/mlp-time.txt" ./mlp --headless --threads "$t" bench/blas/tutorial.mlp > /dev/null 2>&1
    read -r e u s < "$out/mlp-time.txt"
    echo "mlp tutorial-process $t $e s $(awk "BEGIN{print $u + $s}")" >> "$out/results.txt"
    OPENBLAS_NUM_THREADS=$t /usr/bin/time -f '%e %U %S' -o "$out/torch-time.txt" /usr/bin/python3 bench/blas/tutorial_torch.py "$t" > /dev/null
    read -r e u s < "$out/torch-time.txt"
    echo "torch32 tutorial-process $t $e s $(awk "BEGIN{print $u + $s}")" >> "$out/results.txt"
  done
done
/usr/bin/python3 bench/blas/table.py "$out/results.txt"
