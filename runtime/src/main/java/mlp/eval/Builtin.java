package mlp.eval;

import mlp.value.Value;

/** A function of the standard library: its signature, its help text and what it does. */
public final class Builtin implements Callable {
    @FunctionalInterface
    public interface Impl {
        Value apply(Args args);
    }

    private final Signature signature;
    private final Impl impl;

    public Builtin(String signature, Impl impl) {
        this.signature = Signature.parse(signature);
        this.impl = impl;
    }

    public Signature sig() {
        return signature;
    }

    @Override
    public Value call(Args args) {
        return impl.apply(args.bind(signature));
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
