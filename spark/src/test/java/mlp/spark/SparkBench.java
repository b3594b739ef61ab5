package mlp.spark;

import mlp.embed.MlpInterpreter;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.ejml.data.DMatrixRMaj;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Not a test: the cost of a training epoch on Spark local[N] against local mlp, side by side in
 * one JVM, for a number of rows of the scaled workload's shape (32 inputs, 8 targets; the model
 * linear(32, 256) |> relu |> two residual(256) blocks |> batchnorm |> linear(256, 8), full batch,
 * Adam). Per size, after a one-epoch warm-up of each, the two sides alternate MLP_BENCH_ROUNDS
 * times (default 2) so that a busy machine weighs on both alike; wall and CPU seconds (this
 * process's: Spark local runs in it) per epoch are the means over the rounds. Run by
 * bench/spark/run.sh. Arguments: rows... (e.g. 10000 100000); MLP_BENCH_EPOCHS epochs per
 * round (default 1), MLP_BENCH_PARTITIONS partitions (default: 4 per core).
 */
public final class SparkBench {
    static final String MODEL = "linear(32, 256) |> relu |> residual(256) |> residual(256) |> batchnorm |> linear(256, 8)";

    public static void main(String[] args) {
        int epochs = Integer.parseInt(System.getenv().getOrDefault("MLP_BENCH_EPOCHS", "1"));
        int rounds = Integer.parseInt(System.getenv().getOrDefault("MLP_BENCH_ROUNDS", "2"));
        long localMax = Long.parseLong(System.getenv().getOrDefault("MLP_BENCH_LOCAL_MAX", "200000"));
        Cluster c = Cluster.connect(null);
        JavaSparkContext jsc = c.context();
        int partitions = Integer.parseInt(System.getenv().getOrDefault("MLP_BENCH_PARTITIONS", Integer.toString(4 * jsc.defaultParallelism())));
        System.out.printf("master %s, %d partitions, %d rounds of %d epochs per size, model %s%n", c.master(), partitions, rounds, epochs, MODEL);
        System.out.printf("chunk: %s (spark.mlp.chunk; a partition of more rows runs chunk by chunk)%n",
                jsc.getConf().get(DistTraining.CHUNK, System.getProperty(DistTraining.CHUNK, DistTraining.DEFAULT_CHUNK)));
        var os = (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        System.out.printf("%10s %11s %11s %11s %11s %8s %8s %10s %9s%n", "rows", "local s/ep", "spark s/ep", "local cpu", "spark cpu",
                "ratio", "cpu ratio", "pack s", "load avg");
        try (MlpInterpreter mlp = MlpInterpreter.builder().outputOff().progressOff().build()) {
            for (String a : args) {
                int n = Integer.parseInt(a);
                boolean local = n <= localMax;
                mlp.eval("seed(1)\nmodel = " + MODEL);
                if (local) {
                    mlp.set("L", localRows(n, partitions));
                    mlp.eval("LX = L[:, 0:32]\nLy = L[:, 32:40]\nrun = train(model, LX, Ly, epochs=1, progress=false)"); // warm-up
                }
                double load0 = os.getSystemLoadAverage();
                // not cached: made again from their seeds when needed (training packs and caches its own copy)
                JavaRDD<double[]> rdd = distributed(jsc, n, partitions);
                mlp.set("D", MlpSpark.distributed(rdd));
                long t = System.nanoTime();
                mlp.eval("X = D[:, 0:32]\ny = D[:, 32:40]\nrun = train(model, X, y, epochs=1, progress=false)"); // warm-up (rows made, cached, packed)
                double pack = (System.nanoTime() - t) / 1e9 - mlp.eval("run.seconds").asDouble();
                System.out.printf("  (X: warm-up epoch %.3f s, packing included; load %.1f)%n", mlp.eval("run.seconds").asDouble(), os.getSystemLoadAverage());
                double[] localS = new double[2], sparkS = new double[2];
                for (int r = 0; r < rounds; r++) {
                    if (local) add(localS, time(mlp, "LX", "Ly", epochs));
                    add(sparkS, time(mlp, "X", "y", epochs));
                }
                double lw = local ? localS[0] / rounds : Double.NaN, lc = local ? localS[1] / rounds : Double.NaN;
                double sw = sparkS[0] / rounds, sc = sparkS[1] / rounds;
                System.out.printf("%10d %11.3f %11.3f %11.3f %11.3f %8.2f %8.2f %10.2f %4.1f-%4.1f%n", n, lw, sw, lc, sc, sw / lw, sc / lc, pack,
                        load0, os.getSystemLoadAverage());
                for (String v : new String[]{"D", "X", "y", "L", "LX", "Ly"}) mlp.remove(v);
                rdd.unpersist(true);
            }
        }
        c.session().stop();
    }

    private static void add(double[] acc, double[] x) {
        acc[0] += x[0];
        acc[1] += x[1];
    }

    /** {wall seconds, CPU seconds of this process} per epoch of a full-batch train on x, y. */
    private static double[] time(MlpInterpreter mlp, String x, String y, int epochs) {
        var os = (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        var pools = java.lang.management.ManagementFactory.getMemoryPoolMXBeans();
        pools.forEach(java.lang.management.MemoryPoolMXBean::resetPeakUsage);
        long cpu = os.getProcessCpuTime(), t = System.nanoTime();
        mlp.eval("run = train(model, " + x + ", " + y + ", epochs=" + epochs + ", progress=false)");
        double[] r = {(System.nanoTime() - t) / 1e9 / epochs, (os.getProcessCpuTime() - cpu) / 1e9 / epochs};
        long peak = 0; // the heap's peak, garbage not yet collected included: an upper bound of what the epoch needed
        for (var p : pools) if (p.getType() == java.lang.management.MemoryType.HEAP) peak += p.getPeakUsage().getUsed();
        System.out.printf("  (%s: %.3f s/epoch, %.3f s CPU, load %.1f, heap peak %.1f GB)%n", x, r[0], r[1], os.getSystemLoadAverage(), peak / 1e9);
        return r;
    }

    /** The same n rows as {@link #distributed}, here. */
    private static DMatrixRMaj localRows(int n, int partitions) {
        int per = (n + partitions - 1) / partitions;
        DMatrixRMaj all = new DMatrixRMaj(n, 40);
        int at = 0;
        for (int p = 0; p < partitions; p++) {
            DMatrixRMaj m = rows(p, Math.max(0, Math.min(per, n - p * per)));
            System.arraycopy(m.data, 0, all.data, at, m.data.length);
            at += m.data.length;
        }
        return all;
    }

    /** n rows made on the executors, partition p from its own seed. */
    private static JavaRDD<double[]> distributed(JavaSparkContext jsc, int n, int partitions) {
        int per = (n + partitions - 1) / partitions;
        List<Integer> parts = new ArrayList<>();
        for (int p = 0; p < partitions; p++) parts.add(p);
        return jsc.parallelize(parts, partitions).flatMap(p -> {
            DMatrixRMaj m = rows(p, Math.max(0, Math.min(per, n - p * per)));
            List<double[]> out = new ArrayList<>(m.numRows);
            for (int r = 0; r < m.numRows; r++) {
                double[] row = new double[m.numCols];
                System.arraycopy(m.data, r * m.numCols, row, 0, m.numCols);
                out.add(row);
            }
            return out.iterator();
        });
    }

    /** n rows of 40 numbers: 32 inputs N(0, 1) and 8 targets, a fixed nonlinear function of them plus noise. */
    static DMatrixRMaj rows(long seed, int n) {
        Random r = new Random(seed * 7919 + 1);
        DMatrixRMaj m = new DMatrixRMaj(n, 40);
        for (int i = 0; i < n; i++) {
            double[] x = new double[32];
            for (int j = 0; j < 32; j++) x[j] = m.data[i * 40 + j] = r.nextGaussian();
            for (int k = 0; k < 8; k++) {
                double s = 0;
                for (int j = 0; j < 4; j++) s += x[4 * k + j] * (j + 1);
                m.data[i * 40 + 32 + k] = Math.tanh(s / 4) + 0.01 * r.nextGaussian();
            }
        }
        return m;
    }
}
