package mlp.eval;

import mlp.autograd.Node;
import mlp.autograd.Ops;
import mlp.autograd.SelectOps;
import mlp.tensor.Limits;
import mlp.tensor.Shapes;
import mlp.value.Num;
import mlp.value.Tensor;
import mlp.value.Value;
import org.ejml.data.DMatrixRMaj;

import java.util.function.DoubleUnaryOperator;

/** More on tensors: reshape, std, var, argmin, round, floor, ceil, clip, where. */
final class TensorBuiltins implements Builtins.Module {
    // the signatures, and a handle for each parameter the bodies read: checked when this class initialises (see Param)
    private static final Signature RESHAPE = Signature.of("reshape(X, r, c)");
    private static final Signature VAR = Signature.of("var(x, dim=)");
    private static final Signature STD = Signature.of("std(x, dim=)");
    private static final Signature ARGMIN = Signature.of("argmin(x, dim=)");
    private static final Signature CLIP = Signature.of("clip(x, lo, hi)");
    private static final Signature WHERE = Signature.of("where(c, a, b)");
    private static final Param A = Param.of("a", WHERE);
    private static final Param B = Param.of("b", WHERE);
    private static final Param C = Param.of("c", RESHAPE, WHERE);
    private static final Param CAP_X = Param.of("X", RESHAPE);
    private static final Param DIM = Param.of("dim", VAR, STD, ARGMIN);
    private static final Param HI = Param.of("hi", CLIP);
    private static final Param LO = Param.of("lo", CLIP);
    private static final Param R = Param.of("r", RESHAPE);
    private static final Param X = Param.of("x", VAR, STD, ARGMIN, CLIP);

    @Override
    public void register(Builtins b) {
        b.function("Data", RESHAPE,
                "The elements of X, read row by row, as an r×c tensor (r×c must be X's number of elements).\n"
                        + "Example: reshape([1, 2, 3, 4, 5, 6], 2, 3) is [[1, 2, 3], [4, 5, 6]]",
                a -> {
                    Tensor x = a.tensor(CAP_X);
                    int r = a.count(R), c = a.count(C);
                    if ((long) r * c != (long) x.rows() * x.cols())
                        throw a.error(C, "reshape: X " + Shapes.of(x.data()) + " has " + (long) x.rows() * x.cols()
                                + " elements, which cannot be " + r + "×" + c + " (" + (long) r * c + ")");
                    return new Tensor(Ops.reshape(x.node(), r, c));
                }).differentiable();
        b.function("Math", VAR,
                "The variance: the mean of the squared deviations from the mean (population, as NumPy's var).\n"
                        + "Over all of x as a number, or along dim=0 (each column, 1×c) or dim=1 (each row, r×1).",
                a -> spread(a, false)).differentiable();
        b.function("Math", STD,
                "The standard deviation (population, as NumPy's std): the square root of var(x, dim=).",
                a -> spread(a, true)).differentiable();
        b.function("Math", ARGMIN,
                "The position of the smallest element (the first one on ties); like argmax.\n"
                        + "With no dim, counted over all elements row by row, as a number; dim=0 the row of the\n"
                        + "smallest in each column (1×c), dim=1 the column of the smallest in each row (r×1).",
                MathBuiltins::argmin);
        rounding(b, "round", "Each element rounded to the nearest whole number (halves to the even one, as NumPy).", Math::rint);
        rounding(b, "floor", "Each element rounded down to a whole number.", Math::floor);
        rounding(b, "ceil", "Each element rounded up to a whole number.", Math::ceil);
        b.function("Math", CLIP,
                "Each element held between lo and hi: below lo it becomes lo, above hi it becomes hi.\n"
                        + "Its gradient is 1 where x was inside [lo, hi], 0 where it was clipped.",
                a -> {
                    double lo = a.number(LO), hi = a.number(HI);
                    if (!(lo <= hi)) throw a.error(HI, "clip(x, lo, hi): lo must not be above hi");
                    Value x = a.get(X);
                    if (x instanceof Num n) return new Num(Double.isNaN(n.value()) ? n.value() : Math.min(hi, Math.max(lo, n.value())));
                    return new Tensor(SelectOps.clip(a.tensor(X).node(), lo, hi));
                }).differentiable();
        b.function("Math", WHERE,
                "Elementwise choice: a's element where c is non-zero (true), b's elsewhere; c, a and b broadcast.\n"
                        + "Example: where(x > 0, x, 0.01 * x) is a leaky relu. The gradient goes to the one taken.",
                a -> {
                    Value c = a.get(C), x = a.get(A), y = a.get(B);
                    if (c instanceof Num && x instanceof Num && y instanceof Num)
                        return ((Num) c).value() != 0 ? x : y;
                    return new Tensor(SelectOps.where(a.tensor(C).node(), a.tensor(A).node(), a.tensor(B).node()));
                }).differentiable();
    }

    /** var or std: built from mean, subtraction and product nodes, so its gradient comes with them. */
    private static Value spread(Args a, boolean root) {
        Tensor x = a.tensor(X);
        int dim = DataBuiltins.dim(a, DIM);
        if (x.rows() * x.cols() == 0 || (dim == 0 && x.rows() == 0) || (dim == 1 && x.cols() == 0))
            throw a.error(X, a.sig() + ": x is empty " + Shapes.of(x.data()));
        Node n = x.node();
        Node d = Ops.sub(n, Ops.mean(n, dim));
        Node v = Ops.mean(Ops.mul(d, d), dim);
        if (root) v = Ops.sqrt(v);
        if (dim == -1 && !v.requiresGrad()) return new Num(v.value.data[0]);
        return new Tensor(v);
    }

    private static void rounding(Builtins b, String name, String help, DoubleUnaryOperator f) {
        Signature sig = Signature.of(name + "(x)");
        Param arg = Param.of("x", sig); // checked here, as the built-in is declared
        b.function("Math", sig, help + " It has no gradient.", a -> {
            Value x = a.get(arg);
            if (x instanceof Num n) return new Num(f.applyAsDouble(n.value()));
            Tensor t = a.tensor(arg);
            DMatrixRMaj out = Limits.matrix(t.rows(), t.cols());
            for (int i = 0; i < out.getNumElements(); i++) out.data[i] = f.applyAsDouble(t.data().data[i]);
            return new Tensor(out);
        });
    }
}
