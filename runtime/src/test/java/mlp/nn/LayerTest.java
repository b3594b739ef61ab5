package mlp.nn;

import mlp.Mlp;
import mlp.MlpError;
import mlp.value.ListValue;
import mlp.value.Num;
import mlp.value.Tensor;
import mlp.value.Value;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The layers as a user meets them in .mlp code. */
class LayerTest {
    static DMatrixRMaj tensor(String code) {
        return ((Tensor) Mlp.eval(code)).data();
    }

    static double number(String code) {
        return ((Num) Mlp.eval(code)).value();
    }

    static void assertMatrix(double[][] want, DMatrixRMaj got) {
        assertEquals(want.length, got.numRows, "rows");
        assertEquals(want[0].length, got.numCols, "columns");
        for (int r = 0; r < want.length; r++)
            for (int c = 0; c < want[0].length; c++) assertEquals(want[r][c], got.get(r, c), 1e-12, "at " + r + "," + c);
    }

    // ---- linear and its inits ----

    @Test
    void identityInitIsEyeLikeForAnyShape() {
        assertMatrix(new double[][]{{1, 0}, {0, 1}, {0, 0}}, tensor("linear(2, 3, init=identity).weight"));
        assertMatrix(new double[][]{{1, 0, 0}, {0, 1, 0}}, tensor("linear(3, 2, init=identity).weight"));
        assertMatrix(new double[][]{{0, 0}}, tensor("linear(3, 2, init=identity).bias"));
    }

    @Test
    void defaultInitIsPyTorchsUniformInPlusMinusOneOverSqrtIn() {
        DMatrixRMaj w = tensor("seed(1)\nlinear(16, 200).weight"), b = tensor("seed(1)\nlinear(16, 200).bias");
        assertBoundedAndSpread(w, 0.25);
        assertBoundedAndSpread(b, 0.25);
    }

    @Test
    void xavierAndKaimingBoundTheWeightAndZeroTheBias() {
        assertBoundedAndSpread(tensor("linear(10, 90, init=xavier).weight"), Math.sqrt(6.0 / 100));
        assertBoundedAndSpread(tensor("linear(24, 100, init=kaiming).weight"), Math.sqrt(6.0 / 24));
        assertMatrix(new double[][]{{0, 0, 0}}, tensor("linear(4, 3, init=xavier).bias"));
        assertMatrix(new double[][]{{0, 0}, {0, 0}}, tensor("linear(2, 2, init=zeros).weight"));
    }

    /** Every value inside ±bound, and the draws fill most of that range (not all one number). */
    private static void assertBoundedAndSpread(DMatrixRMaj m, double bound) {
        double min = Double.MAX_VALUE, max = -Double.MAX_VALUE;
        for (int i = 0; i < m.getNumElements(); i++) {
            assertTrue(Math.abs(m.data[i]) <= bound, m.data[i] + " outside ±" + bound);
            min = Math.min(min, m.data[i]);
            max = Math.max(max, m.data[i]);
        }
        assertTrue(max - min > 1.6 * bound, "the values should spread over ±" + bound + ": " + min + " to " + max);
    }

    @Test
    void theSameSeedGivesTheSameWeights() {
        DMatrixRMaj a = tensor("seed(7)\nlinear(3, 4).weight"), b = tensor("seed(7)\nlinear(3, 4).weight");
        DMatrixRMaj c = tensor("seed(8)\nlinear(3, 4).weight");
        assertMatrix(toRows(a), b);
        assertTrue(Math.abs(a.data[0] - c.data[0]) > 0, "another seed, other weights");
    }

    private static double[][] toRows(DMatrixRMaj m) {
        double[][] rows = new double[m.numRows][m.numCols];
        for (int r = 0; r < m.numRows; r++) for (int c = 0; c < m.numCols; c++) rows[r][c] = m.get(r, c);
        return rows;
    }

    @Test
    void linearComputesXTimesWTransposedPlusB() {
        // lstsq gives a linear layer with known weights: y = x @ [[2, 0], [1, -1]]' + [1, 2]
        String fit = "X = [[0, 0], [1, 0], [0, 1], [1, 1]]\nl = lstsq(X, X @ [[2, 1], [0, -1]] + [1, 2])\n";
        assertMatrix(new double[][]{{2, 0}, {1, -1}}, tensor(fit + "l.weight"));
        assertMatrix(new double[][]{{1, 2}}, tensor(fit + "l.bias"));
        assertMatrix(new double[][]{{1 + 6, 2 + 3 - 4}}, tensor(fit + "l([[3, 4]])"));
        assertMatrix(new double[][]{{1 + 6, 2 + 3 - 4}}, tensor(fit + "[[3, 4]] |> l"));
    }

