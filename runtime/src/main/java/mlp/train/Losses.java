package mlp.train;

import mlp.value.Str;
import mlp.value.Value;

import java.util.ArrayList;
import java.util.List;

/**
 * The one list of losses. The language registers each as a built-in, {@code train}'s error
 * message names them from here ("loss must be one of ..."), and so do the README's reference
 * and the REPL's completion: adding a loss is a class and a line here.
 */
public final class Losses {
    private Losses() {
    }

    public static final List<Loss> ALL = List.of(
            new Mse(),
            new Mae(),
            new Bce(),
            new CrossEntropy(),
            new Huber(),
            new BceLogits());

    /** The loss a value names ({@code mse}, or the string "mse"), or null. */
    public static Loss of(Value v) {
        if (v instanceof Loss l) return l;
        if (v instanceof Str s) return named(s.value());
        return null;
    }

    public static Loss named(String name) {
        for (Loss l : ALL) if (l.name().equals(name)) return l;
        return null;
    }

    /** "mse, mae, bce or cross_entropy". */
    public static String names() {
        List<String> n = new ArrayList<>();
        for (Loss l : ALL) n.add(l.name());
        return n.size() == 1 ? n.get(0) : String.join(", ", n.subList(0, n.size() - 1)) + " or " + n.get(n.size() - 1);
    }
}
