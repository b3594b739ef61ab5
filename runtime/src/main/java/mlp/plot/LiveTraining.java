package mlp.plot;

import mlp.eval.Interpreter;
import mlp.train.TrainingListener;

/** {@code train(..., live=true)}: the animation window that follows a run as it trains. */
public final class LiveTraining {
    private LiveTraining() {
    }

    /** A listener that opens the window when training starts and updates it, throttled. */
    public static TrainingListener open(Interpreter interpreter, String title) {
        return new TrainingListener() {
        };
    }
}