    @Test
    void withoutBias() {
        assertMatrix(new double[][]{{3, 4}}, tensor("linear(2, 2, init=identity, bias=false)([[3, 4]])"));
        MlpError e = Mlp.fail("l = linear(2, 2, bias=false)\nl.bias");
        assertEquals("linear(2, 2) has no bias (it was made with bias=false)", e.plainMessage());
        assertEquals(6, number("p = linear(2, 3, bias=false)\nsum(p.weight * 0 + 1)"));
    }

    @Test
    void linearOfOneWidthTakesItsInputWidthFromItsFirstUse() {
        assertEquals(4, number("l = linear(3)\ny = l(zeros(4, 5))\ny.rows"));
        assertEquals(3, number("l = linear(3)\ny = l(zeros(4, 5))\ny.cols"));
        assertEquals(new ListValue(java.util.List.of(new Num(3), new Num(5))), Mlp.eval("l = linear(3)\ny = l(zeros(4, 5))\nl.weight.shape"));
        assertEquals(new ListValue(java.util.List.of(new Num(2), new Num(16))),
                Mlp.eval("m = linear(2, 16) |> relu |> linear(2)\nm[2].weight.shape"));
        MlpError e = Mlp.fail("l = linear(3)\nl.weight");
        assertEquals("linear(?, 3) has no weight yet: its input width is not known (apply it to data, or give the width)", e.plainMessage());
    }

    @Test
    void widthErrorsPointAtTheLayer() {
        MlpError e = Mlp.fail("X = zeros(10, 2)\n\nmodel = linear(2, 3) |> linear(2, 2)");
        assertEquals("linear(2, 2) expects 2 inputs but the layer before gives 3", e.plainMessage());
        assertEquals(3, e.line());
        assertEquals(25, e.column());
        e = Mlp.fail("model = linear(2, 3) |> relu\n     |> batchnorm(4)");
        assertEquals("batchnorm(4) expects 4 inputs but the layer before gives 3", e.plainMessage());
        assertEquals(2, e.line());
        assertEquals(9, e.column());
    }

    @Test
    void applyingAModelToTheWrongWidthSaysSoTheSameWay() {
        MlpError e = Mlp.fail("model = linear(2, 16) |> relu |> linear(2)\nout = model(zeros(5, 3))");
        assertEquals("linear(2, 16) expects 2 inputs but the tensor has 3 columns", e.plainMessage());
        assertEquals(2, e.line());
        assertEquals(7, e.column());
        e = Mlp.fail("model = linear(2, 16)\nout = zeros(5, 3) |> model");
        assertEquals("linear(2, 16) expects 2 inputs but the tensor has 3 columns", e.plainMessage());
        assertEquals(22, e.column());
        e = Mlp.fail("model = linear(2, 2) |> residual(3)");
        assertEquals("residual(3) expects 3 inputs but the layer before gives 2", e.plainMessage());
    }

    @Test
    void onlyLayersStack() {
        MlpError e = Mlp.fail("m = linear(2, 2) |> mse");
        assertTrue(e.plainMessage().startsWith("'|>' joins layers into a model, but this is a loss"), e.plainMessage());
        e = Mlp.fail("m = linear(2, 2) |> ((a, b) -> a)");
        assertEquals("a function in a stack is a layer of one argument (x -> ...), but this one takes 2", e.plainMessage());
        e = Mlp.fail("m = linear(2, 2) |> 3");
        assertEquals("'|>' joins layers into a model, but this is a number (3)", e.plainMessage());
    }

    // ---- stacks ----

    @Test
    void stacksIndexAndListTheirLayers() {
        String m = "m = mlp(2, 16, 16, 2)\n";
        assertEquals(5, ((ListValue) Mlp.eval(m + "m.layers")).length());
        assertSame(Activation.RELU, Mlp.eval(m + "m[1]"));
        assertEquals("linear(16, 2)", ((Layer) Mlp.eval(m + "m[-1]")).describe());
        assertEquals("item index 5 is out of range for a layer (valid: -5 to 4)", Mlp.fail(m + "m[5]").plainMessage());
        assertEquals(2 * 16 + 16 + 16 * 16 + 16 + 16 * 2 + 2, ((Layer) Mlp.eval(m + "m")).parameterCount());
    }

