package mlp.eval;

/**
 * A request to stop, set from another thread (Ctrl-C, a host's cancel()). Training looks at it
 * after every epoch and stops cleanly; the interpreter looks at it between statements.
 */
public final class Cancellation {
    private volatile boolean requested;

    public void request() {
        requested = true;
    }

    public boolean requested() {
        return requested;
    }

    public void clear() {
        requested = false;
    }
}
