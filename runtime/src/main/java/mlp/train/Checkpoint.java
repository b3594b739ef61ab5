package mlp.train;

import mlp.nn.Layer;
import org.ejml.data.DMatrixRMaj;


/**
 * A model's state (its parameters and batch norms' running statistics) saved at the start of the
 * last two training steps, in buffers allocated once: when a step makes the loss nan or infinite,
 * the model goes back to the last state that gave a finite loss; when training is cancelled in
 * the middle of a step, back to where that step started. A trained model stays trained.
 */
final class Checkpoint {
    private final DMatrixRMaj[] state;   // the model's own matrices, written in place by training
    private DMatrixRMaj[] current;        // as they were when the step now running started
    private DMatrixRMaj[] previous;       // as they were when the step before it started
    private long steps;                   // steps started

    Checkpoint(Layer model) {
        state = model.state().toArray(new DMatrixRMaj[0]);
        current = copies(state);
        previous = copies(state);
    }

    private static DMatrixRMaj[] copies(DMatrixRMaj[] m) {
        DMatrixRMaj[] out = new DMatrixRMaj[m.length];
        for (int i = 0; i < m.length; i++) out[i] = m[i].copy();
        return out;
    }

    /** Called as a step starts (before its forward pass). */
    void stepStarts() {
        DMatrixRMaj[] t = previous;
        previous = current;
        current = t;
        steps++;
        for (int i = 0; i < state.length; i++) System.arraycopy(state[i].data, 0, current[i].data, 0, state[i].getNumElements());
    }

    /** The model as it was when the running step started: a step cut short leaves no trace. */
    void undoRunningStep() {
        copy(current);
    }

    /**
     * The model as it was when the step before the running one started: the running step's loss
     * was not finite, so the previous step made the parameters bad.
     */
    void undoLastStep() {
        copy(steps >= 2 ? previous : current);
    }

    private void copy(DMatrixRMaj[] from) {
        for (int i = 0; i < state.length; i++) System.arraycopy(from[i].data, 0, state[i].data, 0, state[i].getNumElements());
    }
}
