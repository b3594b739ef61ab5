package mlp.io.onnx;

import mlp.Mlp;
import mlp.MlpError;
import mlp.eval.Interpreter;
import mlp.io.onnx.proto.Onnx.ModelProto;
import mlp.io.onnx.proto.Onnx.NodeProto;
import mlp.nn.Layer;
import mlp.syntax.Source;
import mlp.value.Tensor;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.StringWriter;
import java.util.Set;
import java.util.TreeSet;

import static mlp.io.onnx.OnnxExportTest.near;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Function layers written as ONNX: their bodies traced and translated op by op run in ONNX
 * Runtime and give mlp's predictions (1e-12 in float64, 1e-6 in float32); a body ONNX cannot
 * hold is an error naming the function and the op.
 */
class FunctionOnnxTest {
    /** Each function stands between two linear layers of width 4 ({@code W} is a 4×4 matrix, {@code v} a 1×4 row). */
    @ParameterizedTest
    @ValueSource(strings = {
            "x -> x * sigmoid(x)",                         // swish: not fused into ONNX Runtime's float32-only QuickGelu
            "x -> x * x",
            "x -> x - x[0:1, :]",                          // the first row (a Slice that holds for any batch)
            "x -> relu(x) - 0.1 * x",
            "x -> x @ W",                                  // a captured matrix: an initializer
            "x -> (x @ W') / 2 + v",                       // computed from captured values at build time: one initializer
            "x -> x - mean(x, dim=1)",                     // over the features, kept as a column
            "x -> x / sum(abs(x), dim=1) + sum(x, dim=0) / 100", // down the batch too: symbolic, not a constant
            "x -> x - max(x, dim=1) + min(x, dim=1)",
            "x -> x * (x > 0)",                            // a mask: Where(Greater(x, 0), 1, 0)
            "x -> x * (x <= 0.5) + (x == x) - (x != 0) + (x >= 1) * (x < 2)",
            "x -> where(x > 0, x, 0.01 * x)",
            "x -> cat([x[:, 2:4], x[:, 0:2]], dim=1)",     // slicing columns and joining them
            "x -> cat([x[:, [3, 0]], x[:, 1:3]], dim=1)",  // picked columns: Gather
            "x -> reshape(x, x.rows, 4) + x[:, 0:1]",
            "x -> clip(x, -0.5, 0.5) * 2",
            "x -> -x + exp(-abs(x)) - log(1 + x * x) + sqrt(abs(x)) + sin(x) * cos(x) + tan(x / 10) + x ^ 2 / 10",
            "x -> tanh(x) + relu(x) + leaky_relu(x) + gelu(x) + elu(x) + softplus(x) + silu(x)",
            "x -> softmax(x) * 4",
            "x -> mean(x) + sum(x) - max(x) + min(x) + x",  // of every element: 1×1, broadcast back
            "swish",                                        // a named function
            "(x -> x * sigmoid(x)) |> linear(4) |> (x -> x * x)", // two in one stack
            "residual((x -> x * sigmoid(x)) |> linear(4))", // inside a residual block
    })
    void runsInOnnxRuntime(String function) throws Exception {
        Interpreter it = Mlp.interpreter(new StringWriter());
        it.run(new Source("t.mlp", "seed(5)\nW = randn(4, 4)\nv = randn(1, 4)\nswish = x -> x * sigmoid(x)\nX = randn(30, 3) * 2\n"
                + "y = X @ randn(3, 2)\nmodel = linear(3, 4) |> (" + function + ") |> linear(2)\n"
                + "train(model, X, y, lr=0.01, epochs=5, batch=10)\nP = model(X)"));
        Layer m = (Layer) it.globals().lookup("model");
        DMatrixRMaj x = ((Tensor) it.globals().lookup("X")).data();
        DMatrixRMaj want = ((Tensor) it.globals().lookup("P")).data();
        ModelProto p64 = OnnxFiles.toOnnx(m, false);
        near(want, Ort.run(p64.toByteArray(), x, false), 1e-12, function + ", float64");
        near(want, Ort.run(OnnxFiles.toOnnx(m, true).toByteArray(), x, true), 1e-6, function + ", float32");
        // a batch of another size: the graph holds for any batch (mlp's own prediction on it, as sums down the batch change)
        DMatrixRMaj three = ((Tensor) it.run(new Source("t.mlp", "X[0:3, :]"))).data();
        DMatrixRMaj wantThree = ((Tensor) it.run(new Source("t.mlp", "model(X[0:3, :])"))).data();
        near(wantThree, Ort.run(p64.toByteArray(), three, false), 1e-12, function + ", a batch of 3");
    }

