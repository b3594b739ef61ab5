package mlp.io.onnx;

import mlp.nn.OnnxExpr;

import mlp.MlpError;
import mlp.io.onnx.OnnxGraph.Const;
import mlp.io.onnx.OnnxGraph.Match;
import mlp.nn.Activation;
import mlp.nn.Activations;
import mlp.nn.ElementaryForms;
import mlp.nn.BatchNorm;
import mlp.nn.Dropout;
import mlp.nn.Init;
import mlp.nn.Layer;
import mlp.nn.LayerNorm;
import mlp.nn.LeakyRelu;
import mlp.nn.Linear;
import mlp.nn.Residual;
import mlp.nn.Stack;
import org.ejml.data.DMatrixRMaj;

import java.util.List;
import java.util.Map;
import java.util.function.Function;

import static mlp.nn.OnnxExpr.X;
import static mlp.nn.OnnxExpr.c;
import static mlp.nn.OnnxExpr.m;
import static mlp.nn.OnnxExpr.op;
import static mlp.nn.OnnxExpr.s;

/**
 * The forms a model is read from ({@link #READINGS}): each layer's own ONNX form (the expression
 * the layer class writes, e.g. {@link Linear#ONNX}), and what PyTorch's exporter writes for the
 * same layer. Also the forms of the layers still to come (gelu, elu, softplus, silu, layernorm),
 * from elementary ops ONNX Runtime runs in float64.
 */
final class OnnxForms {
    private OnnxForms() {
    }

    // ---- the forms of the newer layers (gelu, elu, softplus, silu, layernorm), from elementary
    //      ops: ONNX Runtime has no float64 Erf, Elu or Softplus, and fuses x·sigmoid(x) into a
    //      QuickGelu that has no float64 kernel either ----

    private static final OnnxExpr.Fixed ONE = OnnxExpr.k(1);

    /** PyTorch 1.13's forms of the same: GELU through Erf, SiLU as x · sigmoid(x). */
    static final OnnxExpr.Op GELU_TORCH = op("Mul", op("Mul", X, op("Add", op("Erf", op("Div", X, OnnxExpr.k(Math.sqrt(2)))), ONE)), OnnxExpr.k(0.5));
    static final OnnxExpr.Op SILU_TORCH = op("Mul", X, op("Sigmoid", X));

    // ---- reading ----

    /** A form a layer is read from: the expression, and the layer it makes from what it bound. */
    record Reading(String name, OnnxExpr expr, Function<Match, Layer> make) {
    }

    /** What mlp reads, for the message about a node it cannot read. */
    static final String SUPPORTED = "Gemm, MatMul (+ Add), Relu, Sigmoid, Tanh, LeakyRelu, Softmax, Identity, "
            + "BatchNormalization (inference), LayerNormalization, Dropout, Flatten (of a 2-D input), Add around a stack (a residual block)"
            + extras();

    /** The activations mlp has beyond the first ones, as PyTorch exports them. */
    private static String extras() {
        StringBuilder s = new StringBuilder();
        for (String[] a : new String[][]{{"gelu", "Gelu (as Erf)"}, {"elu", "Elu"}, {"softplus", "Softplus"}, {"silu", "SiLU (x · Sigmoid(x))"}})
            if (Activations.named(a[0]) != null) s.append(", ").append(a[1]);
        return s.toString();
    }

    private static boolean gemmOk(OnnxExpr.OnnxNode n) {
        return n.ints("transA", 0) == 0 && n.floats("alpha", 1) == 1 && n.floats("beta", 1) == 1;
    }

    private static boolean axisOk(OnnxExpr.OnnxNode n) {
        long axis = n.ints("axis", -1);
        return axis == 1 || axis == -1;
    }

    /** An activation's form, when mlp has that activation (null otherwise: the reading is left out). */
    private static Reading activation(String name, OnnxExpr form) {
        Activation a = Activations.named(name);
        return a == null ? null : new Reading(name, form, mt -> a);
    }

