package mlp.eval;

import mlp.nn.Activation;
import mlp.value.Num;
import mlp.value.Tensor;
import mlp.value.Value;

/**
 * An activation called as a function: {@code relu(z1)}, {@code sigmoid(0.5)}. A bare
 * {@code leaky_relu} is also the maker of other slopes: {@code leaky_relu(0.2)} is a layer,
 * {@code leaky_relu(X)} applies the default slope.
 */
final class ActivationCall extends Calls.PartCall {
    private static final Signature LEAKY = Signature.parse("leaky_relu(slope)");

    private final Activation activation;

    ActivationCall(Activation activation) {
        super(activation);
        this.activation = activation;
    }

    @Override
    public Value call(Args args) {
        if (activation == Activation.LEAKY_RELU) {
            Value v = args.bind(LEAKY).get("slope");
            if (v instanceof Num n) {
                if (!Double.isFinite(n.value())) throw args.error("slope", "leaky_relu(slope): slope must be a finite number");
                return Activation.leaky(n.value());
            }
            if (v instanceof Tensor t) return new Tensor(activation.onRows(t.node()));
            throw args.error("slope", "leaky_relu(slope): slope must be a number (or apply it to a tensor), not " + Interpreter.describe(v));
        }
        Value v = args.bind(Signature.of(signature())).get("x");
        if (v instanceof Num n) return new Num(activation.apply(n.value()));
        if (v instanceof Tensor t) return new Tensor(activation.onRows(t.node()));
        throw args.error("x", signature() + ": x must be a tensor or a number, not " + Interpreter.describe(v));
    }

    @Override
    public String signature() {
        return activation == Activation.LEAKY_RELU ? "leaky_relu(slope)" : activation.name() + "(x)";
    }
}
