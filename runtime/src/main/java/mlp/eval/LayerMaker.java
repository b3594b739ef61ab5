package mlp.eval;

import mlp.nn.Layer;
import mlp.value.Pipeable;
import mlp.value.Value;

import java.util.function.Supplier;

/**
 * A built-in that makes layers and may also stand bare in a pipeline: {@code residual},
 * {@code batchnorm}, {@code dropout}. Called, it is a function ({@code residual(8)}); piped,
 * it makes a fresh layer of its default form each time ({@code ... |> batchnorm |> ...}), whose
 * width comes from the layer before. It is shared by every interpreter, so it holds no layer.
 */
public final class LayerMaker implements Callable, Pipeable {
    private final Builtin function;
    private final Supplier<Layer> bare;

    public LayerMaker(Builtin function, Supplier<Layer> bare) {
        this.function = function;
        this.bare = bare;
    }

    /** A new layer as the bare name means it. */
    public Layer fresh() {
        return bare.get();
    }

    public String name() {
        return function.sig().name();
    }

    @Override
    public Value call(Args args) {
        return function.call(args);
    }

    @Override
    public String signature() {
        return function.signature();
    }

    @Override
    public String kind() {
        return "layer";
    }

    @Override
    public String toString() {
        return "<layer " + name() + ", or the function " + function.signature() + ">";
    }
}