    static final List<Reading> READINGS = java.util.Arrays.asList(
            activation("gelu", ElementaryForms.GELU),
            activation("gelu", GELU_TORCH),
            activation("elu", ElementaryForms.ELU),
            activation("elu", op("Elu", X).accepting(n -> n.floats("alpha", 1) == 1)),
            activation("softplus", ElementaryForms.SOFTPLUS),
            activation("softplus", op("Softplus", X)),
            activation("silu", ElementaryForms.SILU),
            activation("silu", SILU_TORCH),
            new Reading("linear", Linear.ONNX.accepting(OnnxForms::gemmOk), OnnxForms::gemm),
            new Reading("linear", Linear.ONNX_NO_BIAS.accepting(OnnxForms::gemmOk), OnnxForms::gemm),
            new Reading("linear", op("Add", op("MatMul", X, m("weight")), c("bias")), OnnxForms::matmul),
            new Reading("linear", op("MatMul", X, m("weight")), OnnxForms::matmul),
            new Reading("relu", op("Relu", X), mt -> Activation.RELU),
            new Reading("sigmoid", op("Sigmoid", X), mt -> Activation.SIGMOID),
            new Reading("tanh", op("Tanh", X), mt -> Activation.TANH),
            new Reading("softmax", op("Softmax", X).accepting(OnnxForms::axisOk), mt -> Activation.SOFTMAX),
            new Reading("identity", op("Identity", X), mt -> Activation.IDENTITY),
            new Reading("leaky_relu", op("LeakyRelu", X).accepting(n -> true),
                    mt -> Activation.leaky(mt.root().floats("alpha", 0.01))),
            new Reading("leaky_relu", LeakyRelu.ONNX_MAX, mt -> leaky(mt, true)),
            new Reading("leaky_relu", LeakyRelu.ONNX_MIN, mt -> leaky(mt, false)),
            new Reading("batchnorm", BatchNorm.ONNX, OnnxForms::batchnorm),
            new Reading("batchnorm", op("BatchNormalization", X, c("weight"), c("bias"), c("mean"), c("var"))
                    .accepting(n -> n.ints("training_mode", 0) == 0), OnnxForms::batchnormOp),
            new Reading("layernorm", LayerNorm.ONNX, mt -> layernorm(mt, one(mt, "eps"))),
            new Reading("layernorm", op("LayerNormalization", X, c("weight"), c("bias")).accepting(OnnxForms::axisOk),
                    mt -> layernorm(mt, mt.root().floats("epsilon", 1e-5))),
            new Reading("dropout", op("Dropout", X).accepting(n -> true), mt -> new Dropout(0.5)),
            new Reading("dropout", op("Dropout", X, s("p")).accepting(n -> true), mt -> dropout(mt.consts().get("p"))),
            new Reading("flatten", op("Flatten", X).accepting(OnnxForms::axisOk), mt -> null))
            .stream().filter(r -> r != null).toList();

    /**
     * {@code x + inner(x)}: the tutorial's block when inner is linear(w, w) |> relu |> linear(w, w)
     * with biases (as mlp writes it), else a residual around the stack.
     */
    static Layer residual(Layer inner) {
        if (inner instanceof Stack s && s.layers().size() == 3 && s.layers().get(0) instanceof Linear a
                && s.layers().get(1) == Activation.RELU && s.layers().get(2) instanceof Linear b
                && a.in() == a.out() && b.in() == a.out() && b.out() == a.out() && a.hasBias() && b.hasBias()) {
            Residual r = Residual.block(a.in(), Init.ZEROS, null);
            List<mlp.nn.Param> from = inner.params(), to = r.inner().params();
            for (int i = 0; i < from.size(); i++) System.arraycopy(from.get(i).value.data, 0, to.get(i).value.data, 0, from.get(i).size());
            return r;
        }
        try {
            return Residual.around(inner);
        } catch (MlpError e) {
            throw new MlpError("an Add around " + inner.describe() + ": " + e.plainMessage());
        }
    }

    private static Layer gemm(Match mt) {
        boolean transB = mt.root().ints("transB", 0) == 1;
        return linear(mt, transB);
    }

    private static Layer matmul(Match mt) {
        return linear(mt, false);
    }

