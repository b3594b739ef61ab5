package mlp.train;

import mlp.value.Str;
import mlp.value.Value;

import java.util.ArrayList;
import java.util.List;

/**
 * The one list of optimizers, at their default settings. The language registers each as a
 * built-in, and {@code train}'s error message, the README's reference and the REPL's completion
 * name them from here: adding an optimizer is a class and a line here.
 */
public final class Optimizers {
    private Optimizers() {
    }

    public static final List<Optimizer> ALL = List.of(
            new Adam(),
            new Sgd(),
            new AdamW(),
            new RmsProp());

    /** The optimizer a value names ({@code adam}, {@code adam(lr=0.1)}, or the string "adam"), or null. */
    public static Optimizer of(Value v) {
        if (v instanceof Optimizer o) return o;
        if (v instanceof Str s) for (Optimizer o : ALL) if (o.name().equals(s.value())) return o;
        return null;
    }

    /** "adam or sgd (or adam(...), sgd(...))". */
    public static String names() {
        List<String> n = new ArrayList<>(), called = new ArrayList<>();
        for (Optimizer o : ALL) {
            n.add(o.name());
            called.add(o.name() + "(...)");
        }
        String bare = n.size() == 1 ? n.get(0) : String.join(", ", n.subList(0, n.size() - 1)) + " or " + n.get(n.size() - 1);
        return bare + " (or " + String.join(", ", called) + ")";
    }
}
