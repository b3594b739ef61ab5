package mlp.eval;

import mlp.MlpError;
import mlp.value.Format;
import mlp.value.Indexable;
import mlp.value.ListValue;
import mlp.value.Num;
import mlp.value.Str;
import mlp.value.Tensor;
import mlp.value.Value;

import java.util.ArrayList;
import java.util.List;

/** Lists and strings: range, len, map, append, str, format; the constants nan and inf. */
final class ListBuiltins implements Builtins.Module {
    // the signatures, and a handle for each parameter the bodies read: checked when this class initialises (see Param)
    private static final Signature RANGE = Signature.of("range(a, b=, step=1)");
    private static final Signature LEN = Signature.of("len(v)");
    private static final Signature MAP = Signature.of("map(xs, f)");
    private static final Signature APPEND = Signature.of("append(xs, v)");
    private static final Signature STR = Signature.of("str(v)");
    private static final Signature FORMAT = Signature.of("format(x, digits)");
    private static final Param A = Param.of("a", RANGE);
    private static final Param B = Param.of("b", RANGE);
    private static final Param DIGITS = Param.of("digits", FORMAT);
    private static final Param F = Param.of("f", MAP);
    private static final Param STEP = Param.of("step", RANGE);
    private static final Param V = Param.of("v", LEN, APPEND, STR);
    private static final Param X = Param.of("x", FORMAT);
    private static final Param XS = Param.of("xs", MAP, APPEND);

    @Override
    public void register(Builtins b) {
        b.value("Constants", "nan", "nan", "Not a number: what 0/0 gives. nan == nan is false.", new Num(Double.NaN));
        b.value("Constants", "inf", "inf", "Infinity, larger than every number; -inf is smaller than every number.",
                new Num(Double.POSITIVE_INFINITY));

        b.function("Lists", RANGE,
                "The whole numbers from a up to b (b left out) in steps of step, as a list.\n"
                        + "range(3) is [0, 1, 2] (from 0 up to a), range(2, 5) is [2, 3, 4], range(0, 10, 3) is\n"
                        + "[0, 3, 6, 9], range(5, 0, -2) is [5, 3, 1].\n"
                        + "Example: for i in range(3) { print(i) }",
                ListBuiltins::range).differentiable();
        b.function("Lists", LEN,
                "The number of items of a list, rows of a tensor, or characters of a string.",
                a -> {
                    Value v = a.get(V);
                    if (v instanceof Tensor t) return new Num(t.rows());
                    if (v instanceof Str s) return new Num(s.value().codePointCount(0, s.value().length()));
                    if (v instanceof Indexable i) return new Num(i.length());
                    throw a.error(V, "len(v) takes a list, a tensor or a string, not " + Interpreter.describe(v));
                }).differentiable();
        b.function("Lists", MAP,
                "A list of f applied to each item of xs (a list, or the numbers or rows of a tensor, as for walks them).\n"
                        + "Example: map([1, 2, 3], x -> x ^ 2) is the list [1, 4, 9]; map(runs, r -> r.loss[-1, 0])",
                a -> {
                    Value fn = a.get(F);
                    List<Value> out = new ArrayList<>();
                    for (Value item : items(a, XS)) out.add(a.interpreter().call(fn, a.pos(F), item));
                    return new ListValue(out);
                }).differentiable();
        b.function("Lists", APPEND,
                "A new list: the items of xs, then v (xs itself is left as it was).\n"
                        + "Example: runs = append(runs, train(model, X, y))",
                a -> {
                    Value xs = a.get(XS);
                    if (!(xs instanceof ListValue l))
                        throw a.error(XS, "append(xs, v): xs must be a list (start with []), not " + Interpreter.describe(xs)
                                + (xs instanceof Tensor ? " (join tensors with cat)" : ""));
                    List<Value> items = new ArrayList<>(l.items());
                    items.add(a.get(V));
                    return new ListValue(items);
                }).differentiable();

        b.function("Output", STR,
                "What print would show for v, as a string: \"loss: \" + str(mse(model(X), y)).",
                a -> {
                    String s = Format.print(a.get(V));
                    mlp.tensor.Limits.checkString(s.length());
                    return new Str(s);
                }).differentiable();
        b.function("Output", FORMAT,
                "The number x as a string with that many significant digits (as Python's '%.{digits}g').\n"
                        + "format(pi, 3) is \"3.14\", format(0.000123456, 2) is \"0.00012\", format(123456, 2) is \"1.2e+05\".",
                a -> {
                    long digits = a.integer(DIGITS);
                    if (digits < 1 || digits > 17) throw a.error(DIGITS, "format(x, digits): digits must be 1 to 17, not " + digits);
                    return new Str(mlp.value.Format.significant(a.number(X), (int) digits));
                });
    }

    /** The numbers of range(...): one argument counts from 0. */
    private static Value range(Args a) {
        long from = 0, to, step = a.integer(STEP);
        if (a.has(B)) {
            from = a.integer(A);
            to = a.integer(B);
        } else to = a.integer(A);
        if (step == 0) throw a.error(STEP, "range: step cannot be 0");
        long count = Math.max(0, step > 0 ? (to - from + step - 1) / step : (from - to - step - 1) / -step);
        if (count > ListValue.MAX_SIZE)
            throw new MlpError("range: " + count + " numbers are too many for a list (at most " + ListValue.MAX_SIZE + ")", a.callPos());
        List<Value> out = new ArrayList<>((int) count);
        for (long i = 0; i < count; i++) out.add(new Num(from + i * step));
        return new ListValue(out);
    }

    private static List<Value> items(Args a, Param param) {
        Value v = a.get(param);
        if (v instanceof ListValue l) return l.items();
        if (v instanceof Tensor t) return Blocks.items(t, null);
        throw a.error(param, a.sig() + ": " + param + " must be a list or a tensor, not " + Interpreter.describe(v));
    }
}