    @Test
    void aLayerUsedTwiceSharesItsWeights() {
        assertEquals(6, ((Layer) Mlp.eval("l = linear(2, 2)\nl |> relu |> l")).parameterCount());
    }

    @Test
    void summaryAndEcho() {
        String table = """
                layer          output  params
                linear(2, 16)  (n×16)      48
                relu           (n×16)       0
                residual(16)   (n×16)     544
                batchnorm(16)  (n×16)      32
                linear(16, 2)  (n×2)       34
                total                     658
                """;
        assertEquals(table, Mlp.run("summary(linear(2, 16) |> relu |> residual |> batchnorm |> linear(2))"));
        assertEquals(table.strip(), Mlp.eval("linear(2, 16) |> relu |> residual |> batchnorm |> linear(2)").toString());
        assertEquals("layer         output  params\nlinear(2, 3)  (n×3)        9\ntotal                      9\n", Mlp.run("summary(linear(2, 3))"));
        // a single layer prints the same table as a stack
        assertEquals("layer         output  params\nlinear(2, 3)  (n×3)        9\ntotal                      9", Mlp.eval("linear(2, 3)").toString());
        assertEquals("layer  output  params\nrelu   (n×?)        0\ntotal               0", Mlp.eval("relu").toString());
        assertEquals("[<layer linear(2, 1): 3 parameters>, <layer sigmoid>]", mlp.value.Format.repr(Mlp.eval("(linear(2, 1) |> sigmoid).layers")));
    }

    // ---- activations: layers and functions at once ----

    @Test
    void activationsAreFunctionsOnNumbersAndTensors() {
        assertEquals(0, number("relu(-3)"));
        assertEquals(2.5, number("relu(2.5)"));
        assertEquals(0.5, number("sigmoid(0)"));
        assertEquals(Math.tanh(0.3), number("tanh(0.3)"), 1e-15);
        assertMatrix(new double[][]{{2, 0}, {4, 0}, {0, 2}, {0, 4}},
                tensor("x = [[1, 1], [2, 2], [-1, -1], [-2, -2]]\nw1 = [[1, 1], [-1, -1]]\nrelu(x @ w1')"));
        assertMatrix(new double[][]{{1 / (1 + Math.exp(1)), 1 / (1 + Math.exp(-2))}}, tensor("sigmoid([[-1, 2]])"));
        assertMatrix(new double[][]{{-0.2, 2}}, tensor("leaky_relu(0.2)([[-1, 2]])"));
        assertMatrix(new double[][]{{-0.01, 2}}, tensor("leaky_relu([[-1, 2]])"));
        assertMatrix(new double[][]{{1, -2}}, tensor("identity([[1, -2]])"));
        double z = Math.exp(1) + Math.exp(2) + Math.exp(3);
        assertMatrix(new double[][]{{Math.exp(1) / z, Math.exp(2) / z, Math.exp(3) / z}, {1 / 3.0, 1 / 3.0, 1 / 3.0}},
                tensor("softmax([[1, 2, 3], [5, 5, 5]])"));
        assertMatrix(new double[][]{{0.5, 0.5}}, tensor("softmax([[1000, 1000]])"));
    }

    @Test
    void activationsStackAsLayers() {
        assertMatrix(new double[][]{{-0.5, 3}}, tensor("m = linear(2, 2, init=identity) |> leaky_relu(0.5)\nm([[-1, 3]])"));
        assertMatrix(new double[][]{{0, 3}}, tensor("m = identity |> relu\nm([[-1, 3]])"));
        assertEquals("leaky_relu(0.2)", ((Layer) Mlp.eval("leaky_relu(0.2)")).describe());
        assertEquals(0.2, number("leaky_relu(0.2).slope"));
    }

    // ---- residual ----

    @Test
    void residualBlockIsXPlusLinearReluLinear() {
        // with identity weights and zero biases the block is x + relu(x)
        assertMatrix(new double[][]{{2, -2}, {6, 0}}, tensor("residual(2, init=identity)([[1, -2], [3, 0]])"));
        assertMatrix(new double[][]{{2, -2}}, tensor("m = linear(2, 2, init=identity) |> residual(init=identity)\nm([[1, -2]])"));
        assertEquals(new ListValue(java.util.List.of(new Num(4), new Num(4))),
                Mlp.eval("m = linear(2, 4) |> residual\nm[1].layers[0].weight.shape"));
        assertEquals(3, ((ListValue) Mlp.eval("residual(3).layers")).length());
    }

