package mlp.eval;

import mlp.value.Value;

/** A value that can be called: a built-in, a lambda, a layer, a loss. */
public interface Callable extends Value {
    Value call(Args args);

    /** How it is shown in messages, e.g. {@code linspace(a, b, n)} or {@code lambda (x)}. */
    String signature();

    /** How many positional arguments it takes, or -1 when that varies (built-ins). */
    default int arity() {
        return -1;
    }

    /** Where it was written (a lambda), or null. */
    default mlp.syntax.Pos definedAt() {
        return null;
    }
}
