package mlp.value;

/**
 * A value with rows and columns that {@code v[rows, cols]} slices without being a {@link Tensor}
 * (a module's distributed tensor). Only slices are asked of it; a single element is refused.
 */
public interface Sliceable extends Value {
    long rows();

    int cols();

    /** Rows [r0, r1) and columns [c0, c1), already clipped to the value's size. */
    Value slice(long r0, long r1, int c0, int c1);
}
