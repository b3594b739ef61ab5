package mlp.eval;

import mlp.nn.Activation;
import mlp.nn.Activations;
import mlp.value.Num;
import mlp.value.Tensor;
import mlp.value.Value;

/**
 * An activation called as a function: {@code relu(z1)}, {@code sigmoid(0.5)}. A registered
 * activation with a setting is also the maker of others: {@code leaky_relu(0.2)} is a layer,
 * {@code leaky_relu(X)} applies the default slope.
 */
final class ActivationCall extends Calls.PartCall {
    /** The x of every activation called as a function ({@code relu(x)}), checked once. */
    private static final Param X = Param.of("x", Activations.ALL.stream()
            .map(a -> Signature.of(a.name() + "(x)")).toArray(Signature[]::new));

    private final Activation activation;

    ActivationCall(Activation activation) {
        super(activation);
        this.activation = activation;
    }

    /** True for the registered activation of a setting ({@code leaky_relu}), which makes others. */
    private boolean maker() {
        return activation.settingName() != null && Activations.ALL.contains(activation);
    }

    @Override
    public Value call(Args args) {
        String sig = signature();
        if (maker()) {
            Param setting = Param.of(activation.settingName(), Signature.of(sig)); // the signature is made from it
            Value v = args.bind(Signature.of(sig)).get(setting);
            if (v instanceof Num n) {
                if (!Double.isFinite(n.value())) throw args.error(setting, sig + ": " + setting + " must be a finite number");
                return activation.withSetting(n.value());
            }
            if (v instanceof Tensor t) return new Tensor(activation.onRows(t.node()));
            throw args.error(setting, sig + ": " + setting + " must be a number (or apply it to a tensor), not " + Interpreter.describe(v));
        }
        Value v = args.bind(Signature.of(sig)).get(X);
        if (v instanceof Num n) return new Num(activation.apply(n.value()));
        if (v instanceof Tensor t) return new Tensor(activation.onRows(t.node()));
        throw args.error(X, sig + ": x must be a tensor or a number, not " + Interpreter.describe(v));
    }

    @Override
    public String signature() {
        return maker() ? activation.signature() : activation.name() + "(x)";
    }
}
