package mlp.nn;

import mlp.MlpError;
import mlp.autograd.Node;
import mlp.tensor.Limits;
import mlp.value.Num;
import mlp.value.Value;
import org.ejml.data.DMatrixRMaj;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * {@code layernorm(width)}: PyTorch's LayerNorm over the features. Each sample is normalised by
 * the mean and (biased) variance of its own features, in training and inference alike; then a
 * learnable scale ({@code .weight}, starting at 1) and shift ({@code .bias}, starting at 0).
 */
public final class LayerNorm extends Layer {
    public static final double EPS = 1e-5;

    private int width = -1;
    private final double eps;
    private Param weight;
    private Param bias;

    /** A layer norm of {@code width} features, or -1 to take the width of the layer before. */
    public LayerNorm(int width) {
        this(width, EPS);
    }

    LayerNorm(int width, double eps) {
        this.eps = eps;
        if (width == 0 || width < -1) throw new MlpError("layernorm needs a width of at least 1, not " + width);
        if (width > 0) resolve(width, null, Given.LAYER_BEFORE);
    }

    @Override
    public int inWidth() {
        return width;
    }

    @Override
    public int outWidth(int in) {
        return width >= 0 ? width : in;
    }

    @Override
    public boolean keepsWidth() {
        return true;
    }

    @Override
    public void resolve(int in, Random random, Given given) {
        if (widthFixed(width, in, given)) return;
        Limits.check(1, in);
        width = in;
        weight = new Param("weight", new DMatrixRMaj(1, in));
        bias = new Param("bias", new DMatrixRMaj(1, in));
        Arrays.fill(weight.value.data, 1.0);
    }

    @Override
    public boolean resolved() {
        return width >= 0;
    }

    /** x is c×n, a column per sample: each column is normalised over its c features. */
    @Override
    public Node forward(Node x, Graph graph) {
        Node w = graph.param(weight), b = graph.param(bias);
        int c = x.rows(), n = x.cols();
        DMatrixRMaj out = Limits.matrix(c, n), xhat = Limits.matrix(c, n);
        double[] rstd = new double[n], dots = new double[n], sums = new double[n];
        Node node = Node.op("layernorm", out, () -> {
            double[] xd = x.value.data, wd = w.value.data, bd = b.value.data, h = xhat.data, y = out.data;
            for (int j = 0; j < n; j++) {
                double mean = 0;
                for (int i = 0; i < c; i++) mean += xd[i * n + j];
                mean /= c;
                double var = 0;
                for (int i = 0; i < c; i++) {
                    double d = xd[i * n + j] - mean;
                    var += d * d;
                }
                rstd[j] = 1 / Math.sqrt(var / c + eps);
                for (int i = 0; i < c; i++) {
                    h[i * n + j] = (xd[i * n + j] - mean) * rstd[j];
                    y[i * n + j] = h[i * n + j] * wd[i] + bd[i];
                }
            }
        }, x, w, b);
        return node.backward(() -> {
            double[] g = node.grad().data, h = xhat.data, wd = w.value.data;
            if (w.requiresGrad()) {
                double[] gw = w.grad().data;
                for (int i = 0; i < c; i++) for (int j = 0; j < n; j++) gw[i] += g[i * n + j] * h[i * n + j];
            }
            if (b.requiresGrad()) {
                double[] gb = b.grad().data;
                for (int i = 0; i < c; i++) for (int j = 0; j < n; j++) gb[i] += g[i * n + j];
            }
            if (!x.requiresGrad()) return;
            double[] gx = x.grad().data;
            Arrays.fill(sums, 0);
            Arrays.fill(dots, 0);
            for (int i = 0; i < c; i++)
                for (int j = 0; j < n; j++) {
                    double dh = g[i * n + j] * wd[i];
                    sums[j] += dh;
                    dots[j] += dh * h[i * n + j];
                }
            for (int i = 0; i < c; i++)
                for (int j = 0; j < n; j++) {
                    double dh = g[i * n + j] * wd[i];
                    gx[i * n + j] += rstd[j] * (dh - sums[j] / c - h[i * n + j] * dots[j] / c);
                }
        });
    }

    @Override
    protected List<Param> ownParams() {
        List<Param> ps = new ArrayList<>();
        if (weight != null) {
            ps.add(weight);
            ps.add(bias);
        }
        return ps;
    }

    @Override
    public String type() {
        return "layernorm";
    }

    @Override
    public void write(LayerWriter out) {
        out.integer("width", width);
        out.number("eps", eps);
        out.row("weight", weight.value);
        out.row("bias", bias.value);
    }

    static Layer read(LayerReader in) {
        LayerNorm ln = new LayerNorm(in.width("width"), in.number("eps"));
        in.row("weight", ln.weight.value);
        in.row("bias", ln.bias.value);
        return ln;
    }

    @Override
    public String describe() {
        return "layernorm(" + (width < 0 ? "?" : width) + ")";
    }

    @Override
    public Value member(String name) {
        return switch (name) {
            case "weight" -> paramValue(weight, "weight");
            case "bias" -> paramValue(bias, "bias");
            case "eps" -> new Num(eps);
            default -> null;
        };
    }

    @Override
    public List<String> memberNames() {
        return List.of("weight", "bias", "eps");
    }
}
