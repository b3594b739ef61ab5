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
 * linear(32, 256) |> relu |> two residual(256) blocks |> linear(256, 8), the scaled workload
 * without its batchnorm, which does not train on a cluster). Run by bench/spark/run.sh.
 * Arguments: rows... (e.g. 10000 100000); MLP_BENCH_EPOCHS epochs each (default 2),
 * MLP_BENCH_PARTITIONS partitions (default: 4 per core).
 */
public final class SparkBench {
    static final String MODEL = "linear(32, 256) |> relu |> residual(256) |> residual(256) |> linear(256, 8)";

    public static void main(String[] args) {
        int epochs = Integer.parseInt(System.getenv().getOrDefault("MLP_BENCH_EPOCHS", "2"));
        Cluster c = Cluster.connect(null);
        JavaSparkContext jsc = c.context();
        int partitions = Integer.parseInt(System.getenv().getOrDefault("MLP_BENCH_PARTITIONS", Integer.toString(4 * jsc.defaultParallelism())));
        System.out.printf("master %s, %d partitions, %d epochs per size, model %s%n", c.master(), partitions, epochs, MODEL);
        System.out.printf("%10s %14s %14s %10s %14s%n", "rows", "local s/epoch", "spark s/epoch", "ratio", "spark pack s");
        try (MlpInterpreter mlp = MlpInterpreter.builder().outputOff().progressOff().build()) {
            mlp.eval("seed(1)\nmodel = " + MODEL);
            for (String a : args) {
                int n = Integer.parseInt(a);
                double local = Double.NaN;
                if (n <= Integer.parseInt(System.getenv().getOrDefault("MLP_BENCH_LOCAL_MAX", "200000"))) {
                    DMatrixRMaj all = rows(0, n);
                    mlp.set("D", all);
                    mlp.eval("X = D[:, 0:32]\ny = D[:, 32:40]\nrun = train(model, X, y, epochs=1, progress=false)"); // warm-up
                    local = mlp.eval("run = train(model, X, y, epochs=" + epochs + ", progress=false)\nrun.seconds").asDouble() / epochs;
                    mlp.remove("D");
                    mlp.remove("X");
                    mlp.remove("y");
                }
                int per = (n + partitions - 1) / partitions;
                List<Integer> parts = new ArrayList<>();
                for (int p = 0; p < partitions; p++) parts.add(p);
                JavaRDD<double[]> rdd = jsc.parallelize(parts, partitions).flatMap(p -> {
                    DMatrixRMaj m = rows(p, Math.max(0, Math.min(per, n - p * per)));
                    List<double[]> out = new ArrayList<>(m.numRows);
                    for (int r = 0; r < m.numRows; r++) {
                        double[] row = new double[m.numCols];
                        System.arraycopy(m.data, r * m.numCols, row, 0, m.numCols);
                        out.add(row);
                    }
                    return out.iterator();
                });
                mlp.set("D", MlpSpark.distributed(rdd));
                mlp.eval("X = D[:, 0:32]\ny = D[:, 32:40]\nrun = train(model, X, y, epochs=1, progress=false)"); // warm-up (and a packing)
                long t = System.nanoTime();
                double sparkSeconds = mlp.eval("run = train(model, X, y, epochs=" + epochs + ", progress=false)\nrun.seconds").asDouble();
                double total = (System.nanoTime() - t) / 1e9;
                double spark = sparkSeconds / epochs;
                System.out.printf("%10d %14.3f %14.3f %10.2f %14.2f%n", n, local, spark, spark / local, total - sparkSeconds);
                mlp.remove("D");
                rdd.unpersist(true);
            }
        }
        c.session().stop();
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
