package mlp.io.onnx;

import com.google.protobuf.ByteString;
import com.google.protobuf.CodedOutputStream;
import mlp.MlpError;
import mlp.io.onnx.proto.Onnx.AttributeProto;
import mlp.io.onnx.proto.Onnx.GraphProto;
import mlp.io.onnx.proto.Onnx.ModelProto;
import mlp.io.onnx.proto.Onnx.NodeProto;
import mlp.io.onnx.proto.Onnx.TensorProto;
import mlp.io.onnx.proto.Onnx.TensorShapeProto;
import mlp.io.onnx.proto.Onnx.TypeProto;
import mlp.io.onnx.proto.Onnx.ValueInfoProto;
import mlp.Mlp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * Files that are not models mlp can read: truncated, random, hostile (absurd sizes, a cycle, a
 * 2 GB claim). Each is a clear error naming the file, with memory bounded by the file's size.
 */
class HostileOnnxTest {
    @TempDir
    Path dir;

    private static ValueInfoProto io(String name, int elemType, long... dims) {
        TensorShapeProto.Builder shape = TensorShapeProto.newBuilder().addDim(TensorShapeProto.Dimension.newBuilder().setDimParam("batch"));
        for (long d : dims) shape.addDim(TensorShapeProto.Dimension.newBuilder().setDimValue(d));
        return ValueInfoProto.newBuilder().setName(name).setType(TypeProto.newBuilder().setTensorType(
                TypeProto.Tensor.newBuilder().setElemType(elemType).setShape(shape))).build();
    }

    private static NodeProto node(String op, String out, String... in) {
        return NodeProto.newBuilder().setOpType(op).setName(op + "_" + out).addAllInput(Arrays.asList(in)).addOutput(out).build();
    }

    private static TensorProto doubles(String name, long[] dims, int count) {
        TensorProto.Builder t = TensorProto.newBuilder().setName(name).setDataType(11);
        for (long d : dims) t.addDims(d);
        return t.setRawData(ByteString.copyFrom(new byte[count * 8])).build();
    }

    /** A model of one graph: input X (batch×2, float64), output Y. */
    private static ModelProto model(GraphProto.Builder g) {
        if (g.getInputCount() == 0) g.addInput(io("X", 11, 2));
        if (g.getOutputCount() == 0) g.addOutput(io("Y", 11, 2));
        return ModelProto.newBuilder().setIrVersion(8)
                .addOpsetImport(mlp.io.onnx.proto.Onnx.OperatorSetIdProto.newBuilder().setVersion(17)).setGraph(g).build();
    }

    private static byte[] exported() {
        return OnnxFiles.toOnnx((mlp.nn.Layer) Mlp.eval("seed(1)\nlinear(2, 8) |> relu |> linear(8, 2)"), false).toByteArray();
    }

    /** A length-delimited field claiming {@code length} bytes, followed by only a few. */
    private static byte[] claim(int field, long length) throws Exception {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        CodedOutputStream c = CodedOutputStream.newInstance(b);
        c.writeTag(field, 2);
        c.writeUInt64NoTag(length);
        c.writeTag(5, 2);           // GraphProto.initializer
        c.writeUInt64NoTag(length - 10);
        c.writeTag(9, 2);           // TensorProto.raw_data
        c.writeUInt64NoTag(length - 20);
        c.writeRawBytes(new byte[64]);
        c.flush();
        return b.toByteArray();
    }

