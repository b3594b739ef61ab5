package mlp.train;

import org.ejml.data.DMatrixRMaj;

import java.util.function.Supplier;

/**
 * Watches a training run as it goes (the live animation window). Called on the training
 * thread, once per epoch: implementations must be cheap and must not block; they copy
 * {@code predictions} only when they want it (the buffer is overwritten by the next epoch).
 */
public interface TrainingListener {
    /** Training starts; {@code run} knows the model, X and y. */
    default void started(Run run) {
    }

    /** An epoch finished (1-based) with this loss and these (training-mode) predictions. */
    default void epoch(int epoch, double loss, DMatrixRMaj predictions) {
    }

    /**
     * The same, for a trainer whose predictions cost something to produce (a transpose): the
     * listener calls {@code predictions.get()} only for the epochs it draws. A trainer should
     * call this one, with one Supplier made once, not one per epoch.
     */
    default void epoch(int epoch, double loss, Supplier<DMatrixRMaj> predictions) {
        epoch(epoch, loss, predictions.get());
    }

    /** Training ended (finished, cancelled or failed). */
    default void finished(Run run) {
    }

    /**
     * One listener that calls {@code first} then {@code second}; either may be null. train uses
     * it to call the live window's listener and a host's ({@code Settings.trainingListener()}).
     */
    static TrainingListener both(TrainingListener first, TrainingListener second) {
        if (first == null && second == null) return new TrainingListener() {
        };
        if (first == null) return second;
        if (second == null) return first;
        return new TrainingListener() {
            @Override
            public void started(Run run) {
                first.started(run);
                second.started(run);
            }

            @Override
            public void epoch(int epoch, double loss, DMatrixRMaj predictions) {
                first.epoch(epoch, loss, predictions);
                second.epoch(epoch, loss, predictions);
            }

            @Override
            public void finished(Run run) {
                first.finished(run);
                second.finished(run);
            }
        };
    }
}
