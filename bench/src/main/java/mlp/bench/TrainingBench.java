package mlp.bench;

import mlp.eval.Interpreter;
import mlp.io.Settings;
import mlp.syntax.Source;
import mlp.train.Run;
import mlp.value.Tensor;
import org.ejml.data.DMatrixRMaj;

import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The tutorial's five training runs as .mlp code, timed: iterations (epochs) per second of
 * each {@code train(...)} call, measured around the whole statement (argument checks and
 * compiling the graph included). The progress bar is on, writing to a non-terminal sink, so
 * its cost is counted too. Each run is repeated; the first repetition is the cold one (JIT
 * warm-up included), later ones are warm.
 *
 * <p>Usage: {@code java -cp benchmarks.jar mlp.bench.TrainingBench PARITY_DIR [warmups] [measured]}:
 * each run unmeasured at least {@code warmups} times and for at least a second, as JMH warms up
 * (the JIT compiles the training loop; labelled {@code w}), then {@code measured} times. {@code ... TrainingBench PARITY_DIR first} instead runs
 * each run once, in the tutorial's order, in this fresh JVM, after the tutorial's first data
 * statements: what a first {@code mlp scripts/seed.mlp} sees, JIT warm-up included (labelled
 * {@code first}).
 * Prints one line per run and repetition: {@code name rep epochs seconds it/s cpu-seconds cpu-it/s
 * loop-it/s} (CPU: the training thread's time, which other processes on a shared machine disturb
 * less; loop: the epochs alone, as the progress bar counts them, without parsing the statement and
 * compiling the graph).
 */
public final class TrainingBench {
    private static final java.lang.management.ThreadMXBean CPU = java.lang.management.ManagementFactory.getThreadMXBean();

    /**
     * The tutorial's runs, then two wider ones: name, dataset, model, epochs (all adam, mse, lr 0.01).
     * "practice" is the tutorial's practice run on its data (500×2; the noise is a fixed formula
     * instead of randn, so that PyTorch trains on the same numbers), "parts-mlp16" is
     * {@code mlp(2, 16, 16, 2)} on the "linear by parts" data.
     */
    static final String[][] RUNS = {
            {"rot-linear", "rot", "linear(2, 2, init=identity)", "1000"},
            {"parts-linear", "parts", "linear(2, 2, init=identity)", "500"},
            {"parts-mlp", "parts", "linear(2, 2, init=identity) |> relu |> linear(2, 2, init=identity)", "5000"},
            {"parts-residual", "parts", "linear(2, 2, init=identity) |> residual(init=identity) |> residual(init=identity) |> linear(2, 2, init=identity)", "5000"},
            {"parts-batchnorm", "parts", "linear(2, 2, init=identity) |> residual(init=identity) |> batchnorm |> residual(init=identity) |> batchnorm |> linear(2, 2, init=identity)", "5000"},
            {"practice", "practice", "linear(2, 16) |> relu |> residual |> batchnorm |> linear(2)", "2000"},
            {"parts-mlp16", "parts", "mlp(2, 16, 16, 2)", "5000"},
    };

    /** The practice data: as the tutorial's, with 0.1 × (sin, cos) of a fixed formula for the noise (pytorch_runs.py makes the same). */
    static final String PRACTICE_DATA = """
            i = linspace(0, 499, 500)
            X = stack(linspace(-1, 1, 500), linspace(1, -1, 500)) + 0.1 * stack(sin(12.9898 * i), cos(78.233 * i))
            y = 2 * X + X ^ 2 + 0.5
            """;

    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args.length > 0 ? args[0] : "runtime/src/test/resources/parity");
        boolean first = args.length > 1 && args[1].equals("first");
        int warmups = first ? 0 : args.length > 1 ? Integer.parseInt(args[1]) : 3;
        int measured = first ? 1 : args.length > 2 ? Integer.parseInt(args[2]) : 5;
        PrintStream sink = new PrintStream(java.io.OutputStream.nullOutputStream());
        if (first) { // as in the tutorial, the data statements run before the first train (not timed)
            new Interpreter(new Settings().progress(null).pictures(Settings.Pictures.OFF)).run(new Source("data.mlp", """
                    seed(20)
                    X = randn(100, 2) * 5
                    theta = 30 * pi / 180
                    R = [[cos(theta), -sin(theta)], [sin(theta), cos(theta)]]
                    y = X @ R + [5, 5] + 0.01 * randn(100, 2)
                    """));
        }
        for (String[] r : RUNS) {
            DMatrixRMaj x, y;
            if (r[1].equals("practice")) {
                Interpreter data = new Interpreter(new Settings().progress(null).pictures(Settings.Pictures.OFF));
                data.run(new Source("practice.mlp", PRACTICE_DATA));
                x = ((Tensor) data.globals().lookup("X")).data();
                y = ((Tensor) data.globals().lookup("y")).data();
            } else {
                x = csv(dir.resolve(r[1] + "-X.csv"));
                y = csv(dir.resolve(r[1] + "-y.csv"));
            }
            long warmStart = System.nanoTime();
            // warm-up as JMH does it: at least `warmups` repetitions and at least one second
            for (int w = 0; !first && (w < warmups || System.nanoTime() - warmStart < 1_000_000_000L); w++)
                timed(r, x, y, "w", sink);
            for (int rep = 0; rep < measured; rep++) timed(r, x, y, first ? "first" : Integer.toString(rep), sink);
        }
    }

    /** Runs one training as a .mlp statement in a fresh interpreter and prints its line. */
    private static void timed(String[] r, DMatrixRMaj x, DMatrixRMaj y, String label, PrintStream sink) {
        Interpreter it = new Interpreter(new Settings().out(new PrintWriter(new StringWriter()))
                .progress(sink).progressIsTerminal(false).pictures(Settings.Pictures.OFF));
        it.globals().define("X", new Tensor(x));
        it.globals().define("y", new Tensor(y));
        String code = "seed(1)\nrun = train(" + r[2] + ", X, y, lr=0.01, epochs=" + r[3] + ")";
        long c0 = CPU.getCurrentThreadCpuTime(), t0 = System.nanoTime();
        it.run(new Source("bench.mlp", code));
        double seconds = (System.nanoTime() - t0) / 1e9, cpu = (CPU.getCurrentThreadCpuTime() - c0) / 1e9;
        Run run = (Run) it.globals().lookup("run");
        System.out.printf(Locale.ROOT, "%s %s %d %.6f %.1f %.6f %.1f %.1f%n", r[0], label, run.epochs(), seconds, run.epochs() / seconds,
                cpu, run.epochs() / cpu, run.epochs() / run.seconds());
    }

    static DMatrixRMaj csv(Path file) throws IOException {
        List<double[]> rows = new ArrayList<>();
        for (String line : Files.readAllLines(file)) {
            if (line.isBlank()) continue;
            String[] cells = line.split(",");
            double[] row = new double[cells.length];
            for (int i = 0; i < cells.length; i++) row[i] = Double.parseDouble(cells[i].trim());
            rows.add(row);
        }
        return new DMatrixRMaj(rows.toArray(new double[0][]));
    }
}