    private Map<String, byte[]> corpus() throws Exception {
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put("empty.onnx", new byte[0]);
        byte[] good = exported();
        files.put("truncated.onnx", Arrays.copyOf(good, good.length / 2));
        byte[] random = new byte[4096];
        new Random(42).nextBytes(random);
        files.put("random.onnx", random);
        files.put("text.onnx", "{\"format\": \"mlp-model\", \"version\": 1}".getBytes());
        files.put("claim2gb.onnx", claim(7, 2_147_483_000L));
        files.put("absurd.onnx", model(GraphProto.newBuilder()
                .addInitializer(doubles("W", new long[]{1_000_000_000L, 1_000_000_000L}, 4))
                .addNode(node("MatMul", "Y", "X", "W"))).toByteArray());
        files.put("short.onnx", model(GraphProto.newBuilder()
                .addInitializer(doubles("W", new long[]{2, 2}, 3))
                .addNode(node("MatMul", "Y", "X", "W"))).toByteArray());
        files.put("cycle.onnx", model(GraphProto.newBuilder()
                .addNode(node("Add", "a", "X", "Y"))
                .addNode(node("Relu", "Y", "a"))).toByteArray());
        files.put("conv.onnx", model(GraphProto.newBuilder()
                .addInitializer(doubles("K", new long[]{2, 2, 1, 1}, 4))
                .addNode(node("Conv", "Y", "X", "K"))).toByteArray());
        files.put("undefined.onnx", model(GraphProto.newBuilder()
                .addNode(node("Add", "Y", "X", "nowhere"))).toByteArray());
        files.put("twice.onnx", model(GraphProto.newBuilder()
                .addNode(node("Relu", "Y", "X"))
                .addNode(node("Tanh", "Y", "X"))).toByteArray());
        files.put("external.onnx", model(GraphProto.newBuilder()
                .addInitializer(TensorProto.newBuilder().setName("W").setDataType(11).addDims(2).addDims(2)
                        .setDataLocation(TensorProto.DataLocation.EXTERNAL))
                .addNode(node("MatMul", "Y", "X", "W"))).toByteArray());
        files.put("image.onnx", model(GraphProto.newBuilder().addInput(io("X", 1, 3, 28, 28))
                .addNode(node("Relu", "Y", "X"))).toByteArray());
        files.put("integers.onnx", model(GraphProto.newBuilder().addInput(io("X", 7, 2))
                .addNode(node("Relu", "Y", "X"))).toByteArray());
        files.put("two_inputs.onnx", model(GraphProto.newBuilder().addInput(io("X", 11, 2)).addInput(io("Z", 11, 2))
                .addNode(node("Add", "Y", "X", "Z"))).toByteArray());
        files.put("constant.onnx", model(GraphProto.newBuilder()
                .addInitializer(doubles("C", new long[]{2}, 2))
                .addNode(node("Relu", "Y", "C"))).toByteArray());
        files.put("opset99.onnx", model(GraphProto.newBuilder().addNode(node("Relu", "Y", "X"))).toBuilder()
                .setOpsetImport(0, mlp.io.onnx.proto.Onnx.OperatorSetIdProto.newBuilder().setVersion(99)).build().toByteArray());
        // graphs inside attributes inside graphs, 200 deep
        GraphProto deep = GraphProto.newBuilder().setName("g").build();
        for (int i = 0; i < 200; i++)
            deep = GraphProto.newBuilder().addNode(NodeProto.newBuilder().setOpType("If")
                    .addAttribute(AttributeProto.newBuilder().setName("then_branch").setG(deep))).build();
        files.put("deep.onnx", model(deep.toBuilder()).toByteArray());
        return files;
    }

