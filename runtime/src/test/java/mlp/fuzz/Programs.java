package mlp.fuzz;

import mlp.eval.Calls;
import mlp.eval.Builtins;
import mlp.eval.Signature;
import org.quicktheories.core.Gen;
import org.quicktheories.core.RandomnessSource;
import org.quicktheories.impl.Constraint;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Generators of programs for the property tests (QuickTheories draws every choice from its
 * randomness source, so a failing program shrinks): grammar-aware programs built from the
 * language's forms and the registry's built-ins and argument names; random token sequences;
 * and mutations of the example scripts and the golden corpus.
 */
final class Programs {
    private Programs() {
    }

    private static int pick(RandomnessSource in, int n) {
        return (int) in.next(Constraint.between(0, n - 1));
    }

    private static <T> T any(RandomnessSource in, List<T> items) {
        return items.get(pick(in, items.size()));
    }

    /** Built-in functions with their signatures, from the one registry. */
    static final List<Signature> BUILTINS = new ArrayList<>();
    static final List<String> CONSTANTS = new ArrayList<>();

    static {
        for (Builtins.Entry e : Builtins.standard().entries().values()) {
            if (Calls.callable(e.value()) != null && e.signature().contains("(")) BUILTINS.add(Signature.parse(e.signature()));
            else CONSTANTS.add(e.name());
        }
    }

    static final List<String> VARIABLES = List.of("X", "y", "m", "f", "r", "a", "b", "run");
    static final List<String> NUMBERS = List.of("0", "1", "2", "3", "-1", "0.5", "2.5", "1e308", "1e-320", "1e9", "100",
            "(0 / 0)", "(1 / 0)", "(-1 / 0)", "4", "10", "1e-3");
    static final List<String> OPERATORS = List.of("+", "-", "*", "/", "@", "^", "**", "==", "!=", "<", "<=", ">", ">=", "|>");
    static final List<String> MEMBERS = List.of("shape", "rows", "cols", "loss", "model", "epochs", "seconds", "frames",
            "weight", "bias", "layers", "running_mean", "running_var");
    static final List<String> TENSORS = List.of("[[1, 2], [3, 4]]", "[1, 2, 3]", "[[1], [2], [3], [4]]", "zeros(0, 2)",
            "zeros(3, 0)", "[[0 / 0, 1]]", "randn(5, 2)", "ones(4, 1)", "eye(2)", "linspace(-1, 1, 5)");

    // ---- grammar-aware programs ----

    /** Every variable the generated statements use, bound to something typical. */
    static final String PRELUDE = "X = randn(6, 2)\ny = X @ [[1], [2]]\nm = linear(2, 1)\na = [[1, 2]]\nb = 2\nf = x -> x * 2\n"
            + "r = relu\nrun = train(linear(2, 1), X, y, epochs=2, progress=false)\n";

    /** A program of 1 to 8 statements over a few variables, every form of the language in reach. */
    static Gen<String> grammar() {
        return in -> {
            StringBuilder out = new StringBuilder(PRELUDE);
            int n = 1 + pick(in, 8);
            for (int i = 0; i < n; i++) out.append(statement(in)).append(pick(in, 6) == 0 ? "; " : "\n");
            return out.toString();
        };
    }

    private static String statement(RandomnessSource in) {
        return switch (pick(in, 6)) {
            case 0, 1 -> any(in, VARIABLES) + " = " + expr(in, 3);
            case 2 -> {
                String first = any(in, VARIABLES), second = any(in, VARIABLES);
                yield "[" + first + (second.equals(first) ? "" : ", " + second) + "] = " + expr(in, 3);
            }
            case 3 -> "print(" + expr(in, 3) + ")";
            default -> expr(in, 3);
        };
    }

    static String expr(RandomnessSource in, int depth) {
        if (depth <= 0) return atom(in);
        return switch (pick(in, 12)) {
            case 0, 1 -> atom(in);
            case 2, 3 -> expr(in, depth - 1) + " " + any(in, OPERATORS) + " " + expr(in, depth - 1);
            case 4 -> "-" + expr(in, depth - 1);
            case 5 -> "(" + expr(in, depth - 1) + ")'";
            case 6, 7 -> call(in, depth - 1);
            case 8 -> params(in) + " -> " + expr(in, depth - 1);
            case 9 -> "(" + expr(in, depth - 1) + ")[" + selector(in) + (pick(in, 2) == 0 ? ", " + selector(in) : "") + "]";
            case 10 -> "(" + expr(in, depth - 1) + ")." + any(in, MEMBERS);
            default -> "[" + expr(in, depth - 1) + ", " + expr(in, depth - 1) + "]";
        };
    }

    private static String atom(RandomnessSource in) {
        return switch (pick(in, 10)) {
            case 0, 1 -> any(in, NUMBERS);
            case 2, 3 -> any(in, TENSORS);
            case 4, 5, 6 -> any(in, VARIABLES);
            case 7 -> any(in, CONSTANTS);
            case 8 -> any(in, BUILTINS).name();
            default -> any(in, List.of("\"s\"", "\"data.csv\"", "\"out.csv\"", "\"m.json\"", "true", "false", "[]", "[\"a\", 1]"));
        };
    }

