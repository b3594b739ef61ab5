package mlp.io.onnx;

import mlp.MlpError;
import mlp.io.onnx.OnnxGraph.Match;
import mlp.io.onnx.OnnxGraph.Node;
import mlp.io.onnx.proto.Onnx.GraphProto;
import mlp.io.onnx.proto.Onnx.ModelProto;
import mlp.io.onnx.proto.Onnx.OperatorSetIdProto;
import mlp.io.onnx.proto.Onnx.TensorProto;
import mlp.io.onnx.proto.Onnx.TensorShapeProto;
import mlp.io.onnx.proto.Onnx.ValueInfoProto;
import mlp.nn.Layer;
import mlp.nn.Stack;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * An ONNX model to an mlp model. The graph is read as a chain from its input to its output: at
 * each value, the nodes that read it must form one of the layer forms of {@link OnnxForms}, or an
 * {@code Add} of the value and a chain started from it (a residual block). Anything else is an
 * error naming the node that does not fit.
 */
final class OnnxReader {
    private final OnnxGraph graph;
    private final String output;

    private OnnxReader(OnnxGraph graph, String output) {
        this.graph = graph;
        this.output = output;
    }

    static Layer read(ModelProto file) {
        if (!file.hasGraph()) throw new MlpError("it has no graph (not an ONNX model?)");
        checkOpsets(file);
        GraphProto g = file.getGraph();
        Set<String> initializers = new HashSet<>();
        for (TensorProto t : g.getInitializerList()) initializers.add(t.getName());
        List<ValueInfoProto> inputs = new ArrayList<>();
        for (ValueInfoProto v : g.getInputList()) if (!initializers.contains(v.getName())) inputs.add(v);
        if (inputs.size() != 1)
            throw new MlpError("the graph has " + inputs.size() + " inputs; mlp reads models of one input (a batch of rows)");
        if (g.getOutputCount() != 1)
            throw new MlpError("the graph has " + g.getOutputCount() + " outputs; mlp reads models of one output");
        ValueInfoProto in = inputs.get(0);
        int width = inputWidth(in);
        OnnxGraph graph = new OnnxGraph(g, in.getName());
        String out = g.getOutput(0).getName();
        if (!graph.isData(out) && !out.equals(in.getName()))
            throw new MlpError("the graph's output '" + OnnxFiles.clip(out) + "' does not depend on its input");
        List<Layer> layers = new OnnxReader(graph, out).chain(in.getName(), out, new HashSet<>());
        if (layers.isEmpty()) layers.add(mlp.nn.Activation.IDENTITY);
        Stack model = new Stack(layers);
        int first = model.inWidth();
        if (width > 0 && first > 0 && first != width)
            throw new MlpError("the graph's input has " + width + " columns, but its first layer " + model.describe() + " takes " + first);
        if (width > 0 && first < 0) model.resolve(width, null, Layer.Given.LAYER_BEFORE);
        return model;
    }

    private static void checkOpsets(ModelProto model) {
        for (OperatorSetIdProto o : model.getOpsetImportList()) {
            boolean standard = o.getDomain().isEmpty() || o.getDomain().equals("ai.onnx");
            if (standard && (o.getVersion() < 7 || o.getVersion() > 25))
                throw new MlpError("it uses ONNX opset " + o.getVersion() + "; mlp reads opsets 7 to 25");
        }
    }

    /** The input's width when the file gives it, -1 when symbolic; an input that is not a 2-D float tensor is an error. */
    private static int inputWidth(ValueInfoProto in) {
        String name = "the graph's input '" + OnnxFiles.clip(in.getName()) + "'";
        if (!in.getType().hasTensorType()) throw new MlpError(name + " is not a tensor");
        int type = in.getType().getTensorType().getElemType();
        if (type != TensorProto.DataType.FLOAT.getNumber() && type != TensorProto.DataType.DOUBLE.getNumber())
            throw new MlpError(name + " holds " + OnnxGraph.typeName(type) + " numbers; mlp reads float32 and float64 models");
        if (!in.getType().getTensorType().hasShape()) return -1;
        List<TensorShapeProto.Dimension> dims = in.getType().getTensorType().getShape().getDimList();
        if (dims.size() != 2)
            throw new MlpError(name + " has " + dims.size() + " dimensions; mlp reads models of 2-D input (a batch of rows)");
        TensorShapeProto.Dimension w = dims.get(1);
        if (!w.hasDimValue()) return -1;
        if (w.getDimValue() < 1 || w.getDimValue() > Integer.MAX_VALUE)
            throw new MlpError(name + " has " + w.getDimValue() + " columns");
        return (int) w.getDimValue();
    }

