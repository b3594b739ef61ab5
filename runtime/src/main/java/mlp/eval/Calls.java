package mlp.eval;

import mlp.MlpError;
import mlp.nn.Activation;
import mlp.nn.Layer;
import mlp.train.Loss;
import mlp.train.Optimizer;
import mlp.value.Value;

/**
 * How the language calls a value. Built-ins and lambdas are {@link Callable}s themselves; the
 * model's parts (layers, activations, losses, optimizers) know nothing of the language, and are
 * called through the adapters here: {@code model(X)}, {@code relu(z)}, {@code mse(pred, y)},
 * {@code adam(lr=0.01)}.
 */
public final class Calls {
    private Calls() {
    }

    /** The value as something callable, or null when it cannot be called. */
    public static Callable callable(Value v) {
        if (v instanceof Callable c) return c;
        if (v instanceof Activation a) return new ActivationCall(a);
        if (v instanceof Layer l) return new LayerCall(l);
        if (v instanceof Loss l) return new LossCall(l);
        if (v instanceof Optimizer o) return new OptimizerCall(o);
        return null;
    }

    /** The value as something callable, or the error "... cannot be called like a function". */
    static Callable callable(Value v, mlp.syntax.Pos at) {
        Callable c = callable(v);
        if (c == null) throw new MlpError(Interpreter.describe(v) + " cannot be called like a function", at);
        return c;
    }

    /** The base of the adapters: a callable that stands for a part (its kind and text are the part's). */
    abstract static class PartCall implements Callable {
        final Value part;

        PartCall(Value part) {
            this.part = part;
        }

        @Override
        public String kind() {
            return part.kind();
        }

        @Override
        public String toString() {
            return part.toString();
        }
    }
}
