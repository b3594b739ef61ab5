package mlp.io.onnx;

import mlp.MlpError;
import mlp.eval.Interpreter;
import mlp.io.Settings;
import mlp.syntax.Source;
import mlp.value.Tensor;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Models exported by PyTorch 1.13's torch.onnx.export (made by
 * src/test/resources/onnx/pytorch/make_fixtures.py, float32): mlp loads each as an ordinary model
 * that predicts what PyTorch predicted (to 1e-6), prints as a summary, trains and saves as JSON. The
 * fixtures: an MLP, a residual MLP with batch norm, a softmax classifier (the three), and
 * LayerNorm + SiLU + Softplus, and Elu + GELU + MatMul/Add.
 */
class PyTorchFixturesTest {
    static final Path DIR = Path.of("src/test/resources/onnx/pytorch").toAbsolutePath();

    static Interpreter interpreter(StringWriter out) {
        return new Interpreter(new Settings().out(new PrintWriter(out, true)).progress(null)
                .pictures(Settings.Pictures.OFF).fileRoot(Path.of("/")).workingDir(DIR));
    }

    @ParameterizedTest
    @ValueSource(strings = {"mlp", "residual_bn", "classifier", "layernorm"})
    void predictsWhatPyTorchPredicted(String name) {
        StringWriter out = new StringWriter();
        Interpreter it = interpreter(out);
        it.run(new Source("t.mlp", "m = load(\"" + name + ".onnx\")\nX = load(\"" + name + "-X.csv\")\nY = load(\"" + name
                + "-Y.csv\")\nP = m(X)"));
        DMatrixRMaj want = ((Tensor) it.globals().lookup("Y")).data(), got = ((Tensor) it.globals().lookup("P")).data();
        OnnxExportTest.near(want, got, 1e-6, name);
    }

    @Test
    void theResidualModelPrintsTrainsAndSaves(@org.junit.jupiter.api.io.TempDir Path tmp) throws Exception {
        StringWriter out = new StringWriter();
        Interpreter it = interpreter(out);
        it.run(new Source("t.mlp", "m = load(\"residual_bn.onnx\")\nprint(m)\nX = load(\"residual_bn-X.csv\")"
                + "\nbefore = mse(m(X), zeros(10, 3))\nrun = train(m, X, zeros(10, 3), epochs=50, lr=0.01)"
                + "\nprint(mse(m(X), zeros(10, 3)) < before)\nsave(m, \"" + tmp.resolve("m.json") + "\")"));
        assertEquals("""
                layer                                                              output  params
                linear(4, 8)                                                       (n×8)       40
                batchnorm(8)                                                       (n×8)       16
                relu                                                               (n×8)        0
                residual(8)                                                        (n×8)      144
                residual(linear(8, 8) |> batchnorm(8) |> sigmoid |> linear(8, 8))  (n×8)      160
                batchnorm(8)                                                       (n×8)       16
                linear(8, 3)                                                       (n×3)       27
                total                                                                         403
                true
                """, out.toString());
        assertTrue(Files.readString(tmp.resolve("m.json")).contains("\"batchnorm\""));
    }

    /**
     * MatMul + Add, Elu, a Linear without bias (MatMul), GELU (through Erf), Sigmoid: read once mlp
     * has elu and gelu; until then the error names the first node it cannot read.
     */
    @Test
    void theActivationsModel() {
        if (mlp.nn.Activations.named("elu") != null && mlp.nn.Activations.named("gelu") != null) {
            predictsWhatPyTorchPredicted("activations");
            return;
        }
        MlpError e = assertThrows(MlpError.class, () -> OnnxFiles.load(DIR.resolve("activations.onnx")));
        assertEquals("activations.onnx cannot be read as an mlp model: node '/1/Elu' (Elu) is an op mlp cannot read; mlp reads "
                + OnnxForms.SUPPORTED, e.plainMessage());
    }
}
