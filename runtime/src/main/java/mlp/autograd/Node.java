package mlp.autograd;

import org.ejml.data.DMatrixRMaj;

/**
 * One value in a computation: its matrix, the gradient of the result with respect to it, and the
 * two steps that relate it to its inputs (micrograd's idea over EJML matrices).
 *
 * <p>{@code forward} recomputes {@link #value} from the inputs' values in place and
 * {@code backward} adds this node's gradient into the inputs' gradients. Both write into buffers
 * allocated once when the node is built, so a compiled {@link Plan} can re-run a whole graph
 * every epoch without allocating. Evaluated eagerly (at the REPL), a node runs its forward once
 * when built and forgets its inputs unless a gradient is wanted.
 */
public final class Node {
    public final DMatrixRMaj value;
    private DMatrixRMaj grad;
    /**
     * The gradient is zero but its buffer still holds old numbers: see {@link #clearGradLazily()}.
     * Volatile, and the zeros written under a lock, because the blocks of a parallel pass
     * ({@link mlp.tensor.Parallel}) may each ask for the gradient on their own thread.
     */
    private volatile boolean gradCleared;
    private Node[] inputs;
    private Runnable forward;
    private Runnable backward;
    private final boolean requiresGrad;
    private final String label;
    /** The numbers an op is made with beyond its inputs (a reduction's dim, a slice's bounds): see {@link #params()}. */
    private double[] params;

    private Node(String label, DMatrixRMaj value, Node[] inputs, Runnable forward, boolean requiresGrad) {
        this.label = label;
        this.value = value;
        this.inputs = inputs;
        this.forward = forward;
        this.requiresGrad = requiresGrad;
    }

    /** A constant: data, no gradient. */
    public static Node constant(DMatrixRMaj value) {
        return new Node("constant", value, new Node[0], null, false);
    }

    /** A leaf whose gradient is wanted: a parameter, or the x of {@code grad(f, x)}. */
    public static Node variable(DMatrixRMaj value) {
        return new Node("variable", value, new Node[0], null, true);
    }

    /**
     * An operation node. {@code forward} must fill {@code out} from the inputs' values; it runs
     * once now. Attach the backward step with {@link #backward(Runnable)}.
     */
    public static Node op(String label, DMatrixRMaj out, Runnable forward, Node... inputs) {
        boolean wants = false;
        for (Node in : inputs) wants |= in.requiresGrad;
        Node n = new Node(label, out, inputs, forward, wants);
        forward.run();
        return n;
    }

    /**
     * An operation that records a gradient whatever its inputs (see {@link Ops#traced}): what a
     * user's function computes from it is built as nodes, never evaluated eagerly, so a compiled
     * {@link Plan} re-runs it. Runs once now, like {@link #op}.
     */
    public static Node traced(String label, DMatrixRMaj out, Runnable forward, Node... inputs) {
        Node n = new Node(label, out, inputs, forward, true);
        forward.run();
        return n;
    }

    /**
     * An operation whose forward step has side effects (batch norm's running statistics, dropout's
     * random mask): unlike {@link #op} it does not run when built, only when a {@link Plan} runs
     * it, so building a training graph changes no state.
     */
    public static Node stateful(String label, DMatrixRMaj out, Runnable forward, Node... inputs) {
        boolean wants = false;
        for (Node in : inputs) wants |= in.requiresGrad;
        return new Node(label, out, inputs, forward, wants);
    }

    /** Sets the backward step (adds into the inputs' {@link #grad()}); kept only when a gradient is wanted. */
    public Node backward(Runnable step) {
        if (requiresGrad) this.backward = step;
        return this;
    }

    public boolean requiresGrad() {
        return requiresGrad;
    }

    public String label() {
        return label;
    }

    Node[] inputs() {
        return inputs;
    }

    /** The inputs it was computed from (none for a leaf, or once detached), for tools that read a graph. */
    public java.util.List<Node> arguments() {
        return java.util.List.of(inputs);
    }

    /**
     * Records the numbers this op was made with besides its inputs, so that a tool reading the
     * graph (ONNX export of a function layer) knows what the op is from its {@link #label()} and
     * these, not from its code: a reduction's dim, a slice's bounds, picked positions, a slope.
     */
    public Node params(double... params) {
        this.params = params;
        return this;
    }

    /** What {@link #params(double...)} recorded (empty when nothing was). */
    public double[] params() {
        return params == null ? new double[0] : params.clone();
    }

    Runnable forwardStep() {
        return forward;
    }

    Runnable backwardStep() {
        return backward;
    }

    /** The gradient buffer, allocated (as zeros) on first use. */
    public DMatrixRMaj grad() {
        if (grad == null) grad = new DMatrixRMaj(value.numRows, value.numCols);
        else if (gradCleared) writeZeros();
        return grad;
    }

    private synchronized void writeZeros() {
        if (!gradCleared) return; // another thread's block wrote them first
        grad.zero();
        gradCleared = false;
    }

    /**
     * Makes the gradient zero without writing it yet (a {@link Plan} clears every gradient once a
     * pass): the zeros are written when {@link #grad()} is next asked for, unless a backward step
     * {@link #claimGrad() claims} the gradient first and sets every element itself. A step that
     * would add its contribution to zeros then writes it once instead of clearing and adding.
     */
    void clearGradLazily() {
        if (grad != null) gradCleared = true;
    }

    /**
     * True when the gradient is zero since it was {@linkplain #clearGradLazily() cleared} and no
     * step has written it yet: the caller must then set every element of {@link #grad()} (the
     * first contribution), not add to it. False: add to it as usual.
     */
    boolean claimGrad() { // called by a step before it splits its pass: on one thread
        if (!gradCleared) return false;
        gradCleared = false;
        return true;
    }

    public boolean hasGrad() {
        return grad != null;
    }

    public void zeroGrad() {
        if (grad != null) grad.zero();
        gradCleared = false;
    }

    /**
     * Forgets how this node was computed when nothing will ever ask for its gradient, so that a
     * long REPL session does not keep every intermediate matrix alive.
     */
    public Node detachIfConstant() {
        if (!requiresGrad) {
            inputs = new Node[0];
            forward = null;
            backward = null;
        }
        return this;
    }

    public int rows() {
        return value.numRows;
    }

    public int cols() {
        return value.numCols;
    }
}