    @Test
    void aCapturedMatrixIsAnInitializerAndSwishAvoidsTheSigmoidOp() {
        Layer m = (Layer) Mlp.eval("seed(1)\nW = randn(4, 4)\nm = linear(3, 4) |> (x -> x @ W) |> (x -> x * sigmoid(x))\nm");
        ModelProto p = OnnxFiles.toOnnx(m, false);
        Set<String> ops = new TreeSet<>();
        for (NodeProto n : p.getGraph().getNodeList()) ops.add(n.getOpType());
        assertTrue(ops.contains("MatMul"), ops.toString());
        assertFalse(ops.contains("Sigmoid"), "x * Sigmoid(x) would become QuickGelu, which has no float64 kernel: " + ops);
        assertTrue(p.getGraph().getInitializerList().stream().anyMatch(t -> t.getDimsList().equals(java.util.List.of(4L, 4L))
                && t.getName().startsWith("function_")), "W, 4×4, named after the function layer");
    }

    @Test
    void aBuiltInWithoutAnOnnxFormIsAnErrorNamingTheFunctionAndTheOp() {
        MlpError e = assertThrows(MlpError.class, () -> OnnxFiles.toOnnx(
                (Layer) Mlp.eval("m = linear(2, 2) |> (x -> x @ inv(x' @ x + eye(2)))\nm"), false));
        assertEquals("cannot save function (line 1) as ONNX: it uses inv, which has no ONNX form in mlp (a function layer can use "
                + "+ - * / ^, comparisons, where, clip, exp, log, sqrt, abs, sin, cos, tan, the activations, @ and ' (transpose),"
                + " sum, mean, max and min, slices, cat and reshape)", e.getMessage());
    }

    @Test
    void aLayerInsideAFunctionIsAnErrorSayingWhereToPutIt() {
        MlpError e = assertThrows(MlpError.class, () -> OnnxFiles.toOnnx(
                (Layer) Mlp.eval("inner = linear(2, 2)\ninner(randn(1, 2))\nf = x -> inner(x)\nm = linear(2, 2) |> f\nm"), false));
        assertTrue(e.getMessage().startsWith("cannot save function (line 3) as ONNX: it uses linear (a layer applied inside the function:"
                + " put it in the stack instead)"), e.getMessage());
    }

    /** Each function, and what its error names. */
    @ParameterizedTest
    @ValueSource(strings = {
            "x -> x + randn(1, 2) | a constant operand of '+'",       // random numbers: a new constant each time
            "x -> x / x.rows | a constant operand of '/'",            // the batch size taken as a number
            "x -> x * 2 - zeros(x.rows, 2) | a constant operand of '-'", // a constant as tall as the batch
            "x -> x - x[x.rows - 1:, :] | the op slice",              // the last row: its position follows the batch
    })
    void aBodyThatFollowsTheBatchIsAnErrorNamingTheFunctionAndTheOp(String functionAndOp) {
        String[] parts = functionAndOp.split(" \\| ");
        MlpError e = assertThrows(MlpError.class, () -> OnnxFiles.toOnnx((Layer) Mlp.eval("m = linear(2, 2) |> (" + parts[0] + ")\nm"), false));
        assertEquals("cannot save function (line 1) as ONNX: " + parts[1] + " in it depends on the batch size or on the input's values"
                + " (random numbers, a size taken from the input, or a built-in such as round or argmax that has no gradient), which an"
                + " ONNX graph cannot hold", e.getMessage());
    }

    @Test
    void aBodyThatFailsOnAnotherBatchSizeSaysSo() {
        MlpError e = assertThrows(MlpError.class, () -> OnnxFiles.toOnnx((Layer) Mlp.eval("m = linear(2, 2) |> (x -> x[0:5, :] + x[5:, :])\nm"), false));
        assertEquals("cannot save function (line 1) as ONNX: on a batch of 7 rows (an ONNX graph holds for any batch) it fails:"
                + " shape mismatch in '+': (5×2) + (2×2) — rows 5 and 2 differ (each must match or be 1)", e.getMessage());
    }

    @Test
    void aFileWithAFunctionLayerRunsButDoesNotReadBackAsAFunction() {
        ModelProto p = OnnxFiles.toOnnx((Layer) Mlp.eval("m = linear(2, 2) |> (x -> x * sigmoid(x))\nm"), false);
        MlpError e = assertThrows(MlpError.class, () -> OnnxReader.read(OnnxFiles.parse(p.toByteArray())));
        assertTrue(e.getMessage().matches("node 'function_0/\\w+' \\(\\w+\\) belongs to a function layer mlp wrote: ONNX runtimes run it,"
                + " but mlp does not read a function back \\(save the layers around it on their own, and write the function again"
                + " after load\\)"), e.getMessage());
    }

    @Test
    void aFunctionAtTheStartOfAModelNeedsAKnownWidth() {
        MlpError e = assertThrows(MlpError.class, () -> OnnxFiles.toOnnx((Layer) Mlp.eval("m = (x -> x * x) |> relu\nm"), false));
        assertEquals("cannot save function (line 1) as ONNX: the width of its input is not known (start the model with a layer of"
                + " known width)", e.getMessage());
    }
}
