package mlp.repl;

import mlp.eval.Interpreter;
import mlp.io.Settings;
import mlp.syntax.Source;

import java.io.PrintWriter;
import java.io.Writer;

/**
 * JIT warm-up for a script that trains: while the main thread starts the script (parsing it,
 * loading its data), a daemon thread on another core trains a few throw-away models of the
 * tutorial's layer kinds in an interpreter of its own, so that the JIT has compiled the training
 * loop's kernels (linear, relu, residual, batch norm, mse, Adam) before the script's first
 * {@code train} call instead of during it. A user runs a script once: without this, a short
 * first run (the tutorial's 1000 epochs) spends most of its time in the interpreter and in
 * code compiled with profiling on (bench/training/first.sh measures it).
 *
 * <p>It shares nothing with the script's interpreter (its own random generator, settings and
 * data; nothing is printed or written), and floating-point results in Java do not depend on
 * whether code is compiled, so the script's numbers are the same bits with or without it. Started
 * only with at least two cores (on one it would slow the script down) and when a script
 * contains {@code train(}; {@code MLP_WARMUP=off} turns it off.
 */
final class Warmup {
    private Warmup() {
    }

    /** The throw-away runs: the tutorial's layer kinds on 100×2 data, progress off. */
    static final String SCRIPT = """
            X = randn(100, 2)
            y = X @ [[1, 2], [3, 4]] + 0.5
            run = train(linear(2, 2), X, y, lr=0.01, epochs=1500, progress=false)
            model = linear(2, 2) |> relu |> residual |> batchnorm |> linear(2, 2)
            run = train(model, X, y, lr=0.01, epochs=600, progress=false)
            """;

    private static final java.util.concurrent.atomic.AtomicBoolean STARTED = new java.util.concurrent.atomic.AtomicBoolean();

    /**
     * As early as possible, before the command line is parsed: the warm-up for the arguments that
     * are script files (read here, if small) or code ({@code -e}). The JVM's first ~0.1 s of mlp
     * (the command line's classes) is then warm-up time too.
     */
    static void startForArguments(String[] args) {
        java.util.List<String> texts = new java.util.ArrayList<>();
        for (String a : args) {
            texts.add(a);
            try {
                java.nio.file.Path p = java.nio.file.Path.of(a);
                if (java.nio.file.Files.isRegularFile(p) && java.nio.file.Files.size(p) < 1 << 20)
                    texts.add(java.nio.file.Files.readString(p));
            } catch (java.io.IOException | RuntimeException e) {
                // not a readable script: the command line reports it
            }
        }
        startFor(texts.toArray(new String[0]));
    }

    /** Whether a warm-up thread was started in this JVM. */
    static boolean started() {
        return STARTED.get();
    }

    /** Starts the warm-up thread (once per JVM) when some script trains and it is worth it; returns it, or null. */
    static Thread startFor(String... scripts) {
        if ("off".equals(System.getenv("MLP_WARMUP")) || Runtime.getRuntime().availableProcessors() < 2) return null;
        boolean trains = false;
        for (String s : scripts) trains |= s.contains("train(");
        if (!trains || !STARTED.compareAndSet(false, true)) return null;
        Thread t = new Thread(Warmup::run, "mlp-jit-warmup");
        t.setDaemon(true); // never keeps the process alive
        t.setPriority(Thread.MIN_PRIORITY);
        t.start();
        return t;
    }

    static void run() {
        try {
            Settings settings = new Settings().out(new PrintWriter(Writer.nullWriter())).progress(null).threads(1);
            new Interpreter(settings).run(new Source("<warm-up>", SCRIPT));
        } catch (RuntimeException | Error e) {
            // a warm-up that fails only means a slower first run: the script itself is unaffected
        }
    }
}
