package mlp.tensor;

import mlp.MlpError;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * Lets a long kernel stop part-way when its evaluation is cancelled (Ctrl-C, a host's cancel()):
 * the evaluation's {@link Budget} says how to ask whether a stop was requested, and large matrix
 * products ask between blocks of rows. A kernel that stops throws "cancelled"
 * and leaves only its own output buffer half-written, which nobody gets to see.
 *
 * <p>A decomposition inside EJML (lstsq's pseudo-inverse, inv's LU) cannot be stopped part-way:
 * when large, it runs on a background thread while the evaluation waits for it, and a cancel
 * returns at once, leaving the decomposition to finish unseen in the background (its inputs are
 * copies or values nobody changes; its output is dropped).
 */
public final class Interrupt {
    private Interrupt() {
    }

    private static final ExecutorService BACKGROUND = Executors.newCachedThreadPool(job -> {
        Thread t = new Thread(job, "mlp-decomposition");
        t.setDaemon(true);
        return t;
    });

    /**
     * Runs {@code work} (a kernel that cannot look at {@link #check()} itself) so that a cancel
     * need not wait for it: on a background thread, when this thread's evaluation can be
     * cancelled at all. The work runs during the evaluation's budget there too (its cap, its
     * cores). Errors of the work come through as they are.
     */
    public static <T> T uninterruptible(Supplier<T> work) {
        Budget budget = Budget.current();
        if (!budget.stoppable()) return work.get();
        budget.stopIfRequested();
        BooleanSupplier stop = budget.stop();
        Future<T> result = BACKGROUND.submit(() -> budget.during(work));
        try {
            while (true) {
                try {
                    return result.get(20, TimeUnit.MILLISECONDS);
                } catch (TimeoutException stillRunning) {
                    if (stop.getAsBoolean()) {
                        result.cancel(true);
                        throw new MlpError("cancelled");
                    }
                }
            }
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException r) throw r;
            if (cause instanceof OutOfMemoryError) throw new MlpError("out of memory");
            if (cause instanceof Error err) throw err;
            throw new IllegalStateException(cause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            result.cancel(true);
            throw new MlpError("cancelled");
        }
    }

    /** Throws "cancelled" when a stop was requested for the evaluation this thread works for. */
    public static void check() {
        Budget.current().stopIfRequested();
    }
}
