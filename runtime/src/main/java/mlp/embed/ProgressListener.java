package mlp.embed;

/**
 * Follows training as it goes: a host's own progress bar, a log, or a "stop" button's logic. Set
 * with {@link MlpInterpreter.Builder#progress(ProgressListener)}.
 *
 * <p>It is called on the interpreter's thread after every finished epoch, so it must be quick.
 * It may call {@link MlpInterpreter#cancel()} (training then stops after this epoch) and the
 * interpreter's {@code get}/{@code set} methods, but not {@code eval}. If it throws, training
 * stops after this epoch and {@code eval} rethrows the listener's exception.
 */
@FunctionalInterface
public interface ProgressListener {
    /**
     * An epoch finished.
     *
     * @param epoch  the epoch that finished, from 1
     * @param epochs the number of epochs the {@code train} call asked for
     * @param loss   the loss of that epoch
     */
    void epoch(int epoch, int epochs, double loss);
}
