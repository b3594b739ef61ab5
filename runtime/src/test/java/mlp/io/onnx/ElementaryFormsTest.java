package mlp.io.onnx;

import mlp.io.onnx.proto.Onnx.ModelProto;
import mlp.nn.OnnxExpr;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Map;
import java.util.function.DoubleUnaryOperator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The newer activations' and layer norm's ONNX forms, built from elementary ops (ONNX Runtime has
 * no float64 Erf, Elu or Softplus): run in ONNX Runtime they give the functions to 1e-12, from
 * -30 to 30 (gelu against Python's math.erf), and the reader recognises each form it writes.
 */
class ElementaryFormsTest {
    static final double[] XS = {-30.0, -8.0, -5.5, -3.2, -1.7, -1.0, -0.5, -0.001, -1e-09, 0.0, 1e-09, 0.001, 0.3, 0.7071, 1.0, 1.9,
            2.5, 3.7, 6.0, 9.0, 30.0};
    /** x · ½(1 + erf(x/√2)) by Python's math.erf. */
    static final double[] GELU = {-0.0, -4.884981308350689e-15, -1.0444259362918373e-07, -0.0021988414013307533, -0.0757612866895232,
            -0.15865525393145707, -0.15426876936299344, -0.000499601057786089, -4.999999996010577e-10, 0.0, 5.000000003989423e-10,
            0.000500398942213911, 0.18537342665668577, 0.5375712420143673, 0.8413447460685429, 1.8454385363495966, 2.4844758366855597,
            3.699601140986134, 5.999999994080474, 9.0, 30.0};

    private static DMatrixRMaj run(OnnxExpr.Op form, Map<String, DMatrixRMaj> consts, DMatrixRMaj x) throws Exception {
        OnnxBuilder b = new OnnxBuilder(false);
        ModelProto m = b.finish(b.emit(form, OnnxBuilder.INPUT, consts), x.numCols, x.numCols, "test");
        OnnxGraph g = new OnnxGraph(m.getGraph(), OnnxBuilder.INPUT);
        assertNotNull(g.match(form, OnnxBuilder.OUTPUT, OnnxBuilder.INPUT, new HashSet<>()), "the reader recognises the written form");
        return Ort.run(m.toByteArray(), x, false);
    }

    private static void elementwise(OnnxExpr.Op form, DoubleUnaryOperator f) throws Exception {
        DMatrixRMaj x = new DMatrixRMaj(1, XS.length, true, XS);
        DMatrixRMaj y = run(form, Map.of(), x);
        for (int i = 0; i < XS.length; i++)
            assertEquals(f.applyAsDouble(XS[i]), y.data[i], 1e-12 * Math.max(1, Math.abs(XS[i])), "at " + XS[i]);
    }

    @Test
    void elu() throws Exception {
        elementwise(mlp.nn.ElementaryForms.ELU, x -> x > 0 ? x : Math.expm1(x));
    }

    @Test
    void softplus() throws Exception {
        elementwise(mlp.nn.ElementaryForms.SOFTPLUS, x -> x > 20 ? x : Math.log1p(Math.exp(x)));  // PyTorch's threshold 20
    }

    @Test
    void silu() throws Exception {
        elementwise(mlp.nn.ElementaryForms.SILU, x -> x / (1 + Math.exp(-x)));
    }

    @Test
    void gelu() throws Exception {
        DMatrixRMaj y = run(mlp.nn.ElementaryForms.GELU, Map.of(), new DMatrixRMaj(1, XS.length, true, XS));
        for (int i = 0; i < XS.length; i++) assertEquals(GELU[i], y.data[i], 1e-15 * Math.max(1, Math.abs(XS[i])), "at " + XS[i]);
    }

    @Test
    void layernorm() throws Exception {
        DMatrixRMaj x = new DMatrixRMaj(new double[][]{{1, 2, 4}, {-3, 0.5, 100}, {7, 7, 7}});
        DMatrixRMaj w = new DMatrixRMaj(new double[][]{{0.5, -1, 2}}), b = new DMatrixRMaj(new double[][]{{0.1, 0.2, 0.3}});
        DMatrixRMaj y = run(mlp.nn.ElementaryForms.LAYERNORM, Map.of("eps", new DMatrixRMaj(new double[][]{{1e-5}}), "weight", w, "bias", b), x);
        for (int r = 0; r < 3; r++) {
            double mean = (x.get(r, 0) + x.get(r, 1) + x.get(r, 2)) / 3, var = 0;
            for (int c = 0; c < 3; c++) var += (x.get(r, c) - mean) * (x.get(r, c) - mean) / 3;
            for (int c = 0; c < 3; c++) {
                double want = (x.get(r, c) - mean) / Math.sqrt(var + 1e-5) * w.get(c) + b.get(c);
                assertEquals(want, y.get(r, c), 1e-12, "row " + r + " column " + c);
            }
        }
        assertTrue(y.get(2, 0) == 0.1 && y.get(2, 2) == 0.3, "a constant row gives the bias");
    }
}
