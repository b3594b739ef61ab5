package mlp.io.onnx;

import mlp.nn.OnnxExpr;

import com.google.protobuf.ByteString;
import mlp.io.onnx.proto.Onnx.AttributeProto;
import mlp.io.onnx.proto.Onnx.GraphProto;
import mlp.io.onnx.proto.Onnx.ModelProto;
import mlp.io.onnx.proto.Onnx.NodeProto;
import mlp.io.onnx.proto.Onnx.OperatorSetIdProto;
import mlp.io.onnx.proto.Onnx.TensorProto;
import mlp.io.onnx.proto.Onnx.TensorShapeProto;
import mlp.io.onnx.proto.Onnx.TypeProto;
import mlp.io.onnx.proto.Onnx.ValueInfoProto;
import org.ejml.data.DMatrixRMaj;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.HashMap;
import java.util.Map;

/**
 * Builds an ONNX model: nodes, initializers (every number of the model, as float64 or float32),
 * fresh names. A layer writes its part through {@link #scope}, {@link #node} and {@link #emit};
 * {@link #finish} gives the model with input {@code X} and output {@code Y}, batch dimension
 * symbolic.
 */
public final class OnnxBuilder implements mlp.nn.OnnxWriter {
    public static final long IR_VERSION = 8;
    public static final long OPSET = 17;
    public static final String INPUT = "X";
    public static final String OUTPUT = "Y";

    private final boolean float32;
    private final GraphProto.Builder graph = GraphProto.newBuilder();
    private final Map<String, Integer> used = new HashMap<>();
    /** The widths of the values layers were written on and gave, where known (a function layer traces its body at its width). */
    private final Map<String, Integer> widths = new HashMap<>();
    private String scope = "";

    /** A builder writing float32 numbers when {@code float32}, else float64. */
    public OnnxBuilder(boolean float32) {
        this.float32 = float32;
    }

    private int elemType() {
        return (float32 ? TensorProto.DataType.FLOAT : TensorProto.DataType.DOUBLE).getNumber();
    }

    /**
     * Names the nodes and initializers written until the next call after {@code kind}
     * ({@code linear_0/Gemm}, {@code linear_0.weight}); returns the previous scope, to restore
     * around a layer that holds others.
     */
    public String scope(String kind) {
        String before = scope;
        scope = fresh(kind);
        return before;
    }

    /** Goes back to a scope {@link #scope} returned. */
    public void restore(String scope) {
        this.scope = scope;
    }

    private String fresh(String base) {
        int n = used.merge(base, 1, Integer::sum) - 1;
        return base + "_" + n;
    }

    private String name(String what) {
        String base = scope.isEmpty() ? what : scope + "/" + what;
        int n = used.merge(base, 1, Integer::sum) - 1;
        return n == 0 ? base : base + "_" + n;
    }

    /** Writes a layer in a scope of its own (its nodes are named after its type: {@code linear_0/Gemm}). */
    @Override
    public String layer(mlp.nn.Layer l, String x) {
        String outer = scope(l.type());
        try {
            int in = width(x);
            String y = l.writeOnnx(this, x);
            if (in >= 0) widths.putIfAbsent(y, l.outWidth(in));
            return y;
        } finally {
            restore(outer);
        }
    }

    /** Records that {@code value} (the model's input) has {@code width} columns. */
    public void knownWidth(String value, int width) {
        if (width >= 0) widths.put(value, width);
    }

    @Override
    public int width(String value) {
        return widths.getOrDefault(value, -1);
    }

    /** One node; its output's name is returned. {@code ints} are integer attributes (name, value, name, value...). */
    @Override
    public String node(String op, String[] inputs, Object... ints) {
        String name = name(op);
        String out = name + ":0";
        NodeProto.Builder n = NodeProto.newBuilder().setOpType(op).setName(name).addOutput(out);
        for (String in : inputs) n.addInput(in);
        for (int i = 0; i < ints.length; i += 2) {
            AttributeProto.Builder a = AttributeProto.newBuilder().setName((String) ints[i]);
            if (ints[i + 1] instanceof long[] list) { // a list of integers (Transpose's perm, Reduce's axes)
                a.setType(AttributeProto.AttributeType.INTS);
                for (long v : list) a.addInts(v);
                n.addAttribute(a);
                continue;
            }
            long v = ((Number) ints[i + 1]).longValue();
            // ReduceMean's axes (opset 17) is a list: written as the list of that one axis
            if (ints[i].equals("axes")) a.setType(AttributeProto.AttributeType.INTS).addInts(v);
            else a.setType(AttributeProto.AttributeType.INT).setI(v);
            n.addAttribute(a);
        }
        graph.addNode(n);
        return out;
    }

    /** An initializer holding a matrix (rows×cols, or a vector of its numbers when {@code vector}). */
    public String constant(String what, DMatrixRMaj m, boolean vector) {
        long[] dims = vector ? new long[]{m.getNumElements()} : new long[]{m.numRows, m.numCols};
        return constant(what, m.data, m.getNumElements(), dims);
    }

    @Override
    public String constant(String what, DMatrixRMaj m) {
        return constant(what, m, false);
    }

