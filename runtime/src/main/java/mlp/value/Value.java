package mlp.value;

/**
 * Every value of the language: number, tensor, string, boolean, list, function, layer, run,
 * chart, and the values that name options ({@code adam}, {@code mse}, {@code xavier}).
 */
public interface Value {
    /** What a user calls this kind of value, for messages and {@code :vars}: "tensor", "layer", ... */
    String kind();

    /** How it shows as an item of a printed list (a layer: one line, not its summary table). */
    default String inList() {
        return toString();
    }
}
