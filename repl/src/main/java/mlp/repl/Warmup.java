package mlp.repl;

import mlp.nn.Activation;
import mlp.nn.BatchNorm;
import mlp.nn.Init;
import mlp.nn.Layer;
import mlp.nn.Linear;
import mlp.nn.Residual;
import mlp.nn.Stack;
import mlp.train.Losses;
import mlp.train.Optimizer;
import mlp.train.Optimizers;
import mlp.train.Run;
import mlp.train.Trainer;
import org.ejml.data.DMatrixRMaj;

import java.util.List;
import java.util.Random;

/**
 * JIT warm-up for a script that trains: while the main thread starts the script (parsing it,
 * loading its data), a daemon thread on another core trains a few throw-away models of the
 * tutorial's layer kinds, so that the JIT has compiled the training loop's kernels (linear,
 * relu, residual, batch norm, mse, Adam) before the script's first {@code train} call instead of
 * during it. A user runs a script once: without this, a short first run (the tutorial's 1000
 * epochs) spends most of its time in the interpreter and in code compiled with profiling on
 * (bench/training/first.sh measures it).
 *
 * <p>The models are built and trained through the runtime's own classes ({@link Trainer}), not
 * through an interpreter: a {@code .mlp} warm-up spent its first ~0.15 s creating an interpreter
 * and parsing before its first epoch, and then often finished after the script's first
 * {@code train} had begun, so that the JIT compiled the first runs' kernels while those runs
 * ran (bench/training/README.md). The linear layer alone goes first: it is what the tutorial's
 * first two (shortest) runs train.
 *
 * <p>It shares nothing with the script's interpreter (its own random generator and data; the
 * built-in {@code adam} at its defaults keeps no state; nothing is printed or written), and
 * floating-point results in Java do not depend on whether code is compiled, so the script's
 * numbers are the same bits with or without it. Started only with at least two cores (on one it
 * would slow the script down) and when a script contains {@code train(}; {@code MLP_WARMUP=off}
 * turns it off.
 */
final class Warmup {
    private Warmup() {
    }

    /**
     * Epochs of the throw-away runs. The linear model's bring the first runs' kernels (each called
     * once or twice an epoch) to C2 before the script's first {@code train}; the stack's give relu,
     * residual and batch norm their C1 code and profiles, and C2 compiles them soon after, often
     * during the script's first runs (1000 epochs of it did no better: bench/training/README.md).
     */
    static final int LINEAR_EPOCHS = 1000, STACK_EPOCHS = 600;

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
            runs();
        } catch (RuntimeException | Error e) {
            // a warm-up that fails only means a slower first run: the script itself is unaffected
        }
    }

    /**
     * The throw-away runs, on 100×2 random data with the {@code train} built-in's defaults (adam,
     * mse, 100 frames, no progress bar): {@code linear(2, 2)}, then {@code linear(2, 2) |> relu |>
     * residual |> batchnorm |> linear(2, 2)}. Returns them (a test checks that they trained).
     */
    static List<Run> runs() {
        Random random = new Random(1);
        DMatrixRMaj x = new DMatrixRMaj(100, 2), y = new DMatrixRMaj(100, 2);
        for (int i = 0; i < 100; i++) { // y = X @ [[1, 2], [3, 4]] + 0.5
            double a = random.nextGaussian(), b = random.nextGaussian();
            x.set(i, 0, a);
            x.set(i, 1, b);
            y.set(i, 0, a + 3 * b + 0.5);
            y.set(i, 1, 2 * a + 4 * b + 0.5);
        }
        Layer stack = new Stack(List.of(linear(random), Activation.RELU, Residual.block(2, Init.DEFAULT, random),
                new BatchNorm(2), linear(random)));
        stack.resolve(2, random, Layer.Given.tensor());
        return List.of(train(linear(random), x, y, LINEAR_EPOCHS, random), train(stack, x, y, STACK_EPOCHS, random));
    }

    private static Linear linear(Random random) {
        return new Linear(2, 2, true, Init.DEFAULT, random);
    }

    private static Run train(Layer model, DMatrixRMaj x, DMatrixRMaj y, int epochs, Random random) {
        Optimizer adam = Optimizers.ALL.stream().filter(o -> o.name().equals("adam")).findFirst().orElseThrow();
        Trainer.Request request = new Trainer.Request(model, x, y, epochs, adam, Losses.named("mse"), epoch -> 0.01,
                0, 100, false, false, null, null, 0, 0);
        return new Trainer(request, new Trainer.Host(random, () -> false, null, false, List.of())).run();
    }
}
