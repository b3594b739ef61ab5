package mlp.train;

import mlp.nn.Layer;
import mlp.value.Value;

/**
 * Inputs X that {@code train(model, X, y)} cannot hold as one tensor (a module's distributed
 * tensor): the trainer asks them for a {@link GradientSource} and runs its usual loop over it.
 */
public interface TrainingRows extends Value {
    long rows();

    int cols();

    /**
     * A source of losses and gradients of {@code model} (already resolved for these columns)
     * and {@code loss} over these rows against the targets {@code y}; {@code batch} rows per
     * step, or all rows (0); the host's random generator seeds the shuffles and its stop flag
     * cancels the work under way. Mismatched targets are a plain MlpError naming y.
     */
    GradientSource gradients(Value y, Layer model, Loss loss, int batch, Trainer.Host host);

    /**
     * These rows as a validation set ({@code val=[Xv, yv]}): the loss of {@code model} (resolved)
     * against the targets {@code y}, computed where the rows are. Mismatched targets are a plain
     * MlpError naming yv.
     */
    ValidationSource validation(Value y, Layer model, Loss loss, Trainer.Host host);
}
