package mlp.nn;

import mlp.MlpError;
import mlp.autograd.LayerOps;
import mlp.autograd.Node;
import mlp.value.Value;
import org.ejml.data.DMatrixRMaj;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** {@code linear(in, out)}: x @ W' + b, with W out×in and b a 1×out row. */
public final class Linear extends Layer {
    private int in;
    private final int out;
    private final boolean hasBias;
    private final Init init;
    private Param weight;
    private Param bias;

    /** A linear layer; {@code in} may be -1 (resolved later), else the parameters are made now. */
    public Linear(int in, int out, boolean hasBias, Init init, Random random) {
        if (out < 1) throw new MlpError("a linear layer needs at least 1 output, not " + out);
        if (in == 0 || in < -1) throw new MlpError("a linear layer needs at least 1 input, not " + in);
        this.in = -1;
        this.out = out;
        this.hasBias = hasBias;
        this.init = init;
        if (in > 0) resolve(in, random, Given.LAYER_BEFORE);
    }

    public int in() {
        return in;
    }

    public int out() {
        return out;
    }

    public boolean hasBias() {
        return hasBias;
    }

    public Init init() {
        return init;
    }

    public Param weight() {
        return weight;
    }

    public Param bias() {
        return bias;
    }

    @Override
    public int inWidth() {
        return in;
    }

    @Override
    public int outWidth(int in) {
        return out;
    }

    @Override
    public void resolve(int width, Random random, Given given) {
        if (in >= 0) {
            if (width != in) throw widthError(in, width, given);
            return;
        }
        if (width < 1) throw new MlpError(describe() + " cannot take " + width + " inputs");
        mlp.tensor.Limits.check(out, width);
        in = width;
        weight = new Param("weight", new DMatrixRMaj(out, in));
        bias = hasBias ? new Param("bias", new DMatrixRMaj(1, out)) : null;
        init.fill(weight.value, hasBias ? bias.value : null, random);
    }

    @Override
    public boolean resolved() {
        return in >= 0;
    }

    @Override
    public Node forward(Node x, Graph graph) {
        return LayerOps.linear(x, graph.param(weight), hasBias ? graph.param(bias) : null);
    }

    @Override
    protected List<Param> ownParams() {
        List<Param> ps = new ArrayList<>();
        if (weight != null) ps.add(weight);
        if (bias != null) ps.add(bias);
        return ps;
    }

    @Override
    public String type() {
        return "linear";
    }

    @Override
    public void write(LayerWriter to) {
        to.integer("in", in);
        to.integer("out", out);
        to.matrix("weight", weight.value);
        if (hasBias) to.row("bias", bias.value);
    }

    static Layer read(LayerReader in) {
        boolean hasBias = in.has("bias");
        Linear lin = new Linear(in.width("in"), in.width("out"), hasBias, Init.ZEROS, null);
        in.matrix("weight", lin.weight.value);
        if (hasBias) in.row("bias", lin.bias.value);
        return lin;
    }

    @Override
    public String describe() {
        return "linear(" + (in < 0 ? "?" : in) + ", " + out + ")";
    }

    @Override
    public Value member(String name) {
        return switch (name) {
            case "weight" -> paramValue(weight, "weight");
            case "bias" -> {
                if (!hasBias) throw new MlpError(describe() + " has no bias (it was made with bias=false)");
                yield paramValue(bias, "bias");
            }
            default -> null;
        };
    }

    @Override
    public List<String> memberNames() {
        return hasBias ? List.of("weight", "bias") : List.of("weight");
    }
}
