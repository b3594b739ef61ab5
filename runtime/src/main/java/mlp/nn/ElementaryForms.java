package mlp.nn;

import java.util.Map;

import static mlp.nn.OnnxExpr.X;
import static mlp.nn.OnnxExpr.c;
import static mlp.nn.OnnxExpr.k;
import static mlp.nn.OnnxExpr.op;
import static mlp.nn.OnnxExpr.s;

/**
 * ONNX forms made of elementary ops, for the layers that ONNX Runtime cannot run in float64 as
 * single ops (it has no float64 Erf, Elu or Softplus, and fuses x·sigmoid(x) into a QuickGelu
 * that has no float64 kernel): gelu (with erf from a Chebyshev series), elu, softplus, silu,
 * layernorm (its epsilon a float64 initializer). Each belongs to its layer class once that exists.
 */
public final class ElementaryForms {
    private ElementaryForms() {
    }

    private static final OnnxExpr.Fixed one = k(1), two = k(2);

    /** Chebyshev coefficients of erfc (Numerical Recipes, 3rd edition, 6.2.2): erf to about 1e-16. */
    private static final double[] ERFC_CHEBYSHEV = {-1.3026537197817094, 6.4196979235649026e-1, 1.9476473204185836e-2,
            -9.561514786808631e-3, -9.46595344482036e-4, 3.66839497852761e-4, 4.2523324806907e-5, -2.0278578112534e-5,
            -1.624290004647e-6, 1.303655835580e-6, 1.5626441722e-8, -8.5238095915e-8, 6.529054439e-9, 5.059343495e-9,
            -9.91364156e-10, -2.27365122e-10, 9.6467911e-11, 2.394038e-12, -6.886027e-12, 8.94487e-13, 3.13092e-13,
            -1.12708e-13, 3.81e-16, 7.106e-15, -1.523e-15, -9.4e-17, 1.21e-16, -2.8e-17};

    /** elu (alpha 1): relu(x) + exp(min(x, 0)) - 1. */
    public static final OnnxExpr.Op ELU = op("Add", op("Relu", X), op("Sub", op("Exp", op("Min", X, k(0))), one));
    /** softplus as PyTorch's (threshold 20): x above 20, else relu(x) + log(1 + exp(-|x|)), which never overflows. */
    public static final OnnxExpr.Op SOFTPLUS = op("Where", op("Greater", X, k(20)), X,
            op("Add", op("Relu", X), op("Log", op("Add", one, op("Exp", op("Neg", op("Abs", X)))))));
    /** silu: x / (1 + exp(-x)). */
    public static final OnnxExpr.Op SILU = op("Div", X, op("Add", one, op("Exp", op("Neg", X))));
    /** gelu, exact: x · 0.5 · (1 + erf(x / √2)). */
    public static final OnnxExpr.Op GELU = op("Mul", op("Mul", X, k(0.5)), op("Add", one, erf(op("Mul", X, k(0.7071067811865476)))));
    /** layernorm over the features: (x - mean) / sqrt(var + eps) * weight + bias, var the biased one. */
    public static final OnnxExpr.Op LAYERNORM = layernorm();

    private static OnnxExpr.Op layernorm() {
        Map<String, Long> features = Map.of("axes", 1L, "keepdims", 1L);
        OnnxExpr.Op d = op("Sub", X, op("ReduceMean", X).withInts(features));
        OnnxExpr.Op var = op("ReduceMean", op("Mul", d, d)).withInts(features);
        return op("Add", op("Mul", op("Div", d, op("Sqrt", op("Add", var, s("eps")))), c("weight")), c("bias"));
    }

    /**
     * erf(v) = sign(v) · (1 - erfc(|v|)), erfc(z) = t · exp(-z² + ½(c₀ + ty·d) - dd) with
     * t = 2 / (2 + z), ty = 4t - 2 and d, dd from Clenshaw's recurrence over the coefficients.
     * Sub-expressions used twice are the same objects, written once.
     */
    public static OnnxExpr.Op erf(OnnxExpr v) {
        OnnxExpr z = op("Abs", v);
        OnnxExpr t = op("Div", two, op("Add", two, z));
        OnnxExpr ty = op("Sub", op("Mul", k(4), t), two);
        int n = ERFC_CHEBYSHEV.length;
        OnnxExpr d = k(ERFC_CHEBYSHEV[n - 1]), dd = null;
        for (int j = n - 2; j > 0; j--) {
            OnnxExpr next = dd == null ? op("Add", op("Mul", ty, d), k(ERFC_CHEBYSHEV[j]))
                    : op("Add", op("Sub", op("Mul", ty, d), dd), k(ERFC_CHEBYSHEV[j]));
            dd = d;
            d = next;
        }
        OnnxExpr exponent = op("Sub", op("Sub", op("Mul", k(0.5), op("Add", k(ERFC_CHEBYSHEV[0]), op("Mul", ty, d))), dd),
                op("Mul", z, z));
        OnnxExpr erfc = op("Mul", t, op("Exp", exponent));
        return op("Mul", op("Sign", v), op("Sub", one, erfc));
    }


    /** The form of the activation of this name (gelu, elu, softplus, silu), or null. */
    public static OnnxExpr.Op named(String activation) {
        return switch (activation) {
            case "gelu" -> GELU;
            case "elu" -> ELU;
            case "softplus" -> SOFTPLUS;
            case "silu" -> SILU;
            default -> null;
        };
    }
}