    @Test
    void residualOfAStackAddsTheStacksOutput() {
        assertMatrix(new double[][]{{1 + Math.tanh(1), -2 + Math.tanh(-2)}},
                tensor("r = residual(linear(2, 2, init=identity) |> tanh)\nr([[1, -2]])"));
        MlpError e = Mlp.fail("r = residual(linear(2, 3))");
        assertEquals("residual(stack) needs a stack that keeps the width (x + stack(x)), but linear(2, 3) turns 2 columns into 3",
                e.plainMessage());
        assertEquals(14, e.column());
        e = Mlp.fail("r = residual(linear(2, 2), init=xavier)");
        assertEquals("init= is for residual(width); the layers of residual(stack) have their own inits", e.plainMessage());
    }

    // ---- batchnorm and dropout outside training: inference mode ----

    @Test
    void batchNormOutsideTrainingUsesTheRunningStatistics() {
        double s = 1 / Math.sqrt(1 + 1e-5);
        assertMatrix(new double[][]{{1 * s, 2 * s}, {-3 * s, 4 * s}}, tensor("batchnorm(2)([[1, 2], [-3, 4]])"));
        assertMatrix(new double[][]{{0, 0}}, tensor("batchnorm(2).running_mean"));
        assertMatrix(new double[][]{{1, 1}}, tensor("batchnorm(2).running_var"));
        assertMatrix(new double[][]{{1, 1}}, tensor("batchnorm(2).weight"));
        assertMatrix(new double[][]{{0, 0}}, tensor("batchnorm(2).bias"));
    }

    @Test
    void dropoutDoesNothingOutsideTraining() {
        assertMatrix(new double[][]{{1, 2}, {3, 4}}, tensor("m = dropout(0.9) |> linear(2, 2, init=identity)\nm([[1, 2], [3, 4]])"));
        assertEquals("dropout(p): p must be between 0 and 1, not 1.5", Mlp.fail("d = dropout(1.5)").plainMessage());
        assertEquals(0.5, number("m = linear(2, 2) |> dropout\nm[1].p"), 0, "a bare dropout has PyTorch's p");
    }

    @Test
    void badArguments() {
        assertEquals("linear(in, out=, init=default, bias=true): init must be one of default, identity, zeros, xavier, kaiming — not a layer",
                Mlp.fail("l = linear(2, 2, init=relu)").plainMessage());
        assertEquals("linear(in, out=, init=default, bias=true): out must be at least 1, not 0",
                Mlp.fail("l = linear(2, 0)").plainMessage());
        assertEquals("residual(width): width must be a whole number or a stack of layers, not a string",
                Mlp.fail("r = residual(\"wide\")").plainMessage());
    }

    @Test
    void lstsqRecoversAnExactLinearMap() {
        String code = "seed(3)\nX = randn(50, 3)\ny = X @ [[1, 2], [3, 4], [5, 6]] + [0.5, -1]\nfit = lstsq(X, y)\n";
        assertMatrix(new double[][]{{1, 3, 5}, {2, 4, 6}}, tensor(code + "fit.weight"));
        assertMatrix(new double[][]{{0.5, -1}}, tensor(code + "fit.bias"));
        assertEquals(0, number(code + "mse(fit(X), y)"), 1e-20);
        assertInstanceOf(Linear.class, Mlp.eval(code + "fit"));
    }

    @Test
    void lstsqOfNoisyDataIsTheBestLinearFit() {
        // the residual of a least-squares fit is orthogonal to every column of [X, 1]
        String code = "seed(4)\nX = randn(40, 2)\ny = X ^ 2\nfit = lstsq(X, y)\nr = y - fit(X)\n";
        DMatrixRMaj xr = tensor(code + "X' @ r"), ones = tensor(code + "sum(r, dim=0)");
        for (double v : xr.data) assertEquals(0, v, 1e-10);
        for (double v : ones.data) assertEquals(0, v, 1e-10);
    }

    @Test
    void layerValuesDescribeThemselves() {
        Value v = Mlp.eval("batchnorm");
        assertEquals("layer", v.kind());
        assertTrue(v.toString().contains("batchnorm"));
    }
}
