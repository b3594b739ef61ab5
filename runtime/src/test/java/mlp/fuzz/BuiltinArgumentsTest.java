package mlp.fuzz;

import mlp.eval.Calls;
import mlp.eval.Builtins;
import mlp.eval.Signature;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every built-in of the registry ({@code Builtins.standard().entries()}), every one of its
 * parameters, given every kind of value it should not get — positionally and by name, with the
 * other arguments filled with ordinary values of several kinds: each call either works or fails
 * with an {@code MlpError} positioned in the call ({@link Harness}'s property). Then each function
 * once with an unknown named argument, and with empty and non-finite tensors everywhere.
 */
class BuiltinArgumentsTest {
    /** Values a parameter should not get (or only sometimes): every kind the language has, and edge cases. */
    static final Map<String, String> ODD = new LinkedHashMap<>();

    static {
        ODD.put("string", "\"s\"");
        ODD.put("empty string", "\"\"");
        ODD.put("boolean", "true");
        ODD.put("list", "[\"a\", 1]");
        ODD.put("empty list", "[]");
        ODD.put("lambda", "(x -> x)");
        ODD.put("lambda of two", "((a, b) -> a)");
        ODD.put("function", "sin");
        ODD.put("layer", "relu");
        ODD.put("layer maker", "batchnorm");
        ODD.put("model", "(linear(2, 3) |> relu)");
        ODD.put("unresolved layer", "linear(4)");
        ODD.put("optimizer", "adam");
        ODD.put("loss", "mse");
        ODD.put("init", "xavier");
        ODD.put("run", "train(linear(2, 1), ones(4, 2), ones(4, 1), epochs=2, progress=false)");
        ODD.put("negative", "-1");
        ODD.put("zero", "0");
        ODD.put("fraction", "2.5");
        ODD.put("huge", "1e300");
        ODD.put("tiny", "1e-300");
        ODD.put("nan", "(0 / 0)");
        ODD.put("inf", "(1 / 0)");
        ODD.put("-inf", "(-1 / 0)");
        ODD.put("beyond int", "3e9");
        ODD.put("1x1", "[[7]]");
        ODD.put("row", "[1, 2, 3]");
        ODD.put("column", "[[1], [2], [3]]");
        ODD.put("empty rows", "zeros(0, 2)");
        ODD.put("empty cols", "zeros(3, 0)");
        ODD.put("empty", "zeros(0, 0)");
        ODD.put("matrix", "[[1, 2], [3, 4], [5, 6]]");
        ODD.put("nan tensor", "[[1, 0 / 0], [1 / 0, 2]]");
        ODD.put("big", "ones(100, 100)");
        ODD.put("nothing", "print()");
    }

    /** Ordinary values the other arguments take, one kind at a time. */
    static final List<String> FILLERS = List.of("[[1, 2], [3, 4], [5, 6], [7, 8]]", "[[0], [1], [1], [0]]", "2",
            "linear(2, 1)", "\"data.csv\"", "x -> x * 2");

    record Case(String code, String what) {
    }

    static List<Case> cases() {
        List<Case> out = new ArrayList<>();
        for (Builtins.Entry e : Builtins.standard().entries().values()) {
            if (Calls.callable(e.value()) == null || !e.signature().contains("(")) continue;
            Signature sig = Signature.parse(e.signature());
            String name = e.name();
            List<Signature.Param> params = sig.params();
            for (int k = 0; k < params.size(); k++) {
                for (Map.Entry<String, String> odd : ODD.entrySet()) {
                    for (String filler : FILLERS) {
                        out.add(new Case(call(name, params, k, odd.getValue(), filler, false),
                                name + ": " + params.get(k).name() + " = " + odd.getKey()));
                        out.add(new Case(call(name, params, k, odd.getValue(), filler, true),
                                name + ": " + params.get(k).name() + "= " + odd.getKey()));
                    }
                }
            }
            if (sig.variadic())
                for (String odd : ODD.values())
                    out.add(new Case(name + "(" + FILLERS.get(0) + ", " + odd + ", " + odd + ")", name + ": ... = " + odd));
            for (String filler : FILLERS) {
                out.add(new Case(call(name, params, -1, null, filler, false) + "", name + " with " + filler));
                out.add(new Case(name + "(" + filler + ", zzz=1)", name + ": unknown argument"));
            }
            out.add(new Case(name + "()", name + " with no arguments"));
            out.add(new Case(name + "(" + "1, ".repeat(12) + "1)", name + " with too many arguments"));
        }
        return out;
    }

    /** {@code name(filler, ..., odd, ...)}: parameter k gets odd (by name when named), the required others the filler. */
    static String call(String name, List<Signature.Param> params, int k, String odd, String filler, boolean named) {
        List<String> args = new ArrayList<>();
        List<String> namedArgs = new ArrayList<>();
        for (int i = 0; i < params.size(); i++) {
            Signature.Param p = params.get(i);
            if (i == k) {
                if (named || !p.positional()) namedArgs.add(p.name() + "=" + odd);
                else args.add(odd);
            } else if (p.required() && (k < 0 || i < k || !named)) {
                args.add(filler);
            } else if (p.required()) {
                namedArgs.add(p.name() + "=" + filler);
            }
        }
        args.addAll(namedArgs);
        return name + "(" + String.join(", ", args) + ")";
    }

    @Test
    void everyBuiltinTakesEveryWrongValueWithAClearError() {
        List<Case> cases = cases();
        assertTrue(cases.size() > 10_000, "the registry gives " + cases.size() + " calls");
        System.out.println("BuiltinArgumentsTest: " + cases.size() + " calls");
        List<String> failures = new ArrayList<>();
        int errors = 0;
        for (Case c : cases) {
            String code = "x = " + c.code() + "\nprint(x)";
            try {
                if (!Harness.run(code).ok()) errors++;
            } catch (AssertionError e) {
                if (failures.size() < 40) failures.add(c.what() + ": " + e.getMessage().split("\n")[0] + "\n    " + c.code());
                else if (failures.size() == 40) failures.add("...");
            }
        }
        assertTrue(failures.isEmpty(), failures.size() + " of " + cases.size() + " calls broke the property:\n"
                + String.join("\n", failures));
        assertTrue(errors > cases.size() / 2, "most of these calls are errors: " + errors + " of " + cases.size());
    }
}