    @Override
    public String int64s(String what, long... values) {
        String name = scope.isEmpty() ? what : scope + "." + what;
        if (used.merge(name, 1, Integer::sum) > 1) name = fresh(name);
        ByteBuffer bytes = ByteBuffer.allocate(values.length * 8).order(ByteOrder.LITTLE_ENDIAN);
        for (long v : values) bytes.putLong(v);
        graph.addInitializer(TensorProto.newBuilder().setName(name).setDataType(TensorProto.DataType.INT64.getNumber())
                .addDims(values.length).setRawData(ByteString.copyFrom(bytes.array())));
        return name;
    }

    /** A scalar initializer. */
    public String scalar(String what, double v) {
        return constant(what, new double[]{v}, 1, new long[0]);
    }

    private String constant(String what, double[] data, int count, long[] dims) {
        String name = scope.isEmpty() ? what : scope + "." + what;
        if (used.merge(name, 1, Integer::sum) > 1) name = fresh(name);
        TensorProto.Builder t = TensorProto.newBuilder().setName(name).setDataType(elemType());
        for (long d : dims) t.addDims(d);
        ByteBuffer bytes = ByteBuffer.allocate(count * (float32 ? 4 : 8)).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < count; i++) {
            if (float32) bytes.putFloat((float) data[i]);
            else bytes.putDouble(data[i]);
        }
        t.setRawData(ByteString.copyFrom(bytes.array()));
        graph.addInitializer(t);
        return name;
    }

    /**
     * Writes an expression with {@code x} as its input; its constants come from {@code consts}
     * (a matrix, written as a vector: the models' rows of numbers are broadcast along the batch).
     */
    @Override
    public String emit(OnnxExpr e, String x, Map<String, DMatrixRMaj> consts) {
        return emit(e, x, consts, new java.util.IdentityHashMap<>());
    }

    /** {@code done}: the expressions written already (an expression used twice is written once). */
    private String emit(OnnxExpr e, String x, Map<String, DMatrixRMaj> consts, Map<OnnxExpr, String> done) {
        if (e instanceof OnnxExpr.Input) return x;
        String before = done.get(e);
        if (before != null) return before;
        String out = emitOnce(e, x, consts, done);
        done.put(e, out);
        return out;
    }

    private String emitOnce(OnnxExpr e, String x, Map<String, DMatrixRMaj> consts, Map<OnnxExpr, String> done) {
        if (e instanceof OnnxExpr.Const c) {
            DMatrixRMaj m = consts.get(c.name());
            if (m == null) throw new IllegalArgumentException("no constant " + c.name());
            return switch (c.shape()) {
                case MATRIX -> constant(c.name(), m, false);
                case VECTOR -> constant(c.name(), m, true);
                case SCALAR -> scalar(c.name(), m.get(0));
            };
        }
        if (e instanceof OnnxExpr.Fixed f) return scalar("k", f.value());
        OnnxExpr.Op op = (OnnxExpr.Op) e;
        String[] ins = new String[op.args().size()];
        for (int i = 0; i < ins.length; i++) ins[i] = emit(op.args().get(i), x, consts, done);
        Object[] ints = new Object[op.ints().size() * 2];
        int i = 0;
        for (var a : new java.util.TreeMap<>(op.ints()).entrySet()) {
            ints[i++] = a.getKey();
            ints[i++] = a.getValue();
        }
        return node(op.type(), ins, ints);
    }

    /** The whole model: input X (batch × inWidth), output Y (batch × outWidth) produced as {@code last}. */
    public ModelProto finish(String last, int inWidth, int outWidth, String docString) {
        if (last.equals(INPUT)) last = node("Identity", new String[]{INPUT});
        // the graph's output is named Y: rename the last value wherever it appears
        for (int i = 0; i < graph.getNodeCount(); i++) {
            NodeProto.Builder n = graph.getNode(i).toBuilder();
            if (n.getOutput(0).equals(last)) n.setOutput(0, OUTPUT);
            for (int j = 0; j < n.getInputCount(); j++) if (n.getInput(j).equals(last)) n.setInput(j, OUTPUT);
            graph.setNode(i, n);
        }
        graph.setName("mlp").setDocString(docString);
        graph.addInput(valueInfo(INPUT, inWidth));
        graph.addOutput(valueInfo(OUTPUT, outWidth));
        return ModelProto.newBuilder()
                .setIrVersion(IR_VERSION)
                .addOpsetImport(OperatorSetIdProto.newBuilder().setDomain("").setVersion(OPSET))
                .setProducerName("mlp")
                .setProducerVersion("0.1")
                .setGraph(graph)
                .build();
    }

    private ValueInfoProto valueInfo(String name, int width) {
        TensorShapeProto.Builder shape = TensorShapeProto.newBuilder()
                .addDim(TensorShapeProto.Dimension.newBuilder().setDimParam("batch"));
        TensorShapeProto.Dimension.Builder cols = TensorShapeProto.Dimension.newBuilder();
        if (width >= 0) cols.setDimValue(width);
        else cols.setDimParam("width");
        shape.addDim(cols);
        return ValueInfoProto.newBuilder().setName(name).setType(TypeProto.newBuilder()
                .setTensorType(TypeProto.Tensor.newBuilder().setElemType(elemType()).setShape(shape))).build();
    }
}
