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
    @Override
    public void register(Builtins b) {
        b.value("Constants", "nan", "nan", "Not a number: what 0/0 gives. nan == nan is false.", new Num(Double.NaN));
        b.value("Constants", "inf", "inf", "Infinity, larger than every number; -inf is smaller than every number.",
                new Num(Double.POSITIVE_INFINITY));

        b.function("Lists", "range(a, b=, step=1)",
                "The whole numbers from a up to b (b left out) in steps of step, as a list.\n"
                        + "range(3) is [0, 1, 2] (from 0 up to a), range(2, 5) is [2, 3, 4], range(0, 10, 3) is\n"
                        + "[0, 3, 6, 9], range(5, 0, -2) is [5, 3, 1].\n"
                        + "Example: for i in range(3) { print(i) }",
                ListBuiltins::range).differentiable();
        b.function("Lists", "len(v)",
                "The number of items of a list, rows of a tensor, or characters of a string.",
                a -> {
                    Value v = a.get("v");
                    if (v instanceof Tensor t) return new Num(t.rows());
                    if (v instanceof Str s) return new Num(s.value().codePointCount(0, s.value().length()));
                    if (v instanceof Indexable i) return new Num(i.length());
                    throw a.error("v", "len(v) takes a list, a tensor or a string, not " + Interpreter.describe(v));
                }).differentiable();
        b.function("Lists", "map(xs, f)",
                "A list of f applied to each item of xs (a list, or the numbers or rows of a tensor, as for walks them).\n"
                        + "Example: map([1, 2, 3], x -> x ^ 2) is the list [1, 4, 9]; map(runs, r -> r.loss[-1, 0])",
                a -> {
                    Value fn = a.get("f");
                    List<Value> out = new ArrayList<>();
                    for (Value item : items(a, "xs")) out.add(a.interpreter().call(fn, a.pos("f"), item));
                    return new ListValue(out);
                }).differentiable();
        b.function("Lists", "append(xs, v)",
                "A new list: the items of xs, then v (xs itself is left as it was).\n"
                        + "Example: runs = append(runs, train(model, X, y))",
                a -> {
                    Value xs = a.get("xs");
                    if (!(xs instanceof ListValue l))
                        throw a.error("xs", "append(xs, v): xs must be a list (start with []), not " + Interpreter.describe(xs)
                                + (xs instanceof Tensor ? " (join tensors with cat)" : ""));
                    List<Value> items = new ArrayList<>(l.items());
                    items.add(a.get("v"));
                    return new ListValue(items);
                }).differentiable();

        b.function("Output", "str(v)",
                "What print would show for v, as a string: \"loss: \" + str(mse(model(X), y)).",
                a -> {
                    String s = Format.print(a.get("v"));
                    mlp.tensor.Limits.checkString(s.length());
                    return new Str(s);
                }).differentiable();
        b.function("Output", "format(x, digits)",
                "The number x as a string with that many significant digits (as Python's '%.{digits}g').\n"
                        + "format(pi, 3) is \"3.14\", format(0.000123456, 2) is \"0.00012\", format(123456, 2) is \"1.2e+05\".",
                a -> {
                    long digits = a.integer("digits");
                    if (digits < 1 || digits > 17) throw a.error("digits", "format(x, digits): digits must be 1 to 17, not " + digits);
                    return new Str(mlp.value.Format.significant(a.number("x"), (int) digits));
                });
    }

    /** The numbers of range(...): one argument counts from 0. */
    private static Value range(Args a) {
        long from = 0, to, step = a.integer("step");
        if (a.has("b")) {
            from = a.integer("a");
            to = a.integer("b");
        } else to = a.integer("a");
        if (step == 0) throw a.error("step", "range: step cannot be 0");
        long count = Math.max(0, step > 0 ? (to - from + step - 1) / step : (from - to - step - 1) / -step);
        if (count > ListValue.MAX_SIZE)
            throw new MlpError("range: " + count + " numbers are too many for a list (at most " + ListValue.MAX_SIZE + ")", a.callPos());
        List<Value> out = new ArrayList<>((int) count);
        for (long i = 0; i < count; i++) out.add(new Num(from + i * step));
        return new ListValue(out);
    }

    private static List<Value> items(Args a, String param) {
        Value v = a.get(param);
        if (v instanceof ListValue l) return l.items();
        if (v instanceof Tensor t) return Blocks.items(t, null);
        throw a.error(param, a.sig() + ": " + param + " must be a list or a tensor, not " + Interpreter.describe(v));
    }
}
