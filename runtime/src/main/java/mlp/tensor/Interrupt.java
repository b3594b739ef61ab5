package mlp.tensor;

import mlp.MlpError;

import java.util.function.BooleanSupplier;

/**
 * Lets a long kernel stop part-way when its evaluation is cancelled (Ctrl-C, a host's cancel()):
 * the interpreter says, for the thread it evaluates on, how to ask whether a stop was requested,
 * and large matrix products ask between blocks of rows. A kernel that stops throws "cancelled"
 * and leaves only its own output buffer half-written, which nobody gets to see.
 */
public final class Interrupt {
    private static final BooleanSupplier NEVER = () -> false;
    private static final ThreadLocal<BooleanSupplier> REQUESTED = ThreadLocal.withInitial(() -> NEVER);

    private Interrupt() {
    }

    /** How kernels on this thread learn of a stop request (null: never). */
    public static void requested(BooleanSupplier requested) {
        REQUESTED.set(requested == null ? NEVER : requested);
    }

    /** Throws "cancelled" when a stop was requested for this thread's evaluation. */
    public static void check() {
        if (REQUESTED.get().getAsBoolean()) throw new MlpError("cancelled");
    }
}
