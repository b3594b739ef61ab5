package mlp.bench;

import mlp.embed.MlpInterpreter;
import mlp.embed.MlpProgram;
import mlp.tensor.Products;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.Arrays;

/**
 * The products at real sizes, .mlp side (bench/blas/run.sh runs it beside bench/blas/torch_side.py):
 * {@code A @ B} at 500², 2000², 4000²; the scaled workload (20000×32 through
 * {@code linear(32, 256) |> relu |> residual |> residual |> batchnorm |> linear(8)}, mse, Adam
 * lr 0.001), full batch and batch=256; one epoch of an MNIST-shaped set (60000×784,
 * {@code linear(784, 128) |> relu |> linear(10)}, cross_entropy, Adam, batch=128) with the heap's
 * peak. Each statement is timed as a user's script runs it, through the Java API: parsed once,
 * then run (the parse of a 9-character statement in a JVM whose parser is not yet compiled took
 * about a millisecond, a fifth of a 500² product).
 *
 * <p>Usage: {@code java --add-modules=jdk.incubator.vector -cp benchmarks.jar mlp.bench.BlasBench
 * LABEL THREADS [cases...]}; cases: matmul, scaled, mnist (default: all). Prints lines
 * {@code LABEL CASE THREADS VALUE UNIT CPU-VALUE}: the figure by the wall clock, then by the
 * process's CPU time (steadier on a shared machine; for one thread the same thing when nothing
 * else runs). MLP_BLAS=java|native chooses the product, as for mlp.
 */
public final class BlasBench {
    /** Floating-point operations of one scaled-workload epoch: each product's forward and both backward, 2 per multiply-add. */
    static final double SCALED_GFLOP = 2.0 * 3 * 20000 * (32 * 256 + 2 * 2 * 256 * 256 + 256 * 8) / 1e9;

    public static void main(String[] args) {
        String label = args[0];
        int threads = Integer.parseInt(args[1]);
        var cases = args.length > 2 ? Arrays.asList(args).subList(2, args.length) : java.util.List.of("matmul", "scaled", "mnist");
        System.err.println(label + ": matrix products: " + Products.describe());
        try (MlpInterpreter mlp = MlpInterpreter.builder().outputOff().progressOff().picturesOff().threads(threads).build()) {
            mlp.eval("seed(1)");
            if (cases.contains("matmul")) {
                for (int n : new int[]{500, 2000, 4000}) {
                    mlp.eval("A = randn(" + n + ", " + n + "); B = randn(" + n + ", " + n + ")");
                    int reps = n <= 500 ? 20 : n <= 2000 ? 5 : 2;
                    double[] best = {Double.MAX_VALUE, Double.MAX_VALUE};
                    MlpProgram product = MlpProgram.parse("C = A @ B", "bench"); // parsed once, as in a script
                    for (int r = 0; r < reps + 1; r++) { // the first call of the first size warms up
                        double[] s = time(mlp, product);
                        if (r > 0 || n > 500) {
                            best[0] = Math.min(best[0], s[0]);
                            best[1] = Math.min(best[1], s[1]);
                        }
                        if (n > 2000 && r == reps - 1) break;
                    }
                    line(label, "matmul-" + n, threads, best[0], "s", best[1]);
                    if (n == 500) callAlone(label, n, threads);
                    mlp.eval("A = 0; B = 0; C = 0");
                }
            }
            if (cases.contains("scaled")) {
                mlp.eval("X = randn(20000, 32); Y = randn(20000, 8)");
                String model = "linear(32, 256) |> relu |> residual |> residual |> batchnorm |> linear(8)";
                mlp.eval("m = " + model + "; r = train(m, X, Y, lr=0.001, epochs=1)"); // warm-up
                int epochs = 3;
                double[] full = time(mlp, "m = " + model + "; r = train(m, X, Y, lr=0.001, epochs=" + epochs + ")");
                line(label, "scaled-full", threads, SCALED_GFLOP * epochs / full[0], "GFLOP/s", SCALED_GFLOP * epochs / full[1]);
                double[] batched = time(mlp, "m = " + model + "; r = train(m, X, Y, lr=0.001, epochs=1, batch=256)");
                line(label, "scaled-batch256", threads, SCALED_GFLOP / batched[0], "GFLOP/s", SCALED_GFLOP / batched[1]);
                mlp.eval("X = 0; Y = 0");
            }
            if (cases.contains("mnist")) {
                mlp.eval("X = randn(60000, 784); labels = argmax(randn(60000, 10), dim=1)");
                resetPeaks();
                double[] s = time(mlp, "m = linear(784, 128) |> relu |> linear(10); r = train(m, X, labels, loss=cross_entropy, epochs=1, batch=128)");
                line(label, "mnist-epoch", threads, s[0], "s", s[1]);
                double dataMb = 60000.0 * 784 * 8 / 1e6, ratio = peakHeapBytes() / 1e6 / dataMb;
                line(label, "mnist-heap-peak-per-data", threads, ratio, "x", ratio);
            }
        }
    }

    /** Seconds by the wall clock and of the process's CPU time (every thread, the JIT's and GC's too). */
    /**
     * {@code matmul-call-500}: the product alone, {@link Products#multiply} into an array made
     * beforehand, best of 80: what {@code C = A @ B} costs beyond it is the statement's (a new
     * 2 MB result, zeroed by the JVM, and the interpreter's work).
     */
    private static void callAlone(String label, int n, int threads) {
        Products.threads(threads);
        java.util.Random random = new java.util.Random(1);
        double[] a = new double[n * n], b = new double[n * n], c = new double[n * n];
        for (int i = 0; i < a.length; i++) {
            a[i] = random.nextGaussian();
            b[i] = random.nextGaussian();
        }
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        double best = Double.MAX_VALUE, bestCpu = Double.MAX_VALUE;
        for (int r = 0; r < 81; r++) {
            long t = System.nanoTime(), cpu = os.getProcessCpuTime();
            Products.multiply(false, false, n, n, n, a, n, b, n, c, n, false);
            if (r == 0) continue; // warm-up
            best = Math.min(best, (System.nanoTime() - t) / 1e9);
            bestCpu = Math.min(bestCpu, (os.getProcessCpuTime() - cpu) / 1e9);
        }
        line(label, "matmul-call-" + n, threads, best, "s", bestCpu);
    }

    private static double[] time(MlpInterpreter mlp, String code) {
        return time(mlp, MlpProgram.parse(code, "bench"));
    }

    /** Times a parsed program: a script is parsed once before it runs, so its statements' time holds no parsing. */
    private static double[] time(MlpInterpreter mlp, MlpProgram program) {
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        long t = System.nanoTime(), cpu = os.getProcessCpuTime();
        mlp.eval(program);
        return new double[]{(System.nanoTime() - t) / 1e9, (os.getProcessCpuTime() - cpu) / 1e9};
    }

    private static void line(String label, String name, int threads, double value, String unit, double cpuValue) {
        System.out.printf("%s %s %d %.4f %s %.4f%n", label, name, threads, value, unit, cpuValue);
    }

    private static void resetPeaks() {
        System.gc();
        for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) if (p.getType() == MemoryType.HEAP) p.resetPeakUsage();
    }

    /** The sum of the heap pools' peaks since {@link #resetPeaks} (an upper bound of the heap in use at any one time). */
    private static long peakHeapBytes() {
        long sum = 0;
        for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) if (p.getType() == MemoryType.HEAP) sum += p.getPeakUsage().getUsed();
        return sum;
    }
}
