package mlp.value;

/**
 * A value that can stand in a {@code |>} pipeline of layers: a layer, a stack, or a built-in
 * that doubles as a layer ({@code relu}, {@code residual}, {@code batchnorm}). {@code a |> b}
 * of two pipeables builds a stack (see {@code mlp.eval.Pipelines}).
 */
public interface Pipeable extends Value {
}