    private static String params(RandomnessSource in) {
        return any(in, List.of("x", "(a, b)", "()", "(x)", "X"));
    }

    private static String selector(RandomnessSource in) {
        return any(in, List.of("0", "1", "-1", ":", "1:", ":2", "0:1", "-2:", "5", "0.5", "(0 / 0)", "1e300"));
    }

    /** A built-in called with some of its parameters, positionally or by name, and now and then a wrong name. */
    private static String call(RandomnessSource in, int depth) {
        Signature s = any(in, BUILTINS);
        List<String> args = new ArrayList<>();
        List<Signature.Param> params = s.params();
        boolean named = false;
        for (Signature.Param p : params) {
            if (!p.required() && pick(in, 2) == 0) continue;
            if (named || !p.positional() || pick(in, 4) == 0) {
                named = true;
                args.add(p.name() + "=" + expr(in, depth));
            } else {
                args.add(expr(in, depth));
            }
            if (pick(in, 10) == 0) break; // a missing argument
        }
        if (pick(in, 12) == 0) args.add(any(in, List.of("epoch", "dimm", "zzz", "lrr")) + "=" + expr(in, 0));
        if (s.variadic() && !named && pick(in, 2) == 0) args.add(expr(in, depth));
        return s.name() + "(" + String.join(", ", args) + ")";
    }

    // ---- token soup ----

    static final List<String> TOKENS;

    static {
        List<String> t = new ArrayList<>(List.of("(", ")", "[", "]", ",", ":", ";", "=", "->", "'", ".", "\n", "\n", "#c\n",
                "\"s\"", "\"", "true", "false", "x", "X", "f", "$", "\\", "\t", "\r"));
        t.addAll(OPERATORS);
        t.addAll(NUMBERS);
        t.addAll(MEMBERS);
        for (Signature s : BUILTINS) t.add(s.name());
        TOKENS = List.copyOf(t);
    }

    /** 1 to 40 tokens of the language in any order: the parser's error paths. */
    static Gen<String> tokens() {
        return in -> {
            StringBuilder out = new StringBuilder();
            int n = 1 + pick(in, 40);
            for (int i = 0; i < n; i++) out.append(any(in, TOKENS)).append(pick(in, 3) == 0 ? "" : " ");
            return out.toString();
        };
    }

    // ---- mutations of real programs ----

    private static final Pattern TOKEN = Pattern.compile("\"(\\\\.|[^\"\\\\\\n])*\"|\\d+(\\.\\d*)?([eE][+-]?\\d+)?|\\w+|\\|>|->|\\*\\*|[<>=!]=|\\S|\\n");

    /** The example scripts and the golden programs, with training shortened to fit the harness's epoch cap. */
    static final List<List<String>> SEEDS = seeds();

    private static List<List<String>> seeds() {
        List<List<String>> out = new ArrayList<>();
        for (Path dir : List.of(Path.of("../scripts"), Path.of("src/test/resources/golden"))) {
            if (!Files.isDirectory(dir)) continue;
            try (Stream<Path> files = Files.list(dir)) {
                for (Path p : files.filter(f -> f.toString().endsWith(".mlp")).sorted().toList()) {
                    String text = Files.readString(p, StandardCharsets.UTF_8).replaceAll("epochs=\\d+", "epochs=2");
                    List<String> tokens = new ArrayList<>();
                    Matcher m = TOKEN.matcher(text);
                    while (m.find()) tokens.add(m.group());
                    out.add(tokens);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return out;
    }

    /** A real program with 1 to 4 token-level mutations: deleted, doubled, swapped, replaced, inserted, cut. */
    static Gen<String> mutants() {
        return in -> {
            List<String> tokens = new ArrayList<>(any(in, SEEDS));
            int n = 1 + pick(in, 4);
            for (int k = 0; k < n && !tokens.isEmpty(); k++) {
                int i = pick(in, tokens.size());
                switch (pick(in, 7)) {
                    case 0 -> tokens.remove(i);
                    case 1 -> tokens.add(i, tokens.get(i));
                    case 2 -> {
                        int j = Math.min(tokens.size() - 1, i + 1);
                        String t = tokens.get(i);
                        tokens.set(i, tokens.get(j));
                        tokens.set(j, t);
                    }
                    case 3 -> tokens.set(i, any(in, TOKENS));
                    case 4 -> tokens.add(i, any(in, TOKENS));
                    case 5 -> tokens.subList(i, tokens.size()).clear();
                    default -> tokens.set(i, tokens.get(i).matches("\\d.*") ? any(in, NUMBERS) : any(in, VARIABLES));
                }
            }
            StringBuilder out = new StringBuilder();
            for (String t : tokens) out.append(t).append(t.equals("\n") ? "" : " ");
            return out.toString();
        };
    }
}
