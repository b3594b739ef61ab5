/**
 * Reverse-mode automatic differentiation over EJML matrices.
 *
 * <p>A {@link mlp.autograd.Node} holds a value, a lazily allocated gradient, and two steps: a
 * forward step that recomputes the value in place from its inputs, and a backward step that
 * adds its gradient into its inputs' gradients. {@link mlp.autograd.Ops} are the operators of
 * the language (elementwise with broadcasting, {@code @}, transposes, reductions, slicing,
 * joining), {@link mlp.autograd.LayerOps} the fused layer operations (linear, batch norm,
 * softmax, leaky ReLU, dropout) and {@link mlp.autograd.LossOps} the losses; each keeps its
 * forward and backward side by side. A {@link mlp.autograd.Plan} orders a graph once and
 * re-runs it without allocating: {@code train} compiles a model into one and runs it every
 * epoch, {@code grad(f, x)} runs one backward pass.
 *
 * <p>Layer operations take activations feature-major (features × samples), see
 * {@link mlp.autograd.LayerOps}; the language's own operators work on tensors as users see them.
 */
package mlp.autograd;
