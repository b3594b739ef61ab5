package mlp.bench;

import mlp.eval.Interpreter;
import mlp.io.Settings;
import mlp.syntax.Source;
import mlp.train.Run;

import java.io.PrintWriter;
import java.io.Writer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * What recording a classification run's decision regions costs: the two-spiral run of
 * {@code scripts/spiral.mlp} (320 points, mlp(2, 32, 32, 2), cross_entropy, val=) trained for
 * 5000 epochs with the regions off (0 cells), on at the default 60×60 grid, and at 100×100,
 * in alternating rounds in one JVM. Timed as the training thread's CPU time around the train
 * statement (the machine this was written on is shared: wall-clock time there swings by ±10%
 * from run to run), and wall-clock ({@code run.seconds}) beside it.
 * <pre>
 *   mvn -B -q -pl bench -am package -DskipTests
 *   java -cp bench/target/benchmarks.jar mlp.bench.RegionsBench [rounds] [epochs]
 * </pre>
 */
public final class RegionsBench {
    private RegionsBench() {
    }

    private static final String SPIRAL = """
            seed(0)
            n = 200
            t = sqrt(rand(n, 1)) * 3 * pi
            arm = stack(t * cos(t), t * sin(t)) / (3 * pi)
            X = cat(arm, -arm) + 0.03 * randn(2 * n, 2)
            labels = cat(zeros(n, 1), ones(n, 1))
            [Xtrain, Xtest, ytrain, ytest] = split(X, labels, 0.8)
            model = mlp(2, 32, 32, 2)
            """;

    public static void main(String[] args) {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        int epochs = args.length > 1 ? Integer.parseInt(args[1]) : 5000;
        int[] cells = {0, 60, 100};
        List<List<Double>> seconds = new ArrayList<>();
        for (int c : cells) seconds.add(new ArrayList<>());
        for (int round = -1; round < rounds; round++) { // round -1 warms the JIT up, untimed
            for (int k = 0; k < cells.length; k++) {
                Interpreter in = new Interpreter(new Settings().out(new PrintWriter(Writer.nullWriter())).progress(null)
                        .pictures(Settings.Pictures.OFF).regionCells(cells[k]));
                in.run(new Source("spiral.mlp", SPIRAL));
                java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
                long cpu0 = threads.getCurrentThreadCpuTime();
                in.run(new Source("train.mlp", "run = train(model, Xtrain, ytrain, loss=cross_entropy, lr=0.01, epochs="
                        + epochs + ", val=[Xtest, ytest])"));
                double cpu = (threads.getCurrentThreadCpuTime() - cpu0) / 1e9;
                Run run = (Run) in.globals().lookup("run");
                if (round >= 0) seconds.get(k).add(cpu);
                System.out.printf(Locale.ROOT, "round %d  cells %3d  cpu %.3f s  wall %.3f s  (%d frames of regions)%n", round, cells[k],
                        cpu, run.seconds(), run.regions().size());
            }
        }
        double base = median(seconds.get(0));
        for (int k = 0; k < cells.length; k++) {
            double m = median(seconds.get(k));
            System.out.printf(Locale.ROOT, "cells %3d: median CPU %.3f s over %d rounds, %.3f× the run without regions (%+.1f%%)%n",
                    cells[k], m, seconds.get(k).size(), m / base, (m / base - 1) * 100);
        }
    }

    private static double median(List<Double> xs) {
        double[] a = xs.stream().mapToDouble(Double::doubleValue).toArray();
        Arrays.sort(a);
        return a.length % 2 == 1 ? a[a.length / 2] : (a[a.length / 2 - 1] + a[a.length / 2]) / 2;
    }
}
