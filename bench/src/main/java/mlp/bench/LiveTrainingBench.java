package mlp.bench;

import mlp.eval.Interpreter;
import mlp.io.Settings;
import mlp.syntax.Source;

import javax.swing.SwingUtilities;
import java.awt.GraphicsEnvironment;
import java.awt.Window;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.io.Writer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * A bench runner (not JMH: one training run is the unit): the tutorial's MLP run trained with
 * {@code live=false} and with {@code live=true}, alternating, in one JVM, and the ratio of the
 * median times. Needs a display:
 * <pre>
 *   mvn -B -q -pl bench -am package -DskipTests
 *   xvfb-run -a java -cp bench/target/benchmarks.jar mlp.bench.LiveTrainingBench [epochs] [rounds] [warm-up rounds]
 * </pre>
 */
public final class LiveTrainingBench {
    private LiveTrainingBench() {
    }

    /** The tutorial's "linear by parts" data (seed 20), as scripts/seed.mlp builds it. */
    private static final String DATA = """
            seed(20)
            X = randn(100, 2) * 5
            X1 = randn(100, 2) + [3, -3]
            y1 = 3 * X1 + 0.01 * randn(100, 2)
            X2 = randn(100, 2)
            theta = 150 * pi / 180
            R2 = [[cos(theta), -sin(theta)], [sin(theta), cos(theta)]]
            y2 = X2 @ R2 + [-3, 3] + 0.01 * randn(100, 2)
            X3 = randn(100, 2) + [3, 3]
            y3 = -5 * X3 - 0.01 * randn(100, 2)
            X = cat(X1, X2, X3)
            y = cat(y1, y2, y3)
            """;

    public static void main(String[] args) throws Exception {
        int epochs = args.length > 0 ? Integer.parseInt(args[0]) : 5000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 15;
        int warmup = args.length > 2 ? Integer.parseInt(args[2]) : 5;
        if (GraphicsEnvironment.isHeadless()) {
            System.err.println("LiveTrainingBench needs a display: xvfb-run -a java -cp bench/target/benchmarks.jar mlp.bench.LiveTrainingBench");
            System.exit(2);
        }
        Interpreter in = new Interpreter(new Settings()
                .out(new PrintWriter(Writer.nullWriter()))
                .progress(null)
                .pictures(Settings.Pictures.WINDOWS));
        in.run(new Source("data", DATA));
        System.out.printf(Locale.ROOT, "the tutorial's MLP run: 300 rows, %d epochs, %d rounds of each, alternating, after %d warm-up rounds%n",
                epochs, rounds, warmup);
        for (int i = 0; i < warmup; i++) { // warm-up, both ways (the JIT compiles Swing's and XChart's code too)
            time(in, epochs, false);
            timeLive(in, epochs);
        }
        TRAIN_CPU_PLAIN.clear();
        TRAIN_CPU_LIVE.clear();
        OTHER_CPU_PLAIN.clear();
        OTHER_CPU_LIVE.clear();
        LIVE_CPU.clear();
        List<Double> plain = new ArrayList<>(), live = new ArrayList<>();
        for (int r = 0; r < rounds; r++) {
            boolean liveFirst = r % 2 == 1;
            if (liveFirst) live.add(timeLive(in, epochs));
            plain.add(time(in, epochs, false));
            if (!liveFirst) live.add(timeLive(in, epochs));
        }
        double p = median(plain), l = median(live);
        System.out.printf(Locale.ROOT, "live=false  median %.1f ms  (min %.1f, max %.1f)%n", p, min(plain), max(plain));
        System.out.printf(Locale.ROOT, "live=true   median %.1f ms  (min %.1f, max %.1f)%n", l, min(live), max(live));
        System.out.printf(Locale.ROOT, "live / plain = %.3f (median), %.3f (min)%n", l / p, min(live) / min(plain));
        System.out.printf(Locale.ROOT, "CPU of the training thread: median %.1f ms plain, %.1f ms live; "
                + "of the other threads (Swing, JIT, GC) during the call: %.1f ms plain, %.1f ms live%n",
                median(TRAIN_CPU_PLAIN), median(TRAIN_CPU_LIVE), median(OTHER_CPU_PLAIN), median(OTHER_CPU_LIVE));
        System.out.print("CPU ms per live run, by Java thread (the JIT and GC are not Java threads):");
        LIVE_CPU.forEach((k, v) -> System.out.printf(Locale.ROOT, " %s %.1f", k, v / rounds));
        System.out.println();
        System.out.printf(Locale.ROOT, "load average %.2f on %d cores%n", OS.getSystemLoadAverage(), OS.getAvailableProcessors());
        System.exit(0);
    }

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private static final com.sun.management.OperatingSystemMXBean OS =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    /** CPU ms of the training thread, and of the whole process, per run: where the time went. */
    private static final List<Double> TRAIN_CPU_PLAIN = new ArrayList<>(), TRAIN_CPU_LIVE = new ArrayList<>();
    private static final List<Double> OTHER_CPU_PLAIN = new ArrayList<>(), OTHER_CPU_LIVE = new ArrayList<>();

