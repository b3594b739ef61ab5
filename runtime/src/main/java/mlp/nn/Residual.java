package mlp.nn;

import mlp.MlpError;
import mlp.autograd.Node;
import mlp.autograd.Ops;
import mlp.value.Indexable;
import mlp.value.ListValue;
import mlp.value.Value;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * {@code x + inner(x)}. {@code residual(width)} (and a bare {@code residual}, whose width comes
 * from the layer before) is the tutorial's block, {@code inner = linear |> relu |> linear}, both
 * linears width×width with the given init; {@code residual(stack)} wraps any stack that keeps the
 * width.
 */
public final class Residual extends Layer implements Indexable {
    private final Init init;      // for the tutorial's block; null when wrapping a given stack
    private final boolean block;  // true: the tutorial's block, made when the width is known
    private Layer inner;
    private int width = -1;

    /** The tutorial's block; {@code width} may be -1 (resolved later). */
    public static Residual block(int width, Init init, Random random) {
        Residual r = new Residual(null, init, true);
        if (width >= 0) r.resolve(width, random, Given.LAYER_BEFORE);
        return r;
    }

    /** {@code x + stack(x)}. */
    public static Residual around(Layer stack) {
        checkSize(List.of(stack));
        Residual r = new Residual(stack, null, false);
        int in = stack.inWidth();
        if (in >= 0) {
            int out = stack.outWidth(in);
            if (out >= 0 && out != in) throw r.notKeeping(in, out);
            if (out >= 0) r.width = in;
        }
        return r;
    }

    private Residual(Layer inner, Init init, boolean block) {
        this.inner = inner;
        this.init = init;
        this.block = block;
    }

    public Layer inner() {
        return inner;
    }

    public boolean isBlock() {
        return block;
    }

    public Init init() {
        return init;
    }

    private MlpError notKeeping(int in, int out) {
        return new MlpError("residual(stack) needs a stack that keeps the width (x + stack(x)), but "
                + inner.describe() + " turns " + in + " columns into " + out);
    }

    @Override
    public int inWidth() {
        return width >= 0 ? width : inner == null ? -1 : inner.inWidth();
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
        if (block) {
            if (in < 1) throw new MlpError(describe() + " cannot take " + in + " inputs");
            inner = new Stack(List.of(new Linear(in, in, true, init, random), Activation.RELU, new Linear(in, in, true, init, random)));
        } else {
            int want = inner.inWidth();
            if (want >= 0 && want != in) throw widthError(want, in, given);
            inner.resolve(in, random, given);
            int out = inner.outWidth(in);
            if (out != in) throw notKeeping(in, out);
        }
        width = in;
    }

    @Override
    public boolean resolved() {
        return width >= 0 && inner != null && inner.resolved();
    }

    @Override
    public Node forward(Node x, Graph graph) {
        return Ops.add(x, inner.forward(x, graph));
    }

    @Override
    public List<Layer> children() {
        return inner == null ? List.of() : List.of(inner);
    }

    @Override
    public String type() {
        return "residual";
    }

    @Override
    public void write(LayerWriter out) {
        out.bool("block", block);
        out.layer("inner", inner);
    }

    static Layer read(LayerReader in) {
        Layer inner = in.layer("inner");
        if (!in.bool("block", false)) {
            try {
                return around(inner);
            } catch (MlpError e) {
                throw in.bad(": " + e.plainMessage());
            }
        }
        if (!(inner instanceof Stack s) || s.layers().size() != 3 || !(s.layers().get(0) instanceof Linear a)
                || s.layers().get(1) != Activation.RELU || !(s.layers().get(2) instanceof Linear))
            throw in.bad(" is a residual block, but its inner layers are not linear, relu, linear");
        Residual r = block(a.in(), Init.ZEROS, null);
        List<Param> from = inner.params(), to = r.inner.params();
        for (int i = 0; i < from.size(); i++)
            System.arraycopy(from.get(i).value.data, 0, to.get(i).value.data, 0, from.get(i).size());
        return r;
    }

    @Override
    public String describe() {
        if (block) return "residual(" + (width < 0 ? "?" : width) + ")";
        return "residual(" + inner.describe() + ")";
    }

    private List<Layer> innerLayers() {
        if (inner == null) return List.of();
        return inner instanceof Stack s ? s.layers() : List.of(inner);
    }

    @Override
    public int length() {
        return innerLayers().size();
    }

    @Override
    public Value item(int i) {
        return innerLayers().get(i);
    }

    @Override
    public Value member(String name) {
        return name.equals("layers") ? new ListValue(new ArrayList<>(innerLayers())) : null;
    }

    @Override
    public List<String> memberNames() {
        return List.of("layers");
    }
}
