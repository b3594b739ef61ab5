package mlp.robust;

import mlp.MlpError;
import mlp.eval.Interpreter;
import mlp.syntax.Source;
import mlp.value.Num;
import mlp.value.Tensor;
import mlp.value.Value;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

import java.io.StringWriter;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Cancelling ({@code interpreter.cancellation().request()} from another thread, as Ctrl-C and a
 * host's cancel() do) in the middle of long work: a matrix product, an epoch of training (one of
 * large elementwise ops), lstsq, inv. The evaluation stops soon (not when the work would have ended), every variable holds what
 * it held before the statement, a model holds the parameters of its last finished epoch, and the
 * interpreter goes on. Timings are generous: the machine is shared.
 */
class CancellationTest {
    /**
     * A cancel must be felt within this, or within a share of what the work would take when that
     * is longer (a loaded machine stretches both alike): generous, the machine is shared.
     */
    static final long PROMPT_MS = 1500;

    /** How long code takes to run, in ms. */
    private long timed(String code) {
        long start = System.nanoTime();
        eval(code);
        return (System.nanoTime() - start) / 1_000_000;
    }

    private final Interpreter it = new Interpreter(Host.quiet(new StringWriter()));

    private Value eval(String code) {
        return it.run(new Source("cancel.mlp", code));
    }

    private DMatrixRMaj tensor(String code) {
        return ((Tensor) eval(code)).data();
    }

    /** Runs code, cancelling it after delayMs; returns how long it took from the cancel to the end, in ms. */
    private long cancelAfter(long delayMs, String code, boolean expectError) {
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
        long[] cancelledAt = {0};
        timer.schedule(() -> {
            cancelledAt[0] = System.nanoTime();
            it.cancellation().request();
        }, delayMs, TimeUnit.MILLISECONDS);
        try {
            if (expectError) {
                MlpError e = assertThrows(MlpError.class, () -> eval(code));
                assertEquals("cancelled", e.plainMessage());
                assertTrue(e.line() >= 1, "positioned: " + e.format());
            } else {
                eval(code);
            }
            long end = System.nanoTime();
            assertTrue(cancelledAt[0] != 0, "the work ended before the cancel came: make it longer");
            return (end - cancelledAt[0]) / 1_000_000;
        } finally {
            timer.shutdownNow();
            it.cancellation().clear();
        }
    }

    @Test
    void aLongMatrixProductStopsBetweenBlocksOfRows() {
        eval("seed(1)\nX = randn(1500, 1500)\nY = 7");
        double before = ((Num) eval("sum(X)")).value();
        long one = timed("Z = X @ X"); // one of the three products below, under the same load
        // seconds of work whatever the machine: enough products that the cancel comes in the middle (three took
        // 0.3 s from a fresh clone on a quiet machine, which finished before the cancel); capped far below overflow
        int products = (int) Math.min(100, Math.max(3, 3000 / Math.max(1, one)));
        long took = cancelAfter(300, "Y = X" + " @ X".repeat(products), true);
        // a cancel felt only between the products would wait for the rest of one: about `one`
        assertTrue(took < Math.max(PROMPT_MS, one / 2), "stopped " + took + " ms after the cancel; one product takes " + one);
        assertEquals(before, ((Num) eval("sum(X)")).value(), "X is intact");
        assertEquals(7.0, ((Num) eval("Y")).value(), "Y keeps its old value");
        assertEquals("[1500, 1500]", mlp.value.Format.repr(eval("(X @ X[:, 0:2]).shape")).replace("2]", "1500]"));
    }

    @Test
    void anEpochOfLargeElementwiseOpsStopsBetweenBlocks() {
        // a function layer of 30 large elementwise ops (a batch of 65536 rows × 2 is 2^17 elements), trained in
        // batches: an epoch runs the compiled graph batch after batch with no statement, call or large product
        // between them at which the interpreter or the trainer would look (they look between epochs)
        String layer = "(x -> " + "sin(".repeat(30) + "x" + ")".repeat(30) + ")";
        long epochMs = 0;
        // about three seconds an epoch whatever the machine: time 8 batches (warm), then take as many as that needs
        for (int batches = 8, round = 0; round < 2; round++, batches = (int) Math.min(64, Math.max(8, 8 * 3000 / Math.max(1, epochMs)))) {
            eval("seed(5)\nX = randn(" + batches * 65536 + ", 2)\ny = randn(" + batches * 65536 + ", 1)\n"
                    + "m = linear(2, 2) |> " + layer + " |> linear(2, 1)\n");
            if (round == 0) eval("warm = train(copy(m), X, y, epochs=1, batch=65536, progress=false)"); // not the JVM's first epoch
            long start = System.nanoTime();
            eval("r0 = train(m, X, y, epochs=1, batch=65536, progress=false)");
            epochMs = (System.nanoTime() - start) / 1_000_000;
        }
        assertTrue(epochMs > 1500, "an epoch takes a while: " + epochMs + " ms");
        // cancel in the middle of the second epoch: felt only at its end, it would wait for half an epoch
        long took = cancelAfter(epochMs * 3 / 2, "run = train(m, X, y, epochs=3, batch=65536, progress=false)", false);
        assertTrue(took < Math.max(1000, epochMs / 4), "returned " + took + " ms after the cancel; an epoch takes " + epochMs);
        int epochs = (int) ((Num) eval("run.epochs")).value();
        assertTrue(epochs >= 1 && epochs < 3, epochs + " epochs: the run so far");
    }

    /** Trains a copy of the model once, so that the timed epoch is not the JVM's first. */
    private static final String WARM_UP = "warm = train(copy(m), X, y, epochs=1, progress=false)";

