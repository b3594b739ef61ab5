package mlp.eval;

import mlp.MlpError;
import mlp.autograd.Node;
import mlp.autograd.Ops;
import mlp.tensor.Limits;
import mlp.value.Tensor;
import mlp.value.Value;
import org.ejml.data.DMatrixRMaj;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Making tensors: random draws, constants, ranges, joining. */
final class DataBuiltins implements Builtins.Module {
    @Override
    public void register(Builtins b) {
        b.function("Data", "randn(r, c)", "An r×c tensor of draws from the standard normal distribution.",
                a -> random(a, Random::nextGaussian));
        b.function("Data", "rand(r, c)", "An r×c tensor of draws uniform in [0, 1).",
                a -> random(a, Random::nextDouble));
        b.function("Data", "zeros(r, c)", "An r×c tensor of zeros.", a -> filled(a, 0));
        b.function("Data", "ones(r, c)", "An r×c tensor of ones.", a -> filled(a, 1));
        b.function("Data", "eye(n)", "The n×n identity matrix.", a -> {
            int n = a.count("n");
            DMatrixRMaj m = Limits.matrix(n, n);
            for (int i = 0; i < n; i++) m.unsafe_set(i, i, 1);
            return new Tensor(m);
        });
        b.function("Data", "linspace(a, b, n)", "n evenly spaced numbers from a to b (both included), as an n×1 column.", a -> {
            double from = a.number("a"), to = a.number("b");
            int n = a.count("n");
            DMatrixRMaj m = Limits.matrix(n, 1);
            for (int i = 0; i < n; i++) m.data[i] = n == 1 ? from : from + (to - from) * i / (n - 1);
            if (n > 1) m.data[n - 1] = to;
            return new Tensor(m);
        });
        b.function("Data", "cat(a, b, ..., dim=0)",
                "Joins tensors one under another (dim=0, the default: same number of columns)\n"
                        + "or side by side (dim=1: same number of rows).",
                a -> {
                    int dim = dim(a);
                    if (dim < 0) throw a.error("dim", "cat(a, b, ..., dim=0): dim must be 0 or 1");
                    return new Tensor(Ops.cat(nodes(a, "cat"), dim));
                });
        b.function("Data", "stack(c1, c2, ...)",
                "Puts n×1 columns side by side into an n×k tensor (a 1×n row counts as a column).",
                a -> {
                    Node[] parts = nodes(a, "stack");
                    for (int i = 0; i < parts.length; i++) {
                        Node p = parts[i];
                        if (p.rows() == 1 && p.cols() > 1) parts[i] = Ops.transpose(p);
                        else if (p.cols() != 1)
                            throw new MlpError("stack(c1, c2, ...) takes columns (n×1), but argument " + (i + 1)
                                    + " is " + mlp.tensor.Shapes.of(p.value) + "; use cat(..., dim=1) to join wider tensors",
                                    i < 2 ? a.pos(i == 0 ? "c1" : "c2") : a.restPos(i - 2));
                    }
                    return new Tensor(Ops.cat(parts, 1));
                });
    }

    /** The dim= argument of cat and the reductions: -1 when absent... or bad. */
    static int dim(Args a) {
        if (!a.has("dim")) return -1;
        long d = a.integer("dim");
        if (d != 0 && d != 1) return -2;
        return (int) d;
    }

    private static Node[] nodes(Args a, String fn) {
        List<Node> out = new ArrayList<>();
        List<String> firstTwo = a.sig().params().stream().filter(p -> p.positional()).map(p -> p.name()).toList();
        for (String p : firstTwo) out.add(a.tensor(p).node());
        for (int i = 0; i < a.rest().size(); i++) {
            Value v = a.rest().get(i);
            if (!(v instanceof Tensor t))
                throw new MlpError(fn + ": argument " + (i + 3) + " must be a tensor, not " + Interpreter.describe(v), a.restPos(i));
            out.add(t.node());
        }
        return out.toArray(new Node[0]);
    }

    private interface Draw {
        double next(Random r);
    }

    private static Value random(Args a, Draw draw) {
        DMatrixRMaj m = Limits.matrix(a.count("r"), a.count("c"));
        Random r = a.interpreter().random();
        for (int i = 0; i < m.data.length && i < m.getNumElements(); i++) m.data[i] = draw.next(r);
        return new Tensor(m);
    }

    private static Value filled(Args a, double v) {
        DMatrixRMaj m = Limits.matrix(a.count("r"), a.count("c"));
        if (v != 0) java.util.Arrays.fill(m.data, 0, m.getNumElements(), v);
        return new Tensor(m);
    }
}
