package mlp.value;

/**
 * Every value of the language: number, tensor, string, boolean, list, function, layer, run,
 * chart, and the values that name options ({@code adam}, {@code mse}, {@code xavier}).
 */
public interface Value {
    /** What a user calls this kind of value, for messages and {@code :vars}: "tensor", "layer", ... */
    String kind();
}