    @Test
    void cancellingInTheMiddleOfAnEpochKeepsTheModelOfTheLastFinishedEpoch() {
        // an epoch must take a while (over 300 ms) to be cancelled in its middle: more rows on a faster machine
        String setup = null;
        long epochMs = 0;
        for (int rows = 3000; epochMs <= 300 && rows <= 96_000; rows *= 2) {
            setup = "seed(3)\nX = randn(" + rows + ", 200)\ny = randn(" + rows + ", 10)\n"
                    + "m = linear(200, 200) |> relu |> batchnorm |> linear(10)\n";
            eval(setup);
            eval(WARM_UP); // the first epoch of a JVM is slower than the rest: not the one to time
            long start = System.nanoTime();
            eval("r0 = train(m, X, y, epochs=1, progress=false)");
            epochMs = (System.nanoTime() - start) / 1_000_000;
        }
        assertTrue(epochMs > 300, "an epoch takes a while: " + epochMs + " ms");
        // cancel in the middle of the third epoch: train returns the run so far
        // far more epochs than the cancel lets run, however the load changes the epochs' pace;
        // a run whose set-up took longer than that (its buffers, hundreds of MB, met a long GC)
        // has no epoch to keep yet: then again with a later cancel
        int epochs = 0;
        for (int attempt = 0; attempt < 3 && epochs == 0; attempt++) {
            long took = cancelAfter((epochMs * 5 / 2) << attempt, "run = train(m, X, y, epochs=500, progress=false)", false);
            assertTrue(took < Math.max(PROMPT_MS, epochMs / 2), "returned " + took + " ms after the cancel; an epoch takes " + epochMs);
            epochs = (int) ((Num) eval("run.epochs")).value();
        }
        assertTrue(epochs >= 1 && epochs < 500, epochs + " epochs (an epoch took " + epochMs + " ms when timed)");
        // the model is exactly the model trained for those epochs (after the first one, r0)
        Interpreter same = new Interpreter(Host.quiet(new StringWriter()));
        same.run(new Source("same.mlp", setup + WARM_UP + "\nr0 = train(m, X, y, epochs=1, progress=false)\n"
                + "run = train(m, X, y, epochs=" + epochs + ", progress=false)"));
        for (String member : new String[]{"m[0].weight", "m[2].running_mean", "m[2].running_var", "m[3].bias"})
            assertArrayEquals(((Tensor) same.run(new Source("m", member))).data().data, tensor(member).data, member);
        assertEquals(epochs, ((DMatrixRMaj) tensor("run.loss")).numRows);
        // and everything goes on
        eval("more = train(m, X[0:100], y[0:100], epochs=2, progress=false)");
    }

    @Test
    void aLongLstsqReturnsAtOnceAndLeavesTheVariables() {
        eval("seed(2)\nX = randn(6000, 200)\ny = randn(6000, 3)\nf = 1");
        long whole = timed("g = lstsq(X, y)"); // what not returning at once would cost, under the same load
        long took = cancelAfter(300, "f = lstsq(X, y)", true);
        assertTrue(took < Math.max(PROMPT_MS, whole / 2), "stopped " + took + " ms after the cancel; lstsq takes " + whole);
        assertEquals(1.0, ((Num) eval("f")).value());
        assertEquals(6000.0, ((Num) eval("X.rows")).value());
        eval("g = lstsq(X[0:50, 0:3], y[0:50])"); // goes on
    }

    @Test
    void aLongInverseReturnsAtOnce() {
        eval("seed(4)\nA = randn(1500, 1500)\nB = 5");
        double before = ((Num) eval("sum(A)")).value();
        long whole = timed("C = inv(A)");
        long took = cancelAfter(200, "B = inv(A)", true);
        assertTrue(took < Math.max(PROMPT_MS, whole / 2), "stopped " + took + " ms after the cancel; inv takes " + whole);
        assertEquals(5.0, ((Num) eval("B")).value());
        assertEquals(before, ((Num) eval("sum(A)")).value());
    }

    @Test
    void writingALongAnimationStopsBetweenFramesAndLeavesTheOldFileWhole(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        Interpreter files = new Interpreter(Host.quiet(new StringWriter()).pictures(mlp.io.Settings.Pictures.FILES)
                .plotsDir(dir).fileRoot(dir).workingDir(dir));
        files.run(new Source("gif.mlp", "seed(1)\nX = randn(300, 2)\ny = X @ [[1, 2], [3, 4]]\n"
                + "run = train(linear(2, 2), X, y, epochs=4000, frames=4000, progress=false)\n"
                + "short = train(linear(2, 2), X, y, epochs=3, progress=false)\nanimate(short, file=\"a.gif\")"));
        byte[] old = java.nio.file.Files.readAllBytes(dir.resolve("a.gif"));
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
        long[] at = {0};
        timer.schedule(() -> {
            at[0] = System.nanoTime();
            files.cancellation().request();
        }, 500, TimeUnit.MILLISECONDS);
        try {
            MlpError e = assertThrows(MlpError.class, () -> files.run(new Source("gif.mlp", "animate(run, file=\"a.gif\")")));
            long took = (System.nanoTime() - at[0]) / 1_000_000;
            assertEquals("cancelled", e.plainMessage());
            assertTrue(at[0] != 0 && took < PROMPT_MS, "stopped " + took + " ms after the cancel");
        } finally {
            timer.shutdownNow();
            files.cancellation().clear();
        }
        assertArrayEquals(old, java.nio.file.Files.readAllBytes(dir.resolve("a.gif")), "the old picture is whole");
        try (var listing = java.nio.file.Files.list(dir)) {
            assertEquals(List.of("a.gif"), listing.map(p -> p.getFileName().toString()).sorted().toList(), "no temporary file is left");
        }
        assertEquals(4000.0, ((Num) files.run(new Source("gif.mlp", "run.epochs"))).value(), "the run is usable");
    }
}