    private static final Map<String, String> EXPECTED = Map.ofEntries(
            Map.entry("empty.onnx", "empty.onnx cannot be read as an mlp model: it has no graph (not an ONNX model?)"),
            Map.entry("truncated.onnx", "truncated.onnx is not an ONNX file: it ends in the middle of a field (cut short?)"),
            Map.entry("random.onnx", "random.onnx is not an ONNX file: a field claims a negative length (corrupt)"),
            Map.entry("text.onnx", "text.onnx is not an ONNX file: it is text, and ONNX files are binary (protocol buffers)"),
            Map.entry("claim2gb.onnx", "claim2gb.onnx is not an ONNX file: it ends in the middle of a field (cut short?)"),
            Map.entry("absurd.onnx", "absurd.onnx cannot be read as an mlp model: initializer 'W' claims 1000000000000000000 numbers, more than mlp holds in one tensor (100000000)"),
            Map.entry("short.onnx", "short.onnx cannot be read as an mlp model: initializer 'W' should hold 4 numbers (32 bytes) but has 24 bytes"),
            Map.entry("cycle.onnx", "cycle.onnx cannot be read as an mlp model: the graph has a cycle: node 'Add_a' (Add) depends on its own output"),
            Map.entry("conv.onnx", "conv.onnx cannot be read as an mlp model: node 'Conv_Y' (Conv) is an op mlp cannot read; mlp reads " + OnnxForms.SUPPORTED),
            Map.entry("undefined.onnx", "undefined.onnx cannot be read as an mlp model: node 'Add_Y' (Add) reads 'nowhere', which no node, initializer or input gives"),
            Map.entry("twice.onnx", "twice.onnx cannot be read as an mlp model: node 'Tanh_Y' (Tanh) makes the value 'Y', which already has a value"),
            Map.entry("external.onnx", "external.onnx cannot be read as an mlp model: initializer 'W' keeps its numbers in an external file, which mlp does not read"),
            Map.entry("image.onnx", "image.onnx cannot be read as an mlp model: the graph's input 'X' has 4 dimensions; mlp reads models of 2-D input (a batch of rows)"),
            Map.entry("integers.onnx", "integers.onnx cannot be read as an mlp model: the graph's input 'X' holds int64 numbers; mlp reads float32 and float64 models"),
            Map.entry("two_inputs.onnx", "two_inputs.onnx cannot be read as an mlp model: the graph has 2 inputs; mlp reads models of one input (a batch of rows)"),
            Map.entry("constant.onnx", "constant.onnx cannot be read as an mlp model: the graph's output 'Y' does not depend on its input"),
            Map.entry("opset99.onnx", "opset99.onnx cannot be read as an mlp model: it uses ONNX opset 99; mlp reads opsets 7 to 25"),
            Map.entry("deep.onnx", "deep.onnx is not an ONNX file: it nests graphs too deeply"));

    @Test
    void everyHostileFileIsAClearError() throws Exception {
        Map<String, String> got = new LinkedHashMap<>();
        for (var f : corpus().entrySet()) {
            Path p = dir.resolve(f.getKey());
            Files.write(p, f.getValue());
            MlpError e = assertThrows(MlpError.class, () -> OnnxFiles.load(p), f.getKey());
            got.put(f.getKey(), e.plainMessage());
        }
        for (String name : got.keySet()) assertEquals(EXPECTED.get(name), got.get(name), name);
        assertEquals(EXPECTED.keySet(), got.keySet());
    }

    /** Mutated and cut copies of real files (mlp's and PyTorch's): each loads or is an MlpError, never another exception. */
    @Test
    void mutatedFilesNeverEscapeAsAnotherException() throws Exception {
        byte[][] bases = {exported(), Files.readAllBytes(PyTorchFixturesTest.DIR.resolve("residual_bn.onnx"))};
        Random random = new Random(7);
        Path p = dir.resolve("m.onnx");
        for (int i = 0; i < 600; i++) {
            byte[] b = bases[i % 2].clone();
            if (i % 3 == 0) b = Arrays.copyOf(b, random.nextInt(b.length));
            else for (int k = 0, n = 1 + random.nextInt(6); k < n; k++) b[random.nextInt(b.length)] = (byte) random.nextInt(256);
            Files.write(p, b);
            try {
                OnnxFiles.load(p);
            } catch (MlpError expected) {
                // a clear error is what we want
            }
        }
    }

    @Test
    void atTheReplAHostileFileIsAnErrorAtTheCall() throws Exception {
        Files.write(dir.resolve("bad.onnx"), Arrays.copyOf(exported(), 100));
        MlpError e = assertThrows(MlpError.class, () -> new mlp.eval.Interpreter(new mlp.io.Settings().progress(null)
                .fileRoot(dir).workingDir(dir)).run(new mlp.syntax.Source("t.mlp", "m = load(\"bad.onnx\")")));
        assertEquals("t.mlp:1:10: load(file): bad.onnx is not an ONNX file: it ends in the middle of a field (cut short?)",
                e.format().lines().findFirst().orElse(""));
    }
}