    /** The layers taking value {@code from} to value {@code to}; {@code claimed}: the Adds of the residual blocks being read. */
    private List<Layer> chain(String from, String to, Set<Node> claimed) {
        List<Layer> layers = new ArrayList<>();
        String v = from;
        while (!v.equals(to)) {
            if (layers.size() >= Layer.MAX_LAYERS) throw new MlpError("the model is too large: more than " + Layer.MAX_LAYERS + " layers");
            Step step = step(v, claimed);
            if (step.layer != null) layers.add(step.layer);
            v = step.next;
        }
        return layers;
    }

    private record Step(Layer layer, String next) {
    }

    private Step step(String v, Set<Node> claimed) {
        List<Node> readers = new ArrayList<>();
        for (Node n : graph.consumers(v)) if (!claimed.contains(n)) readers.add(n);
        if (readers.isEmpty())
            throw new MlpError("the value '" + OnnxFiles.clip(v) + "' leads nowhere: no node reads it on the way to the output '"
                    + OnnxFiles.clip(output) + "'");
        Step best = null;
        int bestSize = 0;
        for (Node end : reachable(v, claimed))
            for (OnnxForms.Reading r : OnnxForms.READINGS) {
                Match mt = graph.match(r.expr(), end.output(), v, claimed);
                if (mt != null && mt.nodes().size() > bestSize) {
                    best = new Step(r.make().apply(mt), end.output());
                    bestSize = mt.nodes().size();
                }
            }
        if (best != null) return best;
        Node add = residualAdd(v, readers);
        if (add != null) {
            String other = add.input(0).equals(v) ? add.input(1) : add.input(0);
            Set<Node> inner = new HashSet<>(claimed);
            inner.add(add);
            List<Layer> layers = chain(v, other, inner);
            Layer stack = layers.size() == 1 ? layers.get(0) : new Stack(layers);
            return new Step(OnnxForms.residual(stack), add.output());
        }
        throw unreadable(v, readers);
    }

    /** How many nodes on from a value a layer's form may end (gelu's, with its erf, has about 90). */
    private static final int REACH = 200;

    /** The nodes a few steps on from v, where a layer form reading v may end. */
    private List<Node> reachable(String v, Set<Node> claimed) {
        List<Node> out = new ArrayList<>();
        Set<Node> seen = new HashSet<>();
        ArrayDeque<Node> todo = new ArrayDeque<>();
        for (Node n : graph.consumers(v)) if (!claimed.contains(n) && seen.add(n)) todo.add(n);
        while (!todo.isEmpty() && out.size() < REACH) {
            Node n = todo.poll();
            out.add(n);
            for (Node r : graph.consumers(n.output())) if (!claimed.contains(r) && seen.add(r)) todo.add(r);
        }
        return out;
    }

    /** The Add closing a residual block around v: of v and another value; the last such one, for blocks inside blocks. */
    private Node residualAdd(String v, List<Node> readers) {
        Node best = null;
        for (Node n : readers) {
            if (!n.op().equals("Add") || n.proto().getInputCount() != 2) continue;
            boolean first = n.input(0).equals(v), second = n.input(1).equals(v);
            if (first == second) continue;
            String other = first ? n.input(1) : n.input(0);
            if (!graph.isData(other)) continue;
            if (best == null || n.order() > best.order()) best = n;
        }
        return best;
    }

    /** Every op some form mlp reads is made of. */
    private static final Set<String> KNOWN_OPS = knownOps();

    private static Set<String> knownOps() {
        Set<String> ops = new HashSet<>();
        for (OnnxForms.Reading r : OnnxForms.READINGS) collectOps(r.expr(), ops);
        ops.add("Add"); // a residual block's
        return java.util.Collections.unmodifiableSet(ops);
    }

    private static void collectOps(mlp.nn.OnnxExpr e, Set<String> ops) {
        if (!(e instanceof mlp.nn.OnnxExpr.Op op)) return;
        ops.add(op.type());
        for (mlp.nn.OnnxExpr a : op.args()) collectOps(a, ops);
    }

    /** The error for a value whose readers fit no form: the first node of an op mlp never reads, else the first reader. */
    private MlpError unreadable(String v, List<Node> readers) {
        for (Node n : reachable(v, Set.of()))
            if (!KNOWN_OPS.contains(n.op()))
                return ofFunction(n) ? functionNode(n) : new MlpError(n.describe() + " is an op mlp cannot read; mlp reads " + OnnxForms.SUPPORTED);
        Node n = readers.get(0);
        return ofFunction(n) ? functionNode(n)
                : new MlpError(n.describe() + " does not fit any layer mlp knows (as it is used here); mlp reads " + OnnxForms.SUPPORTED);
    }

    /** A node mlp wrote for a function layer (named {@code function_0/...}). */
    private static boolean ofFunction(Node n) {
        return n.proto().getName().startsWith("function_");
    }

    private static MlpError functionNode(Node n) {
        return new MlpError(n.describe() + " belongs to a function layer mlp wrote: ONNX runtimes run it, but mlp does not read"
                + " a function back (save the layers around it on their own, and write the function again after load)");
    }
}
