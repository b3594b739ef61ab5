package mlp.nn;

import mlp.MlpError;
import mlp.autograd.LayerOps;
import mlp.autograd.Node;
import mlp.value.Num;
import mlp.value.Tensor;
import mlp.value.Value;
import org.ejml.data.DMatrixRMaj;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * {@code batchnorm(width)}: PyTorch's BatchNorm1d. While training each column is normalised by
 * the batch's mean and (biased) variance and the running statistics move towards them
 * (momentum 0.1, the unbiased variance); otherwise the running statistics are used. Then a
 * learnable scale ({@code .weight}, starting at 1) and shift ({@code .bias}, starting at 0).
 */
public final class BatchNorm extends Layer {
    public static final double MOMENTUM = 0.1;
    public static final double EPS = 1e-5;

    private int width = -1;
    private final double momentum;
    private final double eps;
    private Param weight;
    private Param bias;
    private DMatrixRMaj runningMean;
    private DMatrixRMaj runningVar;

    public BatchNorm(int width) {
        this(width, MOMENTUM, EPS);
    }

    public BatchNorm(int width, double momentum, double eps) {
        this.momentum = momentum;
        this.eps = eps;
        if (width == 0 || width < -1) throw new MlpError("batchnorm needs a width of at least 1, not " + width);
        if (width > 0) resolve(width, null, Given.LAYER_BEFORE);
    }

    public int width() {
        return width;
    }

    public double momentum() {
        return momentum;
    }

    public double eps() {
        return eps;
    }

    public Param weight() {
        return weight;
    }

    public Param bias() {
        return bias;
    }

    public DMatrixRMaj runningMean() {
        return runningMean;
    }

    public DMatrixRMaj runningVar() {
        return runningVar;
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
        mlp.tensor.Limits.check(1, in);
        width = in;
        weight = new Param("weight", new DMatrixRMaj(1, in));
        bias = new Param("bias", new DMatrixRMaj(1, in));
        runningMean = new DMatrixRMaj(1, in);
        runningVar = new DMatrixRMaj(1, in);
        java.util.Arrays.fill(weight.value.data, 1.0);
        java.util.Arrays.fill(runningVar.data, 1.0);
    }

    @Override
    public boolean resolved() {
        return width >= 0;
    }

    @Override
    public Node forward(Node x, Graph graph) {
        if (!graph.training())
            return LayerOps.batchNormInfer(x, graph.param(weight), graph.param(bias), runningMean, runningVar, eps);
        if (graph.batchNorms() != null) return graph.batchNorms().build(this, x, graph.param(weight), graph.param(bias));
        if (x.cols() < 2) // feature-major: the samples are the columns
            throw new MlpError(describe() + " needs more than one row per batch while training (the batch's variance of one row is undefined)");
        return LayerOps.batchNormTrain(x, graph.param(weight), graph.param(bias), runningMean, runningVar, momentum, eps);
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
    protected List<DMatrixRMaj> ownBuffers() {
        return runningMean == null ? List.of() : List.of(runningMean, runningVar);
    }

    /**
     * Its ONNX form, inference: (x - mean) / sqrt(var + eps) * weight + bias, eps a float64
     * initializer (BatchNormalization's epsilon attribute is a float32).
     */
    public static final OnnxExpr.Op ONNX = OnnxExpr.op("Add", OnnxExpr.op("Mul", OnnxExpr.op("Div",
            OnnxExpr.op("Sub", OnnxExpr.X, OnnxExpr.c("mean")), OnnxExpr.op("Sqrt", OnnxExpr.op("Add", OnnxExpr.c("var"), OnnxExpr.s("eps")))),
            OnnxExpr.c("weight")), OnnxExpr.c("bias"));

    @Override
    public String writeOnnx(OnnxWriter out, String x) {
        return out.emit(ONNX, x, java.util.Map.of("mean", runningMean, "var", runningVar,
                "eps", new DMatrixRMaj(new double[][]{{eps}}), "weight", weight.value, "bias", bias.value));
    }

    @Override
    public String type() {
        return "batchnorm";
    }

    @Override
    public void write(LayerWriter out) {
        out.integer("width", width);
        out.number("momentum", momentum);
        out.number("eps", eps);
        out.row("weight", weight.value);
        out.row("bias", bias.value);
        out.row("running_mean", runningMean);
        out.row("running_var", runningVar);
    }

    static Layer read(LayerReader in) {
        BatchNorm bn = new BatchNorm(in.width("width"), in.number("momentum"), in.number("eps"));
        in.row("weight", bn.weight.value);
        in.row("bias", bn.bias.value);
        in.row("running_mean", bn.runningMean);
        in.row("running_var", bn.runningVar);
        return bn;
    }

    @Override
    public String describe() {
        return "batchnorm(" + (width < 0 ? "?" : width) + ")";
    }

    @Override
    public Value member(String name) {
        return switch (name) {
            case "weight" -> paramValue(weight, "weight");
            case "bias" -> paramValue(bias, "bias");
            case "running_mean" -> stat(runningMean);
            case "running_var" -> stat(runningVar);
            case "momentum" -> new Num(momentum);
            case "eps" -> new Num(eps);
            default -> null;
        };
    }

    private Value stat(DMatrixRMaj m) {
        if (m == null) throw new MlpError(describe() + " has no running statistics yet: its width is not known");
        return new Tensor(m.copy());
    }

    @Override
    public List<String> memberNames() {
        return List.of("weight", "bias", "running_mean", "running_var", "momentum", "eps");
    }
}