    /** A linear layer from a weight ([out, in] when {@code outFirst}, else [in, out]) and an optional bias. */
    private static Layer linear(Match mt, boolean outFirst) {
        Const w = mt.consts().get("weight"), bias = mt.consts().get("bias");
        if (w.dims().length != 2) throw new MlpError(mt.root().describe() + ": its weight must have 2 dimensions, not " + w.dims().length);
        int out = (int) (outFirst ? w.dims()[0] : w.dims()[1]), in = (int) (outFirst ? w.dims()[1] : w.dims()[0]);
        if (in < 1 || out < 1) throw new MlpError(mt.root().describe() + ": its weight is empty");
        if (bias != null && bias.size() != out)
            throw new MlpError(mt.root().describe() + ": its bias has " + bias.size() + " numbers, not one per output (" + out + ")");
        Linear lin = new Linear(in, out, bias != null, Init.ZEROS, null);
        double[] wd = lin.weight().value.data;
        for (int o = 0; o < out; o++)
            for (int i = 0; i < in; i++) wd[o * in + i] = w.values()[outFirst ? o * in + i : i * out + o];
        if (bias != null) System.arraycopy(bias.values(), 0, lin.bias().value.data, 0, out);
        return lin;
    }

    private static Layer leaky(Match mt, boolean max) {
        double slope = one(mt, "slope");
        // max(x, s·x) is leaky_relu(s) only for s <= 1, min(x, s·x) only for s >= 1
        if (max ? slope > 1 : slope < 1)
            throw new MlpError(mt.root().describe() + " computes " + (max ? "max" : "min") + "(x, " + slope + "·x), which is not a leaky_relu");
        return Activation.leaky(slope);
    }

    private static double one(Match mt, String name) {
        Const k = mt.consts().get(name);
        if (k.size() != 1) throw new MlpError(mt.root().describe() + ": " + name + " must be one number, not " + k.size());
        return k.values()[0];
    }

    private static Layer batchnorm(Match mt) {
        return batchnorm(mt, one(mt, "eps"), BatchNorm.MOMENTUM);
    }

    private static Layer batchnormOp(Match mt) {
        // ONNX's momentum weighs the running value (0.9), PyTorch's and mlp's the batch's (0.1)
        double onnxMomentum = mt.root().floats("momentum", 0.9);
        double momentum = new java.math.BigDecimal("1").subtract(new java.math.BigDecimal(Double.toString(onnxMomentum))).doubleValue();
        return batchnorm(mt, mt.root().floats("epsilon", 1e-5), momentum);
    }

    private static Layer batchnorm(Match mt, double eps, double momentum) {
        Const mean = mt.consts().get("mean");
        int width = mean.size();
        if (width < 1) throw new MlpError(mt.root().describe() + ": its running mean is empty");
        for (String k : List.of("var", "weight", "bias"))
            if (mt.consts().get(k).size() != width)
                throw new MlpError(mt.root().describe() + ": its " + k + " has " + mt.consts().get(k).size() + " numbers, its mean " + width);
        BatchNorm bn = new BatchNorm(width, momentum, eps);
        System.arraycopy(mean.values(), 0, bn.runningMean().data, 0, width);
        System.arraycopy(mt.consts().get("var").values(), 0, bn.runningVar().data, 0, width);
        System.arraycopy(mt.consts().get("weight").values(), 0, bn.weight().value.data, 0, width);
        System.arraycopy(mt.consts().get("bias").values(), 0, bn.bias().value.data, 0, width);
        return bn;
    }

    private static Layer layernorm(Match mt, double eps) {
        Const w = mt.consts().get("weight"), b = mt.consts().get("bias");
        int width = w.size();
        if (width < 1 || b.size() != width)
            throw new MlpError(mt.root().describe() + ": its scale has " + width + " numbers and its bias " + b.size());
        LayerNorm ln = new LayerNorm(width, eps);
        System.arraycopy(w.values(), 0, ln.weight().value.data, 0, width);
        System.arraycopy(b.values(), 0, ln.bias().value.data, 0, width);
        return ln;
    }

    private static Layer dropout(Const p) {
        if (p.size() != 1 || !(p.values()[0] >= 0 && p.values()[0] <= 1))
            throw new MlpError("a Dropout's ratio must be one number between 0 and 1");
        return new Dropout(p.values()[0]);
    }
}
