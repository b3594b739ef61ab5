package mlp.nn;

import mlp.MlpError;
import mlp.autograd.Node;
import mlp.autograd.Ops;
import org.ejml.data.DMatrixRMaj;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * The ONNX form of a function layer. Its body runs on a traced input ({@link Ops#traced}, as in
 * a compiled training graph), so every built-in it uses leaves an autograd node; each node is
 * translated to ONNX ops from its label and {@link Node#params()}, and every value that does not
 * depend on the input (a captured matrix, a number) becomes an initializer.
 *
 * <p>An ONNX graph must hold for any batch, so the body is traced twice, on batches of two sizes
 * and different numbers, and both translations must be the same: an op whose constants follow
 * the batch size, random numbers, or a value mlp computed outside the graph (round, argmax) makes
 * them differ, and is an error naming the function and the op.
 */
final class FunctionOnnx {
    private FunctionOnnx() {
    }

    /** The batch sizes of the two traces (odd sizes, unlikely to equal a width). */
    private static final int FIRST_BATCH = 7, SECOND_BATCH = 11;

    /** What a function's body may use; the error for anything else lists it. */
    static final String EXPORTS = "+ - * / ^, comparisons, where, clip, exp, log, sqrt, abs, sin, cos, tan, the activations,"
            + " @ and ' (transpose), sum, mean, max and min, slices, cat and reshape";

    static String write(String name, FunctionLayer.Body body, OnnxWriter out, String x) {
        int width = out.width(x);
        if (width < 0)
            throw new MlpError("cannot save " + name + " as ONNX: the width of its input is not known (start the model with a layer of known width)");
        Recording first = trace(name, body, width, FIRST_BATCH, 17);
        Recording second = trace(name, body, width, SECOND_BATCH, 29);
        String differs = first.firstDifference(second);
        if (differs != null)
            throw new MlpError("cannot save " + name + " as ONNX: " + differs + " in it depends on the batch size or on the"
                    + " input's values (random numbers, a size taken from the input, or a built-in such as round or argmax"
                    + " that has no gradient), which an ONNX graph cannot hold");
        return first.replay(out, x);
    }

    /** Runs the body on a batch of {@code rows} random rows and records its translation. */
    private static Recording trace(String name, FunctionLayer.Body body, int width, int rows, long seed) {
        DMatrixRMaj data = new DMatrixRMaj(rows, width);
        Random random = new Random(seed);
        for (int i = 0; i < data.data.length; i++) data.data[i] = random.nextGaussian();
        Node input = Ops.traced(Node.constant(data));
        Node output;
        try {
            output = body.apply(input, false);
        } catch (MlpError e) { // e.g. a slice of rows by position, which holds for one batch size only
            throw new MlpError("cannot save " + name + " as ONNX: on a batch of " + rows + " rows (an ONNX graph holds for any batch)"
                    + " it fails: " + e.plainMessage());
        }
        Recording r = new Recording();
        new Translation(name, input, r).write(output);
        r.output = r.names.get(output) == null ? Recording.INPUT : r.names.get(output);
        return r;
    }

    /** Translates the nodes of one trace into ONNX ops, each once. */
    private static final class Translation {
        private final String function;
        private final Node input;
        private final Recording out;
        private final Map<Node, Boolean> depends = new IdentityHashMap<>();

        Translation(String function, Node input, Recording out) {
            this.function = function;
            this.input = input;
            this.out = out;
            out.names.put(input, Recording.INPUT);
        }

        /**
         * Writes the graph that gives {@code output}, inputs before the ops that use them (an
         * explicit stack, not recursion: a body may chain thousands of ops).
         */
        void write(Node output) {
            for (Node n : inputsFirst(output)) {
                boolean d = n == input;
                for (Node a : n.arguments()) d |= depends.get(a);
                depends.put(n, d);
                if (d && n != input) {
                    List<Node> args = n.arguments();
                    String[] ins = new String[args.size()];
                    for (int i = 0; i < ins.length; i++) ins[i] = value(args.get(i), n);
                    out.by = "the op " + describe(n.label());
                    out.names.put(n, op(n, ins));
                }
            }
            if (!depends.get(output)) value(output, output);
        }

        /** The nodes output is computed from, each once, every node after its inputs. */
        private static List<Node> inputsFirst(Node output) {
            List<Node> order = new ArrayList<>();
            Map<Node, Boolean> seen = new IdentityHashMap<>();
            java.util.ArrayDeque<Node> stack = new java.util.ArrayDeque<>();
            stack.push(output);
            while (!stack.isEmpty()) {
                Node n = stack.peek();
                if (seen.containsKey(n)) { // its inputs are done
                    stack.pop();
                    if (!seen.put(n, true)) order.add(n);
                    continue;
                }
                seen.put(n, false);
                for (Node a : n.arguments()) if (!seen.containsKey(a)) stack.push(a);
            }
            return order;
        }

        /** The name of an operand of {@code consumer}: an op written already, or a constant written now. */
        private String value(Node n, Node consumer) {
            String known = out.names.get(n);
            if (known != null) return known;
            out.by = "a constant operand of " + describe(consumer.label());
            String name = out.constant("c", n.value);
            out.names.put(n, name);
            return name;
        }

        private String op(Node n, String[] in) {
            double[] p = n.params();
            String label = n.label();
            return switch (label) {
                case "traced" -> in[0];
                case "+" -> out.node("Add", in);
                case "-" -> in.length == 1 ? out.node("Neg", in) : out.node("Sub", in);
                case "*" -> out.node("Mul", in);
                case "/" -> out.node("Div", in);
                case "^" -> out.node("Pow", in);
                case "==" -> mask(out.node("Equal", in));
                case "!=" -> mask(out.node("Not", new String[]{out.node("Equal", in)}));
                case "<" -> mask(out.node("Less", in));
                case "<=" -> mask(out.node("LessOrEqual", in));
                case ">" -> mask(out.node("Greater", in));
                case ">=" -> mask(out.node("GreaterOrEqual", in));
                case "where" -> out.node("Where", new String[]{
                        out.node("Not", new String[]{out.node("Equal", new String[]{in[0], number(0)})}), in[1], in[2]});
                case "clip" -> out.node("Clip", new String[]{in[0], out.emit(OnnxExpr.k(p[0]), in[0], Map.of()),
                        out.emit(OnnxExpr.k(p[1]), in[0], Map.of())});
                case "exp", "log", "sqrt", "abs", "sin", "cos", "relu", "tanh" ->
                        out.node(Character.toUpperCase(label.charAt(0)) + label.substring(1), in);
                // ONNX Runtime has no float64 Tan
                case "tan" -> out.node("Div", new String[]{out.node("Sin", in), out.node("Cos", in)});
                // not the Sigmoid op: ONNX Runtime fuses x * Sigmoid(x) into a QuickGelu with no float64 kernel
                case "sigmoid" -> out.node("Div", new String[]{number(1),
                        out.node("Add", new String[]{number(1), out.node("Exp", new String[]{out.node("Neg", in)})})});
                // as the leaky_relu layer writes it: Max(x, x·s) for a slope up to 1, Min above
                case "leaky_relu" -> out.node(p[0] <= 1 ? "Max" : "Min", new String[]{in[0],
                        out.node("Mul", new String[]{in[0], number(p[0])})});
                case "softmax" -> out.node("Softmax", in, "axis", 0L); // mlp's softmax kernel runs down the columns
                case "gelu", "elu", "softplus", "silu" -> out.emit(ElementaryForms.named(label), in[0], Map.of());
                case "@" -> out.node("MatMul", in);
                case "'" -> out.node("Transpose", in, "perm", new long[]{1, 0});
                case "sum" -> p[0] < 0 ? out.node("ReduceSum", in, "keepdims", 1L)
                        : out.node("ReduceSum", new String[]{in[0], out.int64s("axes", (long) p[0])}, "keepdims", 1L);
                case "mean", "max", "min" -> {
                    String op = label.equals("mean") ? "ReduceMean" : label.equals("max") ? "ReduceMax" : "ReduceMin";
                    yield p[0] < 0 ? out.node(op, in, "keepdims", 1L) : out.node(op, in, "axes", new long[]{(long) p[0]}, "keepdims", 1L);
                }
                case "slice" -> slice(n, in[0], p);
                case "rows", "cols" -> out.node("Gather", new String[]{in[0], out.int64s("positions", longs(p))},
                        "axis", label.equals("rows") ? 0L : 1L);
                case "cat" -> out.node("Concat", in, "axis", (long) p[0]);
                // -1 rows: the batch stays symbolic (a number of columns that follows the batch is caught by the second trace)
                case "reshape" -> out.node("Reshape", new String[]{in[0], out.int64s("shape", -1, (long) p[1])});
                default -> throw new MlpError("cannot save " + function + " as ONNX: it uses " + describe(label)
                        + ", which has no ONNX form in mlp (a function layer can use " + EXPORTS + ")");
            };
        }

        /** A 0/1 tensor from a boolean one, in the file's precision. */
        private String mask(String condition) {
            return out.node("Where", new String[]{condition, number(1), number(0)});
        }

        private String number(double v) {
            DMatrixRMaj m = new DMatrixRMaj(1, 1);
            m.data[0] = v;
            return out.constant("k", m);
        }

        /** Rows [r0, r1) and columns [c0, c1): a Slice over the axes not taken whole. */
        private String slice(Node n, String x, double[] p) {
            Node a = n.arguments().get(0);
            List<Long> starts = new ArrayList<>(), ends = new ArrayList<>(), axes = new ArrayList<>();
            if (p[0] != 0 || p[1] != a.rows()) {
                starts.add((long) p[0]);
                ends.add((long) p[1]);
                axes.add(0L);
            }
            if (p[2] != 0 || p[3] != a.cols()) {
                starts.add((long) p[2]);
                ends.add((long) p[3]);
                axes.add(1L);
            }
            if (axes.isEmpty()) return x;
            return out.node("Slice", new String[]{x, out.int64s("starts", unbox(starts)), out.int64s("ends", unbox(ends)),
                    out.int64s("axes", unbox(axes))});
        }

        private static String describe(String label) {
            return switch (label) {
                case "linear", "batchnorm", "dropout", "layernorm" -> label + " (a layer applied inside the function: put it in the stack instead)";
                case "'" -> "' (transpose)";
                default -> label.chars().allMatch(c -> Character.isLetterOrDigit(c) || c == '_') ? label : "'" + label + "'";
            };
        }
    }

    private static long[] longs(double[] p) {
        long[] out = new long[p.length];
        for (int i = 0; i < p.length; i++) out[i] = (long) p[i];
        return out;
    }

    private static long[] unbox(List<Long> xs) {
        return xs.stream().mapToLong(Long::longValue).toArray();
    }

    /**
     * An {@link OnnxWriter} that only records what is written, so that two traces can be compared
     * and the first replayed into the real writer. Value names are its own ({@code v3}).
     */
    private static final class Recording implements OnnxWriter {
        static final String INPUT = "in";

        /** One call: the op (or the expression) written, its inputs, attributes or constant, and what in mlp it came from. */
        record Step(String kind, Object what, String[] inputs, Object[] attrs, String by) {
            boolean same(Step o) {
                return kind.equals(o.kind) && Arrays.equals(inputs, o.inputs) && Arrays.deepEquals(attrs, o.attrs)
                        && (what instanceof DMatrixRMaj m ? o.what instanceof DMatrixRMaj n && m.numRows == n.numRows
                        && m.numCols == n.numCols && Arrays.equals(m.data, n.data)
                        : what instanceof long[] l ? o.what instanceof long[] k && Arrays.equals(l, k)
                        : java.util.Objects.equals(what, o.what));
            }
        }

        final List<Step> steps = new ArrayList<>();
        final Map<Node, String> names = new IdentityHashMap<>();
        String by = "";
        String output;

        private String add(String kind, Object what, String[] inputs, Object[] attrs) {
            steps.add(new Step(kind, what, inputs.clone(), attrs.clone(), by));
            return "v" + (steps.size() - 1);
        }

        @Override
        public String node(String op, String[] inputs, Object... ints) {
            return add("node", op, inputs, ints);
        }

        @Override
        public String emit(OnnxExpr e, String x, Map<String, DMatrixRMaj> consts) {
            if (!consts.isEmpty()) throw new IllegalArgumentException("a function's forms have fixed numbers only");
            return add("emit", e, new String[]{x}, new Object[0]);
        }

        @Override
        public String layer(Layer l, String x) {
            throw new UnsupportedOperationException("a function's body holds no layers");
        }

        @Override
        public int width(String value) {
            return -1;
        }

        @Override
        public String constant(String what, DMatrixRMaj m) {
            return add("constant", m.copy(), new String[0], new Object[]{what});
        }

        @Override
        public String int64s(String what, long... values) {
            return add("int64s", values.clone(), new String[0], new Object[]{what});
        }

        /** What in mlp gave the first step where this trace and the other differ ("the op slice"), or null when they do not. */
        String firstDifference(Recording other) {
            for (int i = 0; i < Math.min(steps.size(), other.steps.size()); i++)
                if (!steps.get(i).same(other.steps.get(i))) return steps.get(i).by;
            if (steps.size() != other.steps.size())
                return steps.size() < other.steps.size() ? other.steps.get(steps.size()).by : steps.get(other.steps.size()).by;
            return output.equals(other.output) ? null : "its result";
        }

        /** Writes the recorded steps into the real writer, with {@code x} as the input; the output's name. */
        String replay(OnnxWriter to, String x) {
            Map<String, String> real = new java.util.HashMap<>();
            real.put(INPUT, x);
            for (int i = 0; i < steps.size(); i++) {
                Step s = steps.get(i);
                String[] ins = Arrays.stream(s.inputs).map(real::get).toArray(String[]::new);
                String name = switch (s.kind) {
                    case "node" -> to.node((String) s.what, ins, s.attrs);
                    case "emit" -> to.emit((OnnxExpr) s.what, ins[0], Map.of());
                    case "constant" -> to.constant((String) s.attrs[0], (DMatrixRMaj) s.what);
                    default -> to.int64s((String) s.attrs[0], (long[]) s.what);
                };
                real.put("v" + i, name);
            }
            return real.get(output);
        }
    }
}
