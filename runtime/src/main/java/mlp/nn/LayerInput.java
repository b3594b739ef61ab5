package mlp.nn;

import mlp.value.Value;

/**
 * An input a layer cannot hold as one tensor (a module's distributed tensor): {@code model(D)}
 * hands the model to it, and it applies the model where its rows are.
 */
public interface LayerInput extends Value {
    /** The model's predictions for these rows (the model is resolved for their width first). */
    Value predictedBy(Layer model, java.util.Random random);
}
