package mlp.nn;

import mlp.autograd.Node;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * What a layer needs to know while it builds its part of a computation: training or inference
 * mode, and how its parameters enter the graph. In training mode each parameter becomes one
 * variable node (shared by every use of the layer, so gradients add up); in inference mode a
 * constant, so an eager call tracks no gradient for the weights.
 */
public final class Graph {
    private final boolean training;
    private final boolean tracking; // inference mode with parameters as variables: grad(f, model)
    private final boolean compiled; // built once into a plan that is re-run (training, or a run's validation and regions)
    private final Random random;
    private final Map<Param, Node> nodes = new IdentityHashMap<>();
    private BatchNormTraining batchNorms; // null: each batch norm normalises with its own batch's statistics
    private final List<Param> order = new ArrayList<>();

    private Graph(boolean training, Random random, boolean tracking, boolean compiled) {
        this.training = training;
        this.random = random;
        this.tracking = tracking;
        this.compiled = compiled;
    }

    /** Inference mode: batch norm uses its running statistics, dropout does nothing. */
    public static Graph inference() {
        return new Graph(false, null, false, false);
    }

    /**
     * Inference mode for a graph built once and re-run as the parameters change (a run's
     * validation loss and decision regions): what a layer computes must stay nodes of the
     * graph, never values worked out once while it is built.
     */
    public static Graph compiledInference() {
        return new Graph(false, null, false, true);
    }

    /** Training mode: batch statistics, dropout masks drawn from {@code random}. */
    public static Graph training(Random random) {
        return new Graph(true, random, false, true);
    }

    /**
     * Inference mode with the parameters as variables of this one graph (these first, in this
     * order), so that their gradients can be taken: {@code grad(f, model)} has every model f
     * applies build on it.
     */
    public static Graph tracking(java.util.List<Param> first) {
        Graph g = new Graph(false, null, true, false);
        for (Param p : first) g.param(p);
        return g;
    }

    /**
     * How a batch norm trains when its batch is spread over several machines (a cluster's
     * synchronous batch norm): the node it builds instead of {@link mlp.autograd.LayerOps#batchNormTrain}.
     */
    public interface BatchNormTraining {
        Node build(BatchNorm layer, Node x, Node weight, Node bias);
    }

    /** This training graph, its batch norms built by {@code b}. */
    public Graph withBatchNorms(BatchNormTraining b) {
        batchNorms = b;
        return this;
    }

    BatchNormTraining batchNorms() {
        return batchNorms;
    }

    public boolean training() {
        return training;
    }

    /** Whether this graph is built once into a plan and re-run (training, or compiled inference). */
    public boolean compiled() {
        return compiled;
    }

    public Random random() {
        return random;
    }

    /** The node standing for a parameter in this graph. */
    public Node param(Param p) {
        if (!training && !tracking) return Node.constant(p.value);
        Node n = nodes.get(p);
        if (n == null) {
            n = Node.variable(p.value);
            nodes.put(p, n);
            order.add(p);
        }
        return n;
    }

    /** The variable node of a parameter used in this (training) graph, or null. */
    public Node nodeOf(Param p) {
        return nodes.get(p);
    }
}
