package mlp.io.onnx;

import mlp.Mlp;
import mlp.eval.Interpreter;
import mlp.io.onnx.proto.Onnx.ModelProto;
import mlp.io.onnx.proto.Onnx.TensorShapeProto;
import mlp.nn.Layer;
import mlp.nn.Param;
import mlp.syntax.Source;
import mlp.value.Tensor;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.StringWriter;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every layer kind written as ONNX runs in ONNX Runtime and gives mlp's predictions (1e-12 in
 * float64, 1e-6 in float32), and reads back into mlp with the same parameters, bit for bit.
 */
class OnnxExportTest {
    /** The models: each trained a little (batch norm's running statistics move), then exported. */
    @ParameterizedTest
    @ValueSource(strings = {
            "linear(3, 4)",
            "linear(3, 4, bias=false)",
            "linear(3, 1)",
            "linear(3, 4) |> relu |> linear(2)",
            "linear(3, 4) |> sigmoid",
            "linear(3, 4) |> tanh",
            "linear(3, 4) |> leaky_relu",
            "linear(3, 4) |> leaky_relu(0.2)",
            "linear(3, 4) |> leaky_relu(1.5)",
            "linear(3, 4) |> leaky_relu(-0.5)",
            "linear(3, 4) |> softmax",
            "linear(3, 4) |> identity",
            "linear(3, 4) |> dropout(0.3) |> linear(2)",
            "linear(3, 4) |> residual |> linear(2)",
            "linear(3, 4) |> residual(linear(4, 4, bias=false) |> tanh |> linear(4)) |> linear(2)",
            "linear(3, 4) |> residual(residual(linear(4) |> sigmoid) |> relu) |> linear(2)",
            "linear(3, 4) |> batchnorm |> relu |> linear(2)",
            "batchnorm(3) |> linear(2)",
            "linear(3, 4) |> layernorm |> linear(2)",
            "layernorm(3) |> gelu |> linear(2)",
            "linear(3, 4) |> gelu |> linear(2)",
            "linear(3, 4) |> elu |> linear(2)",
            "linear(3, 4) |> softplus |> linear(2)",
            "linear(3, 4) |> silu |> linear(2)",
            EVERY_KIND,
    })
    void runsInOnnxRuntimeAndReadsBack(String model) throws Exception {
        Interpreter it = Mlp.interpreter(new StringWriter());
        it.run(new Source("t.mlp", "seed(3)\nX = randn(30, 3) * 2\ny = X @ randn(3, 4)\nmodel = " + model
                + "\ntrain(model, X, y[:, 0:model(X).cols], lr=0.01, epochs=20, batch=10)\nP = model(X)"));
        Layer m = (Layer) it.globals().lookup("model");
        DMatrixRMaj x = ((Tensor) it.globals().lookup("X")).data();
        DMatrixRMaj want = ((Tensor) it.globals().lookup("P")).data();

        ModelProto p64 = OnnxFiles.toOnnx(m, false);
        assertEquals(8, p64.getIrVersion());
        assertEquals(17, p64.getOpsetImport(0).getVersion());
        TensorShapeProto.Dimension batch = p64.getGraph().getInput(0).getType().getTensorType().getShape().getDim(0);
        assertEquals("batch", batch.getDimParam(), "the batch dimension is symbolic");
        near(want, Ort.run(p64.toByteArray(), x, false), 1e-12, "float64");
        near(want, Ort.run(OnnxFiles.toOnnx(m, true).toByteArray(), x, true), 1e-6, "float32");

        Layer back = OnnxReader.read(OnnxFiles.parse(p64.toByteArray()));
        List<Param> a = m.params(), b = back.params();
        assertEquals(a.size(), b.size());
        for (int i = 0; i < a.size(); i++) assertArrayEquals(a.get(i).value.data, b.get(i).value.data, "parameter " + i + " bit for bit");
        it.globals().define("back", back);
        assertArrayEquals(want.data, ((Tensor) it.run(new Source("t.mlp", "back(X)"))).data().data, "the same predictions, bit for bit");
    }

    /** The model of every kind above covers every layer kind there is: a new kind needs its ONNX form. */
    @org.junit.jupiter.api.Test
    void everyLayerKindIsWrittenAbove() {
        Layer m = (Layer) Mlp.eval("model = " + EVERY_KIND + "\nmodel(randn(5, 3))\nmodel");
        java.util.Set<String> types = new java.util.TreeSet<>();
        collect(m, types);
        assertEquals(new java.util.TreeSet<>(mlp.nn.LayerKinds.types()), types, "the layer kinds the every-kind model holds");
    }

    private static void collect(Layer l, java.util.Set<String> types) {
        types.add(l.type());
        for (Layer c : l.children()) collect(c, types);
    }

    static final String EVERY_KIND = "linear(3, 4) |> leaky_relu(0.2) |> residual |> batchnorm |> dropout(0.1) |> residual(linear(4, 4, bias=false) "
            + "|> tanh |> linear(4)) |> sigmoid |> identity |> softmax |> relu |> layernorm |> gelu |> elu |> softplus |> silu |> linear(2)";

    /** The tutorial's five trained models (scripts/seed.mlp) and its practice run's, each exported and run. */
    @org.junit.jupiter.api.Test
    void theTutorialsTrainedModelsRunInOnnxRuntime() throws Exception {
        StringBuilder script = new StringBuilder();
        int k = 0;
        for (String line : java.nio.file.Files.readAllLines(java.nio.file.Path.of("../scripts/seed.mlp"))) {
            if (line.startsWith("animate(") || line.startsWith("scatter(")) continue;
            script.append(line).append('\n');
            if (line.startsWith("run = train(")) script.append("model_").append(k).append(" = run.model\nX_").append(k++).append(" = X\n");
        }
        assertEquals(6, k, "five tutorial runs and the practice run");
        Interpreter it = Mlp.interpreter(new StringWriter());
        it.run(new Source("seed.mlp", script.toString()));
        for (int i = 0; i < k; i++) {
            Layer m = (Layer) it.globals().lookup("model_" + i);
            it.globals().define("m", m);
            DMatrixRMaj x = ((Tensor) it.globals().lookup("X_" + i)).data();
            DMatrixRMaj want = ((Tensor) it.run(new Source("t.mlp", "m(X_" + i + ")"))).data();
            near(want, Ort.run(OnnxFiles.toOnnx(m, false).toByteArray(), x, false), 1e-12, "tutorial model " + i + " float64");
            near(want, Ort.run(OnnxFiles.toOnnx(m, true).toByteArray(), x, true), 1e-6, "tutorial model " + i + " float32");
        }
    }

    /**
     * Equal to {@code tolerance} relative to the predictions' scale (the largest of them, at
     * least 1): float32 rounds every intermediate value, so a small output computed from large
     * ones carries the large ones' rounding.
     */
    static void near(DMatrixRMaj want, DMatrixRMaj got, double tolerance, String what) {
        assertEquals(want.numRows, got.numRows, what + ": rows");
        assertEquals(want.numCols, got.numCols, what + ": columns");
        double scale = 1;
        for (double w : want.data) scale = Math.max(scale, Math.abs(w));
        for (int i = 0; i < want.getNumElements(); i++) {
            double w = want.data[i], g = got.data[i];
            assertTrue(Math.abs(w - g) <= tolerance * scale,
                    what + ": element " + i + " is " + g + ", mlp says " + w + " (difference " + Math.abs(w - g) + ")");
        }
    }
}
