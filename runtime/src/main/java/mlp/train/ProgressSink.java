package mlp.train;

/**
 * A host's display of the training progress bar (a notebook's line updated in place): it gets
 * the same tqdm-like line the terminal shows instead of it being printed. Called on the training
 * thread, at most a few times a second; it must not block.
 */
public interface ProgressSink {
    /** The bar as it is now; {@code done} is true for the last line of a run, the one that stays. */
    void line(String line, boolean done);
}
