package mlp.train;

/**
 * Which of a run's outputs become frames. Output 0 is the start (X, or the untrained
 * predictions), output k the predictions of epoch k; of these {@code epochs + 1} outputs at
 * most {@code frames} are kept, evenly spaced, the first and the last included. Decided up
 * front, so a million epochs keep 100 frames, not a million.
 */
final class FrameSchedule {
    private final int epochs;
    private final int frames;
    private int next; // index of the next kept frame

    FrameSchedule(int epochs, int frames) {
        this.epochs = epochs;
        this.frames = Math.min(frames, epochs + 1);
    }

    /** How many frames a full run keeps. */
    int size() {
        return frames;
    }

    /** The output index of the j-th kept frame. */
    private long target(int j) {
        if (frames == 1) return epochs; // one frame: the end
        return Math.round((double) j * epochs / (frames - 1));
    }

    /** True when output {@code k} is kept; call with k = 0, 1, 2, ... in order. */
    boolean keeps(int k) {
        if (next < frames && target(next) == k) {
            next++;
            return true;
        }
        return false;
    }
}
