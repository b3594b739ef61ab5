package mlp.train;

import org.ejml.data.DMatrixRMaj;

/**
 * Where a training's losses and gradients come from when its rows are not a local tensor (a
 * module's distributed rows): the trainer keeps the model, the optimizer, the epochs, the
 * progress bar and the stops; the source only computes, for the parameters as they are now,
 * the mean loss and mean gradients of one step's rows.
 */
public interface GradientSource extends AutoCloseable {
    /** Optimizer steps per epoch: 1 for full batch, more for {@code batch=}. */
    int steps();

    /** The rows step {@code step} (0-based) of an epoch holds: the epoch's loss weighs its steps by them. */
    long rows(int step);

    /**
     * The mean loss over step {@code step} (0-based) of epoch {@code epoch} (1-based), with the
     * mean gradient of every parameter (in {@code model.params()} order) written into
     * {@code grads}.
     */
    double gradients(int epoch, int step, DMatrixRMaj[] grads);

    /** The training is over: release what the source holds (cached rows, broadcasts). */
    @Override
    void close();
}
