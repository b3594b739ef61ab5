package mlp.io.onnx;

import mlp.nn.OnnxExpr;

import mlp.MlpError;
import mlp.io.onnx.proto.Onnx.AttributeProto;
import mlp.io.onnx.proto.Onnx.GraphProto;
import mlp.io.onnx.proto.Onnx.NodeProto;
import mlp.io.onnx.proto.Onnx.TensorProto;
import mlp.tensor.Limits;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * An ONNX graph as the reader sees it: its constants (initializers, Constant nodes and Identity
 * copies of them, checked and converted to doubles), its nodes in an order where each comes after
 * what it reads (a cycle or a value read before anyone makes it is an error), who makes and who
 * reads each value, and {@link #match} to recognise an {@link OnnxExpr} in it.
 */
public final class OnnxGraph {
    /** The most nodes a graph may have: mlp's models have a few per layer, and at most 10,000 layers. */
    static final int MAX_NODES = 200_000;

    /** A constant: its dimensions and numbers. */
    public record Const(long[] dims, double[] values) {
        public int size() {
            return values.length;
        }
    }

    /** A node and where it stands in the graph's order. */
    public record Node(int order, NodeProto proto) implements OnnxExpr.OnnxNode {
        public String op() {
            return proto.getOpType();
        }

        public String input(int i) {
            return i < proto.getInputCount() ? proto.getInput(i) : "";
        }

        public String output() {
            return proto.getOutputCount() == 0 ? "" : proto.getOutput(0);
        }

        /** {@code node '/0/Gemm' (Gemm)}, for messages. */
        public String describe() {
            String name = proto.getName().isEmpty() ? "#" + order : proto.getName();
            return "node '" + OnnxFiles.clip(name) + "' (" + OnnxFiles.clip(op()) + ")";
        }

        public AttributeProto attribute(String name) {
            for (AttributeProto a : proto.getAttributeList()) if (a.getName().equals(name)) return a;
            return null;
        }

        @Override
        public long ints(String name, long otherwise) {
            AttributeProto a = attribute(name);
            return a == null ? otherwise : a.getI();
        }

        /**
         * A float attribute as the decimal its writer most likely meant: ONNX keeps float
         * attributes as float32, so PyTorch's 0.2 arrives as 0.20000000298; mlp reads 0.2.
         */
        @Override
        public double floats(String name, double otherwise) {
            AttributeProto a = attribute(name);
            return a == null ? otherwise : Double.parseDouble(Float.toString(a.getF()));
        }
    }

    private final Map<String, Const> constants = new HashMap<>();
    private final Map<String, Node> producer = new HashMap<>();
    private final Map<String, List<Node>> consumers = new HashMap<>();
    private final Set<String> data = new HashSet<>();
    private final String input;

    /** Reads the graph whose one real input is {@code input}. */
    OnnxGraph(GraphProto g, String input) {
        this.input = input;
        data.add(input);
        if (g.getNodeCount() > MAX_NODES)
            throw new MlpError("the graph has " + g.getNodeCount() + " nodes, more than mlp reads (" + MAX_NODES + ")");
        for (TensorProto t : g.getInitializerList()) constants.put(t.getName(), tensor(t, "initializer '" + OnnxFiles.clip(t.getName()) + "'"));
        List<Node> nodes = new ArrayList<>();
        for (int i = 0; i < g.getNodeCount(); i++) nodes.add(new Node(i, g.getNode(i)));
        for (Node n : sorted(nodes)) {
            boolean isData = false;
            for (String in : n.proto().getInputList()) if (data.contains(in)) isData = true;
            if (!isData && n.op().equals("Constant")) constants.put(n.output(), constantNode(n));
            else if (!isData && n.op().equals("Identity") && constants.containsKey(n.input(0)))
                constants.put(n.output(), constants.get(n.input(0)));
            if (isData) {
                data.addAll(n.proto().getOutputList());
                for (String in : new LinkedHashSet<>(n.proto().getInputList()))
                    if (data.contains(in)) consumers.computeIfAbsent(in, k -> new ArrayList<>()).add(n);
            }
        }
    }

    /**
     * The nodes in an order where each comes after the nodes whose outputs it reads (ONNX files
     * should already be in such an order, but a file cannot be trusted to be).
     */
    private List<Node> sorted(List<Node> nodes) {
        Set<String> known = new HashSet<>(constants.keySet());
        known.add(input);
        known.add("");  // an optional input left out
        for (Node n : nodes)
            for (String out : n.proto().getOutputList()) {
                if (out.isEmpty()) continue;
                if (known.contains(out) || producer.containsKey(out))
                    throw new MlpError(n.describe() + " makes the value '" + OnnxFiles.clip(out) + "', which already has a value");
                producer.put(out, n);
            }
        Map<Node, Integer> waiting = new HashMap<>();
        Map<String, List<Node>> readers = new HashMap<>();
        ArrayDeque<Node> ready = new ArrayDeque<>();
        for (Node n : nodes) {
            int count = 0;
            for (String in : new LinkedHashSet<>(n.proto().getInputList())) {
                if (known.contains(in)) continue;
                if (!producer.containsKey(in))
                    throw new MlpError(n.describe() + " reads '" + OnnxFiles.clip(in) + "', which no node, initializer or input gives");
                readers.computeIfAbsent(in, k -> new ArrayList<>()).add(n);
                count++;
            }
            waiting.put(n, count);
            if (count == 0) ready.add(n);
        }
        List<Node> order = new ArrayList<>();
        while (!ready.isEmpty()) {
            Node n = ready.poll();
            order.add(n);
            for (String out : n.proto().getOutputList())
                for (Node r : readers.getOrDefault(out, List.of()))
                    if (waiting.merge(r, -1, Integer::sum) == 0) ready.add(r);
        }
        if (order.size() < nodes.size()) {
            for (Node n : nodes)
                if (waiting.get(n) > 0)
                    throw new MlpError("the graph has a cycle: " + n.describe() + " depends on its own output");
        }
        return order;
    }

    private Const constantNode(Node n) {
        AttributeProto a = n.proto().getAttributeCount() == 1 ? n.proto().getAttribute(0) : null;
        if (a == null) throw new MlpError(n.describe() + " must have exactly one attribute");
        return switch (a.getName()) {
            case "value" -> tensor(a.getT(), n.describe());
            case "value_float" -> new Const(new long[0], new double[]{a.getF()});
            case "value_int" -> new Const(new long[0], new double[]{a.getI()});
            case "value_floats" -> {
                double[] v = new double[a.getFloatsCount()];
                for (int i = 0; i < v.length; i++) v[i] = a.getFloats(i);
                yield new Const(new long[]{v.length}, v);
            }
            default -> throw new MlpError(n.describe() + " gives its value as '" + OnnxFiles.clip(a.getName()) + "', which mlp does not read");
        };
    }

    /** A tensor's numbers, after checking its size against its data (never allocating what a file merely claims). */
    static Const tensor(TensorProto t, String what) {
        if (t.getDataLocation() == TensorProto.DataLocation.EXTERNAL)
            throw new MlpError(what + " keeps its numbers in an external file, which mlp does not read");
        if (t.hasSegment()) throw new MlpError(what + " is split into segments, which mlp does not read");
        long count = 1;
        long[] dims = new long[t.getDimsCount()];
        for (int i = 0; i < dims.length; i++) {
            long d = t.getDims(i);
            if (d < 0) throw new MlpError(what + " has a negative dimension " + d);
            dims[i] = d;
            if (d != 0 && count > Long.MAX_VALUE / d) count = Long.MAX_VALUE;
            else count *= d;
        }
        long max = Limits.maxElements();
        if (count > max)
            throw new MlpError(what + " claims " + count + " numbers, more than mlp holds in one tensor (" + max + ")");
        int n = (int) count;
        int type = t.getDataType();
        int width = switch (type) {
            case 1, 6 -> 4;      // FLOAT, INT32
            case 11, 7 -> 8;     // DOUBLE, INT64
            default -> throw new MlpError(what + " holds numbers of type " + typeName(type) + "; mlp reads float32, float64, int32 and int64");
        };
        double[] v = new double[n];
        if (t.hasRawData()) {
            if (t.getRawData().size() != (long) n * width)
                throw new MlpError(what + " should hold " + n + " numbers (" + (long) n * width + " bytes) but has "
                        + t.getRawData().size() + " bytes");
            ByteBuffer b = t.getRawData().asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
            for (int i = 0; i < n; i++)
                v[i] = switch (type) {
                    case 1 -> b.getFloat();
                    case 6 -> b.getInt();
                    case 11 -> b.getDouble();
                    default -> b.getLong();
                };
        } else {
            int have = switch (type) {
                case 1 -> t.getFloatDataCount();
                case 6 -> t.getInt32DataCount();
                case 11 -> t.getDoubleDataCount();
                default -> t.getInt64DataCount();
            };
            if (have != n) throw new MlpError(what + " should hold " + n + " numbers but has " + have);
            for (int i = 0; i < n; i++)
                v[i] = switch (type) {
                    case 1 -> t.getFloatData(i);
                    case 6 -> t.getInt32Data(i);
                    case 11 -> t.getDoubleData(i);
                    default -> t.getInt64Data(i);
                };
        }
        return new Const(dims, v);
    }

    static String typeName(int type) {
        TensorProto.DataType d = TensorProto.DataType.forNumber(type);
        return d == null ? "#" + type : d.name().toLowerCase();
    }

    // ---- questions the reader asks ----

    public String input() {
        return input;
    }

    public Const constant(String name) {
        return constants.get(name);
    }

    public boolean isConstant(String name) {
        return constants.containsKey(name);
    }

    /** The nodes that read a value computed from the input. */
    public List<Node> consumers(String value) {
        return consumers.getOrDefault(value, List.of());
    }

    public Node producer(String value) {
        return producer.get(value);
    }

    /** True for a value computed from the input (not a constant). */
    public boolean isData(String value) {
        return data.contains(value);
    }

    // ---- matching expressions ----

    /** What a match found: the constants it bound, the nodes it used, and the node giving its result. */
    public record Match(Map<String, Const> consts, Set<Node> nodes, Node root) {
    }

    /**
     * Matches {@code e} as computing {@code value} from {@code x}; null when it does not. The
     * nodes of a match that read x must be all the readers of x except {@code claimed} (nodes a
     * caller reads otherwise), and its inner values must be read by nothing outside the match.
     */
    public Match match(OnnxExpr e, String value, String x, Set<Node> claimed) {
        Node root = producer.get(value);
        if (root == null) return null;
        State s = new State();
        if (!new Matcher(x).match(e, value, s)) return null;
        for (Node n : s.nodes) if (claimed.contains(n)) return null;
        for (Node n : consumers(x)) if (!claimed.contains(n) && !s.nodes.contains(n)) return null;
        for (Node n : s.nodes) {
            if (n == root || !isData(n.output())) continue;
            for (String out : n.proto().getOutputList())
                for (Node r : consumers(out)) if (!s.nodes.contains(r)) return null;
        }
        return new Match(s.consts, s.nodes, root);
    }

    private static final class State {
        Map<String, Const> consts = new HashMap<>();
        Map<String, String> names = new HashMap<>();
        Set<Node> nodes = new HashSet<>();
        /** The value each sub-expression matched: one used twice must match the same value twice. */
        Map<OnnxExpr, String> seen = new java.util.IdentityHashMap<>();

        State copy() {
            State c = new State();
            c.consts = new HashMap<>(consts);
            c.names = new HashMap<>(names);
            c.nodes = new HashSet<>(nodes);
            c.seen = new java.util.IdentityHashMap<>(seen);
            return c;
        }

        void take(State o) {
            consts = o.consts;
            names = o.names;
            nodes = o.nodes;
            seen = o.seen;
        }
    }

    private final class Matcher {
        private final String x;

        Matcher(String x) {
            this.x = x;
        }

        boolean match(OnnxExpr e, String value, State s) {
            if (e instanceof OnnxExpr.Input) return value.equals(x);
            if (e instanceof OnnxExpr.Const c) {
                Const k = constants.get(value);
                if (k == null) return false;
                String before = s.names.putIfAbsent(c.name(), value);
                if (before != null && !before.equals(value)) return false;
                s.consts.put(c.name(), k);
                return true;
            }
            if (e instanceof OnnxExpr.Fixed f) {
                Const k = constants.get(value);
                return k != null && k.size() == 1 && Math.abs(k.values()[0] - f.value()) <= f.tolerance();
            }
            OnnxExpr.Op op = (OnnxExpr.Op) e;
            String before = s.seen.get(op);
            if (before != null) return before.equals(value);
            if (!matchOp(op, value, s)) return false;
            s.seen.put(op, value);
            return true;
        }

        private boolean matchOp(OnnxExpr.Op op, String value, State s) {
            if (constants.containsKey(value)) return false;
            Node n = producer.get(value);
            if (n == null || !n.op().equals(op.type()) || !n.output().equals(value)) return false;
            if (!n.proto().getDomain().isEmpty() && !n.proto().getDomain().equals("ai.onnx")) return false;
            int given = n.proto().getInputCount();
            while (given > 0 && n.input(given - 1).isEmpty()) given--;
            if (given != op.args().size()) return false;
            if (op.accept() != null) {
                if (!op.accept().test(n)) return false;
            } else {
                for (var a : op.ints().entrySet()) {
                    AttributeProto at = n.attribute(a.getKey());
                    if (at == null) return false;
                    long v = a.getKey().equals("axes") ? (at.getIntsCount() == 1 ? at.getInts(0) : Long.MIN_VALUE) : at.getI();
                    if (v != a.getValue()) return false;
                }
            }
            if (!matchArgs(op.args(), n, 0, 1, s)) {
                if (!op.commutative()) return false;
                if (!matchArgs(op.args(), n, 1, 0, s)) return false;
            }
            s.nodes.add(n);
            return true;
        }

        /** The args in order a, b for two; in order for any other count. */
        private boolean matchArgs(List<OnnxExpr> args, Node n, int a, int b, State s) {
            State t = s.copy();
            for (int i = 0; i < args.size(); i++) {
                int which = args.size() == 2 ? (i == 0 ? a : b) : i;
                if (!match(args.get(i), n.input(which), t)) return false;
            }
            s.take(t);
            return true;
        }
    }
}
