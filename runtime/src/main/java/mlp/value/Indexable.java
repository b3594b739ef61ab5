package mlp.value;

/** A value with numbered items, {@code v[i]}: a list, a stack of layers. Negative i counts from the end. */
public interface Indexable extends Value {
    int length();

    /** The item at 0 <= i < length(). */
    Value item(int i);
}
