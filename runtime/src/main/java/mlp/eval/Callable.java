package mlp.eval;

import mlp.value.Value;

/** A value that can be called: a built-in, a lambda, a layer, a loss. */
public interface Callable extends Value {
    Value call(Args args);

    /** How it is shown in messages, e.g. {@code linspace(a, b, n)} or {@code lambda (x)}. */
    String signature();
}
