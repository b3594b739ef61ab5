#!/usr/bin/env bash
# Time per training epoch on Spark local[N] against local mlp, on the same rows, the two sides
# alternating in one JVM (wall and CPU seconds per epoch, and their ratios).
# Usage: bench/spark/run.sh [rows...]   (default: 10000 100000)
#   MLP_BENCH_EPOCHS=1 (per round)  MLP_BENCH_ROUNDS=2  MLP_BENCH_PARTITIONS=(4 per core)
#   MLP_BENCH_LOCAL_MAX=200000 (local runs up to this many rows: local full batch holds ~46 KB a row)
#   MLP_SPARK_MASTER=local[2] (default local[*])  MLP_BENCH_HEAP=16g
#   MLP_BENCH_CHUNK=256m (spark.mlp.chunk: a partition of more rows' activations runs chunk by chunk)
set -euo pipefail
[ $# -gt 0 ] || set -- 10000 100000
cd "$(dirname "$0")/../.."
mvn -B -q -pl spark -am test-compile dependency:build-classpath -Dmdep.outputFile=target/spark-bench.cp -Dmdep.includeScope=test
cp="spark/target/test-classes:spark/target/classes:$(cat spark/target/spark-bench.cp)"
# OpenBLAS single-threaded, as ./mlp runs it (mlp spreads a product over cores itself; Spark runs a task per core)
# and the module options Spark's own launcher gives its JVMs (a block spilled to disk needs java.nio open)
opens=""
for p in java.lang java.lang.invoke java.lang.reflect java.io java.net java.nio java.util java.util.concurrent \
    java.util.concurrent.atomic jdk.internal.ref sun.nio.ch sun.nio.cs sun.security.action sun.util.calendar; do
  opens="$opens --add-opens=java.base/$p=ALL-UNNAMED"
done
OPENBLAS_NUM_THREADS=1 SPARK_LOCAL_IP=127.0.0.1 exec java $opens -Xmx"${MLP_BENCH_HEAP:-16g}" ${MLP_BENCH_CHUNK:+-Dspark.mlp.chunk=$MLP_BENCH_CHUNK} -Dlog4j2.configurationFile=spark/src/test/resources/log4j2-test.properties \
  -cp "$cp" mlp.spark.SparkBench "${@}"
