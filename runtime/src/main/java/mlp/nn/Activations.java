package mlp.nn;

import java.util.ArrayList;
import java.util.List;

/**
 * The one list of activations. The language registers each as a built-in (a layer and a
 * function), model files read them back by name, and the README's reference and the REPL's
 * completion come from there: adding an activation is a class and a line here.
 */
public final class Activations {
    private Activations() {
    }

    public static final List<Activation> ALL = List.of(
            Activation.RELU,
            Activation.SIGMOID,
            Activation.TANH,
            Activation.LEAKY_RELU,
            Activation.SOFTMAX,
            Activation.IDENTITY,
            new Gelu(),
            new Elu(),
            new Softplus(),
            new Silu());

    /** The activation of this name, or null. */
    public static Activation named(String name) {
        for (Activation a : ALL) if (a.name().equals(name)) return a;
        return null;
    }

    public static List<String> names() {
        List<String> out = new ArrayList<>();
        for (Activation a : ALL) out.add(a.name());
        return out;
    }
}