    /** CPU ns of every live thread, by thread id. */
    private static java.util.Map<Long, Long> cpuByThread() {
        java.util.Map<Long, Long> out = new java.util.HashMap<>();
        for (long id : THREADS.getAllThreadIds()) {
            long cpu = THREADS.getThreadCpuTime(id);
            if (cpu >= 0) out.put(id, cpu);
        }
        return out;
    }

    /** "swing", "train" or "other", by a thread's name. */
    private static String kind(long id) {
        java.lang.management.ThreadInfo t = THREADS.getThreadInfo(id);
        String n = t == null ? "" : t.getThreadName();
        return n.startsWith("AWT-") || n.startsWith("Java2D") || n.startsWith("TimerQueue") ? "swing"
                : Thread.currentThread().getId() == id ? "train" : "other";
    }

    /** CPU ms by kind of thread, summed over the live runs (printed at the end). */
    private static final java.util.Map<String, Double> LIVE_CPU = new java.util.TreeMap<>();

    /** Milliseconds of one train(...) call on a fresh model. */
    private static double time(Interpreter in, int epochs, boolean live) {
        in.run(new Source("model", "model = linear(2, 2, init=identity) |> relu |> linear(2, 2, init=identity)"));
        long cpu0 = THREADS.getCurrentThreadCpuTime(), all0 = OS.getProcessCpuTime();
        java.util.Map<Long, Long> threads0 = cpuByThread();
        long start = System.nanoTime();
        in.run(new Source("train", "run = train(model, X, y, lr=0.01, epochs=" + epochs + ", live=" + live + ", progress=false)"));
        double ms = (System.nanoTime() - start) / 1e6;
        double train = (THREADS.getCurrentThreadCpuTime() - cpu0) / 1e6, all = (OS.getProcessCpuTime() - all0) / 1e6;
        (live ? TRAIN_CPU_LIVE : TRAIN_CPU_PLAIN).add(train);
        if (live) cpuByThread().forEach((id, v) -> LIVE_CPU.merge(kind(id), (v - threads0.getOrDefault(id, 0L)) / 1e6, Double::sum));
        (live ? OTHER_CPU_LIVE : OTHER_CPU_PLAIN).add(all - train);
        return ms;
    }

    /** A live run, then its window closed once it has finished drawing (off the clock, so it slows no other run). */
    private static double timeLive(Interpreter in, int epochs) throws Exception {
        double ms = time(in, epochs, true);
        closeWindows();
        return ms;
    }

    private static void closeWindows() throws Exception {
        Thread.sleep(300); // let the last live window finish drawing, off the clock
        SwingUtilities.invokeAndWait(() -> Arrays.stream(Window.getWindows()).forEach(Window::dispose));
    }

    private static double median(List<Double> xs) {
        double[] s = xs.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }

    private static double min(List<Double> xs) {
        return xs.stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN);
    }

    private static double max(List<Double> xs) {
        return xs.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
    }
}
