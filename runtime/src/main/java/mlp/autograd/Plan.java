package mlp.autograd;

import org.ejml.data.DMatrixRMaj;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A graph put in order once: the nodes a result depends on, inputs before users. Re-running
 * {@link #forward()} recomputes every value in place (after the caller has written new data into
 * the leaves' buffers); {@link #backward()} fills the gradients in reverse order. Neither
 * allocates a buffer: only a pass over a large tensor that is split over the cores makes a few
 * small objects to hand out its blocks ({@link mlp.tensor.Parallel}).
 */
public final class Plan {
    private final Node output;
    private final Node[] order;      // topological: every node after its inputs
    private final Runnable[] forwards;
    private final Node[] backwardOrder; // nodes with a gradient, outputs before inputs
    private final Node[] leaves;        // variables: their gradients are cleared at the start of a pass

    public Plan(Node output) {
        this.output = output;
        List<Node> sorted = new ArrayList<>();
        visit(output, new HashSet<>(), sorted);
        order = sorted.toArray(new Node[0]);
        List<Runnable> f = new ArrayList<>();
        List<Node> b = new ArrayList<>();
        List<Node> l = new ArrayList<>();
        for (Node n : order) {
            if (n.forwardStep() != null) f.add(n.forwardStep());
            if (n.requiresGrad()) {
                n.grad(); // allocate now, not in the loop
                if (n.inputs().length == 0) l.add(n);
            }
        }
        for (int i = order.length - 1; i >= 0; i--)
            if (order[i].requiresGrad() && order[i].inputs().length > 0) {
                order[i].clearGradLazily();
                b.add(order[i]);
            }
        forwards = f.toArray(new Runnable[0]);
        backwardOrder = b.toArray(new Node[0]);
        leaves = l.toArray(new Node[0]);
    }

    // iterative depth-first post-order: deep graphs must not overflow the Java stack
    private static void visit(Node root, Set<Node> seen, List<Node> out) {
        List<Node> stack = new ArrayList<>();
        List<Integer> next = new ArrayList<>();
        stack.add(root);
        next.add(0);
        seen.add(root);
        while (!stack.isEmpty()) {
            int top = stack.size() - 1;
            Node n = stack.get(top);
            int i = next.get(top);
            if (i < n.inputs().length) {
                next.set(top, i + 1);
                Node in = n.inputs()[i];
                if (seen.add(in)) {
                    stack.add(in);
                    next.add(0);
                }
            } else {
                out.add(n);
                stack.remove(top);
                next.remove(top);
            }
        }
    }

    public Node output() {
        return output;
    }

    /** Every node, inputs first. */
    public List<Node> nodes() {
        return List.of(order);
    }

    public void forward() {
        for (Runnable r : forwards) r.run();
    }

    // In parts, for a computation that must pause between nodes (a cluster's synchronous batch
    // norm gathers every partition's statistics before its node runs): positions are those of nodes().

    /** Runs the forward steps of the nodes at positions [from, to). */
    public void forward(int from, int to) {
        for (int i = from; i < to; i++) {
            Runnable r = order[i].forwardStep();
            if (r != null) r.run();
        }
    }

    /** Starts a backward pass in parts: clears the leaves' gradients and seeds the output's with {@code seed}. */
    public void backwardStart(double seed) {
        for (Node n : leaves) n.clearGradLazily();
        DMatrixRMaj s = output.grad();
        java.util.Arrays.fill(s.data, 0, s.getNumElements(), seed);
    }

    /** Runs the backward steps of the nodes at positions [from, to), the highest first (as {@link #backward()}). */
    public void backward(int from, int to) {
        for (int i = to - 1; i >= from; i--) {
            Node n = order[i];
            if (!n.requiresGrad() || n.inputs().length == 0) continue;
            Runnable step = n.backwardStep();
            if (step != null) step.run();
            n.clearGradLazily();
        }
    }

    /**
     * Seeds the output's gradient with ones and runs the backward steps, outputs first; the
     * leaves' (parameters') gradients are cleared first and hold the result afterwards.
     *
     * <p>An inner node's gradient is cleared right after its own backward step has passed it on,
     * so it starts the next pass at zero. Clearing is lazy ({@link Node#clearGradLazily()}): the
     * step that first contributes to a gradient in the next pass writes it whole when it can,
     * instead of a pass of zeros and a pass adding to them.
     */
    public void backward() {
        for (Node n : leaves) n.clearGradLazily();
        DMatrixRMaj seed = output.grad();
        java.util.Arrays.fill(seed.data, 0, seed.getNumElements(), 1.0);
        for (Node n : backwardOrder) {
            Runnable step = n.backwardStep();
            if (step != null) step.run();
            n.clearGradLazily();
        }
    }
}
