/**
 * Layers and models: {@link mlp.nn.Layer} and its kinds ({@link mlp.nn.Linear},
 * {@link mlp.nn.Activation}, {@link mlp.nn.Residual}, {@link mlp.nn.BatchNorm},
 * {@link mlp.nn.Dropout}, {@link mlp.nn.Stack}), how parameters start ({@link mlp.nn.Init}) and
 * the summary table ({@link mlp.nn.Summary}). Nothing here knows the language: {@code |>}, calls
 * and the built-ins that make layers are its adapters in {@code mlp.eval}; model files are in
 * {@code mlp.io}.
 *
 * <p>A layer is a value: applied to a tensor ({@code model(X)}) it runs in inference mode; inside
 * {@code train} it is built into a training graph by {@link mlp.nn.Layer#forward} with a
 * {@link mlp.nn.Graph} in training mode. Parameters ({@link mlp.nn.Param}) are matrices updated in
 * place, never replaced. Widths left out are resolved in place the first time they become known.
 */
package mlp.nn;
