package mlp.tensor;

import mlp.MlpError;

import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * What one evaluation may use, in one immutable value: the most elements a tensor, a string or a
 * list may have, the cores its matrix products and large elementwise passes may use, and how to
 * ask whether it was asked to stop. The interpreter makes one per run from its settings and its
 * cancellation.
 *
 * <p>The allocating helpers ({@link Limits}, {@link Products}, {@link Interrupt}) find the budget of
 * the evaluation they work for through {@link #current()}: the budget the thread doing the work is
 * working {@link #during} (the default when none). {@code during} is scoped: it restores what was
 * there before, so an interpreter that runs another one inside (a host function of an embedding)
 * gets its own budget back. Work an evaluation hands to another thread takes the budget along:
 * the blocks of a large product get the evaluation's thread count and are stopped by its cancel
 * (the calling thread checks between blocks), a background decomposition
 * ({@link Interrupt#uninterruptible}) runs {@code during} the same budget, and a Spark task works
 * during a budget of its own made from the executor's settings.
 */
public record Budget(long maxElements, int threads, BooleanSupplier stop) {
    private static final BooleanSupplier NEVER = () -> false;

    /** The cap of an interpreter left at its settings, all the machine's cores, no stop. */
    public static final Budget DEFAULT = new Budget(Limits.DEFAULT_MAX_ELEMENTS, 0, NEVER);

    /** The budget of the evaluation that the current thread is working for. */
    private static final ThreadLocal<Budget> WORKING = new ThreadLocal<>();

    /**
     * @param maxElements the cap on elements (of a tensor, string or list)
     * @param threads     cores for products and large elementwise passes; 0 or less: all the machine has
     * @param stop        true once the evaluation should stop (null: never)
     */
    public Budget {
        if (stop == null) stop = NEVER;
    }

    /** The budget the current thread works during, or {@link #DEFAULT}. */
    public static Budget current() {
        Budget b = WORKING.get();
        return b != null ? b : DEFAULT;
    }

    /** Runs {@code work} on this thread for an evaluation of this budget, then restores what was before. */
    public <T> T during(Supplier<T> work) {
        Budget before = WORKING.get();
        WORKING.set(this);
        try {
            return work.get();
        } finally {
            if (before == null) WORKING.remove();
            else WORKING.set(before);
        }
    }

    /** {@link #during(Supplier)} for work without a result. */
    public void during(Runnable work) {
        during(() -> {
            work.run();
            return null;
        });
    }

    /**
     * Makes this the budget of everything this thread does from now on (a pooled thread that runs
     * one task at a time and is not told when a task ends: a Spark task).
     */
    public void install() {
        WORKING.set(this);
    }

    /** The same budget with another thread count. */
    public Budget withThreads(int threads) {
        return new Budget(maxElements, threads, stop);
    }

    /** The cores products and large elementwise passes may use: as set, else all the machine has. */
    public int cores() {
        return threads > 0 ? threads : Runtime.getRuntime().availableProcessors();
    }

    /** True when the evaluation can be asked to stop at all. */
    boolean stoppable() {
        return stop != NEVER;
    }

    /** Throws "cancelled" when the evaluation was asked to stop. */
    public void stopIfRequested() {
        if (stop.getAsBoolean()) throw new MlpError("cancelled");
    }
}
