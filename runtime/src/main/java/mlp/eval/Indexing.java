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
        return index(target, ix, eval, false);
    }

    static Value index(Value target, Expr.Index ix, Function<Expr, Value> eval, boolean compiling) {
        if (target instanceof Tensor t) {
            if (t.rows() == 1 && ix.cols() == null && ix.rows() instanceof Expr.At
                    && ix.target() instanceof Expr.Index inner && inner.cols() == null && inner.rows() instanceof Expr.At)
                throw new MlpError("for one element write [i, j], not [i][j]: the second [ ] would index the row the first one"
                        + " gave", ix.pos());
            Object rows = selection(ix.rows(), t.rows(), "row", t, eval, true, compiling);
            Object cols = ix.cols() == null ? new Range(0, t.cols(), false)
                    : selection(ix.cols(), t.cols(), "column", t, eval, false, compiling);
            if (rows instanceof Range r && cols instanceof Range c) {
                if (r.single() && c.single()) return new Num(t.get(r.from(), c.from()));
                return new Tensor(Ops.slice(t.node(), r.from(), r.to(), c.from(), c.to()));
            }
            mlp.autograd.Node n = t.node();
            n = rows instanceof Range r ? Ops.slice(n, r.from(), r.to(), 0, n.cols()) : mlp.autograd.SelectOps.rows(n, (int[]) rows);
            n = cols instanceof Range c ? Ops.slice(n, 0, n.rows(), c.from(), c.to()) : mlp.autograd.SelectOps.cols(n, (int[]) cols);
            return new Tensor(n);
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
            if (ix.rows() instanceof Expr.StepSlice s) {
                java.util.List<Value> items = new java.util.ArrayList<>();
                for (int i : stepped(s, list.length(), eval)) items.add(list.item(i));
                return new ListValue(items);
            }
            Range r = range(ix.rows(), list.length(), "item", target, eval);
            if (r.single()) return list.item(r.from());
            java.util.List<Value> items = new java.util.ArrayList<>();
            for (int i = r.from(); i < r.to(); i++) items.add(list.item(i));
            return new ListValue(items);
        }
        throw new MlpError(Interpreter.describe(target) + " cannot be indexed", ix.pos());
    }

    /**
     * One axis of a tensor's index: a {@link Range}, or the positions picked (an int[]) by an
     * index tensor, a 0/1 mask column (rows only) or a step slice.
     */
    private static Object selection(Expr.Selector sel, int size, String axis, Tensor target, Function<Expr, Value> eval,
                                    boolean rowAxis, boolean compiling) {
        if (sel instanceof Expr.StepSlice s) return stepped(s, size, eval);
        if (sel instanceof Expr.At at) {
            Value v = eval.apply(at.index());
            if (v instanceof Tensor t && (t.rows() != 1 || t.cols() != 1)) return picks(t, size, axis, target, at, rowAxis, compiling);
            return range(sel, size, axis, target, e -> e == at.index() ? v : eval.apply(e)); // evaluated once
        }
        return range(sel, size, axis, target, eval);
    }

    /** The positions an index tensor picks: a row of whole numbers, or (rows) a 0/1 column as long as the axis. */
    private static int[] picks(Tensor index, int size, String axis, Tensor target, Expr.At at, boolean rowAxis, boolean compiling) {
        if (rowAxis && index.cols() == 1 && index.rows() == size) {
            if (compiling && index.node().requiresGrad())
                throw new MlpError("a mask that depends on the input cannot select rows inside a function layer or loss (the"
                        + " training graph is built once; choose elementwise with where(mask, a, b))", at.pos());
            int count = 0;
            for (int r = 0; r < size; r++) {
                double m = index.get(r, 0);
                if (m != 0 && m != 1)
                    throw new MlpError("a mask must hold only 0 and 1, but row " + r + " is " + mlp.value.Format.number(m), at.pos());
                if (m == 1) count++;
            }
            int[] out = new int[count];
            for (int r = 0, k = 0; r < size; r++) if (index.get(r, 0) == 1) out[k++] = r;
            return out;
        }
        if (index.rows() != 1)
            throw new MlpError("an index tensor must be one row of positions (like [0, 2, 5])" + (rowAxis
                    ? " or a 0/1 column with one entry per row of " + shape(target) + " (a mask)" : "") + ", not "
                    + Shapes.of(index.data()), at.pos());
        int[] out = new int[index.cols()];
        for (int i = 0; i < out.length; i++) {
            double d = index.get(0, i);
            if (d != Math.rint(d) || Double.isInfinite(d))
                throw new MlpError("an index must be a whole number, not " + mlp.value.Format.number(d), at.pos());
            long k = d < 0 ? (long) d + size : (long) d;
            if (k < 0 || k >= size)
                throw new MlpError(axis + " index " + mlp.value.Format.number(d) + " is out of range for " + shape(target)
                        + (size == 0 ? " (it has no " + axis + "s)" : " (valid: " + (-size) + " to " + (size - 1) + ")"), at.pos());
            out[i] = (int) k;
        }
        return out;
    }

    private static int[] stepped(Expr.StepSlice s, int size, Function<Expr, Value> eval) {
        Long from = s.start() == null ? null : whole(eval.apply(s.start()), s.start());
        Long to = s.stop() == null ? null : whole(eval.apply(s.stop()), s.stop());
        long step = s.step() == null ? 1 : whole(eval.apply(s.step()), s.step());
        try {
            return mlp.autograd.SelectOps.stepped(from, to, step, size);
        } catch (MlpError e) {
            throw e.at(s.step() != null ? s.step().pos() : s.pos());
        }
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
