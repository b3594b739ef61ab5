package mlp.eval;

import mlp.MlpError;
import mlp.value.Value;

/** A function of the standard library: its signature, its help text and what it does. */
public final class Builtin implements Callable {
    @FunctionalInterface
    public interface Impl {
        Value apply(Args args);
    }

    private final Signature signature;
    private final Impl impl;
    private boolean differentiable;

    public Builtin(String signature, Impl impl) {
        this(Signature.of(signature), impl);
    }

    public Builtin(Signature signature, Impl impl) {
        this.signature = signature;
        this.impl = impl;
    }

    public Signature sig() {
        return signature;
    }

    /**
     * Marks this built-in as one that records gradients (its tensor results are autograd nodes
     * of its tensor arguments), so it may be used inside grad(f, x), a function layer or a loss.
     */
    public Builtin differentiable() {
        differentiable = true;
        return this;
    }

    public boolean isDifferentiable() {
        return differentiable;
    }

    @Override
    public Value call(Args args) {
        if (!differentiable) refuseTracked(args);
        return impl.apply(args.bind(signature));
    }

    /**
     * A built-in without a gradient given a tensor whose gradient is wanted would compute a
     * value the gradient (and a compiled training graph) cannot follow: an error naming it.
     */
    private void refuseTracked(Args args) {
        for (int i = 0; i < args.positionalCount(); i++)
            if (Operators.tracked(args.positional(i))) throw noGradient(args.positionalPos(i));
        for (int i = 0; i < args.namedNames().size(); i++)
            if (Operators.tracked(args.named(i))) throw noGradient(args.namedPos(i));
    }

    private MlpError noGradient(mlp.syntax.Pos at) {
        return new MlpError(signature.name() + " has no gradient: it cannot be used on the input of grad(f, x), of a"
                + " function layer or of a loss (only on data that does not depend on it)", at);
    }

    @Override
    public String signature() {
        return signature.toString();
    }

    @Override
    public String kind() {
        return "function";
    }

    @Override
    public String toString() {
        return "<function " + signature + ">";
    }
}
