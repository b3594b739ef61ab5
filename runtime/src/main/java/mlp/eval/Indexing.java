package mlp.eval;

import mlp.MlpError;
import mlp.autograd.Ops;
import mlp.syntax.Expr;
import mlp.tensor.Shapes;
import mlp.value.Indexable;
import mlp.value.ListValue;
import mlp.value.Num;
import mlp.value.Tensor;
import mlp.value.Value;

import java.util.function.Function;

/**
 * {@code v[i]}, {@code v[a:b]}, {@code v[i, j]}, {@code v[:, a:b]}: 0-based, negative indices
 * count from the end, slices are half-open and clipped like Python's.
 */
final class Indexing {
    private Indexing() {
    }

    /** A resolved selector on one axis: [from, to), and whether it was a single index. */
    private record Range(int from, int to, boolean single) {
    }

    static Value index(Value target, Expr.Index ix, Function<Expr, Value> eval) {
        if (target instanceof Tensor t) {
            Range rows = range(ix.rows(), t.rows(), "row", t, eval);
            Range cols = ix.cols() == null ? new Range(0, t.cols(), false) : range(ix.cols(), t.cols(), "column", t, eval);
            if (rows.single() && cols.single()) return new Num(t.get(rows.from(), cols.from()));
            return new Tensor(Ops.slice(t.node(), rows.from(), rows.to(), cols.from(), cols.to()));
        }
        if (target instanceof mlp.value.Sliceable d) { // a module's tensor (distributed): slices only
            int size = (int) Math.min(d.rows(), Integer.MAX_VALUE);
            Range rows = range(ix.rows(), size, "row", target, eval);
            Range cols = ix.cols() == null ? new Range(0, d.cols(), false) : range(ix.cols(), d.cols(), "column", target, eval);
            if (rows.single() && cols.single())
                throw new MlpError("a single element of " + Interpreter.describe(target) + " is not fetched one by one: slice it and collect it",
                        ix.pos());
            return d.slice(rows.from(), rows.to(), cols.from(), cols.to());
        }
        if (target instanceof Indexable list) {
            if (ix.cols() != null)
                throw new MlpError("a " + target.kind() + " has one axis; it takes one index, not two", ix.cols().pos());
            Range r = range(ix.rows(), list.length(), "item", target, eval);
            if (r.single()) return list.item(r.from());
            java.util.List<Value> items = new java.util.ArrayList<>();
            for (int i = r.from(); i < r.to(); i++) items.add(list.item(i));
            return new ListValue(items);
        }
        throw new MlpError(Interpreter.describe(target) + " cannot be indexed", ix.pos());
    }

    private static Range range(Expr.Selector sel, int size, String axis, Value target, Function<Expr, Value> eval) {
        if (sel instanceof Expr.At at) {
            long i = whole(eval.apply(at.index()), at.index());
            long k = i < 0 ? i + size : i;
            if (k < 0 || k >= size)
                throw new MlpError(axis + " index " + (Math.abs(i) < 1e15 ? Long.toString(i) : "of " + (i < 0 ? "-" : "") + "1e+15 or more")
                        + " is out of range for " + shape(target)
                        + (size == 0 ? " (it has no " + axis + "s)" : " (valid: " + (-size) + " to " + (size - 1) + ")"), at.pos());
            return new Range((int) k, (int) k + 1, true);
        }
        Expr.Slice s = (Expr.Slice) sel;
        int from = s.start() == null ? 0 : clip(whole(eval.apply(s.start()), s.start()), size);
        int to = s.stop() == null ? size : clip(whole(eval.apply(s.stop()), s.stop()), size);
        return new Range(from, Math.max(from, to), false);
    }

    private static int clip(long i, int size) {
        long k = i < 0 ? i + size : i;
        return (int) Math.max(0, Math.min(size, k));
    }

    private static long whole(Value v, Expr where) {
        double d;
        if (v instanceof Num n) d = n.value();
        else if (v instanceof Tensor t && t.rows() == 1 && t.cols() == 1) d = t.get(0, 0);
        else throw new MlpError("an index must be a whole number, not " + Interpreter.describe(v), where.pos());
        if (d != Math.rint(d) || Double.isInfinite(d))
            throw new MlpError("an index must be a whole number, not " + mlp.value.Format.number(d), where.pos());
        return (long) Math.max(Math.min(d, 1e15), -1e15);
    }

    private static String shape(Value target) {
        if (target instanceof Tensor t) return "a tensor " + Shapes.of(t.data());
        if (target instanceof mlp.value.Sliceable d) return Interpreter.describe(target) + " (" + d.rows() + "×" + d.cols() + ")";
        return Interpreter.describe(target);
    }
}
