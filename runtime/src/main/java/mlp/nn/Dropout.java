package mlp.nn;

import mlp.MlpError;
import mlp.autograd.LayerOps;
import mlp.autograd.Node;
import mlp.value.Format;
import mlp.value.Num;
import mlp.value.Value;

import java.util.List;

/** {@code dropout(p)}: while training, zeroes each element with probability p and scales the rest by 1/(1-p); otherwise nothing. */
public final class Dropout extends AnyWidthLayer {
    private final double p;

    public Dropout(double p) {
        if (!(p >= 0 && p <= 1)) throw new MlpError("dropout(p): p must be between 0 and 1, not " + Format.number(p));
        this.p = p;
    }

    public double p() {
        return p;
    }

    @Override
    public Node forward(Node x, Graph graph) {
        if (!graph.training() || p == 0) return x;
        return LayerOps.dropout(x, p, graph.random());
    }

    @Override
    public String type() {
        return "dropout";
    }

    @Override
    public void write(LayerWriter out) {
        out.number("p", p);
    }

    static Layer read(LayerReader in) {
        double p = in.number("p");
        if (!(p >= 0 && p <= 1)) throw in.bad(".p must be between 0 and 1");
        return new Dropout(p);
    }

    @Override
    public String describe() {
        return "dropout(" + Format.number(p) + ")";
    }

    @Override
    public Value member(String name) {
        return name.equals("p") ? new Num(p) : null;
    }

    @Override
    public List<String> memberNames() {
        return List.of("p");
    }
}
