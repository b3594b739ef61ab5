package mlp.nn;

import mlp.MlpError;
import mlp.syntax.Pos;
import mlp.value.Value;

/** {@code a |> b} where a is not a tensor: joining layers into a stack. */
public final class Pipelines {
    private Pipelines() {
    }

    public static Value pipe(Value left, Value right, Pos leftPos, Pos rightPos) {
        throw new MlpError("layers are not implemented yet", rightPos);
    }
}
