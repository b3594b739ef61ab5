package mlp.embed;

import mlp.MlpError;
import mlp.syntax.Pos;

/**
 * An evaluation did not run to its end because the host stopped it: {@link MlpInterpreter#cancel()},
 * an interrupt of the thread waiting in {@code eval}, or the time limit
 * ({@link MlpInterpreter.Builder#timeLimit}). It is not a fault in the script, which is why it has
 * a type of its own: a host (an auto-grader, say) can tell "the script is wrong" from "the script
 * ran too long" without reading messages. It is an {@link MlpError}, so one {@code catch} still
 * handles every error of mlp.
 *
 * <p>What ran before the stop stays done: names assigned stay assigned, and a {@code train} that
 * was running returns its run so far, with the model keeping the parameters of its last finished
 * epoch. The position, when known, is the statement or call at which evaluation stopped.
 */
public final class MlpStopped extends MlpError {
    /** True for the time limit, false for a cancel or an interrupt. */
    private final boolean timedOut;

    MlpStopped(String message, Pos pos, boolean timedOut) {
        super(message, pos);
        this.timedOut = timedOut;
    }

    @Override
    protected MlpError positioned(Pos where) {
        return new MlpStopped(plainMessage(), where, timedOut);
    }

    /** True when the time limit stopped the evaluation; false for {@code cancel()} or an interrupt. */
    public boolean timedOut() {
        return timedOut;
    }
}
