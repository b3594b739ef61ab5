package mlp.train;

import mlp.value.Value;

/**
 * Predictions a metric cannot hold as one tensor (a module's distributed tensor):
 * {@code mse(P, y)}, {@code mae(P, y)}, {@code accuracy(P, labels)} ask it to reduce itself
 * where its rows are.
 */
public interface Scorable extends Value {
    /** The loss of these predictions against y (the same kind of value); a plain error when they do not match. */
    double loss(Loss loss, Value y);

    /** The fraction of rows whose predicted class is their label (see {@code accuracy}). */
    double accuracy(Value labels);
}
