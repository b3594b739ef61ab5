package mlp.fuzz;

import mlp.eval.Calls;
import mlp.eval.Builtins;
import mlp.io.Settings;
import mlp.eval.Signature;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The picture built-ins (animate, scatter, plot, boundary, ...) really drawing, into files: each
 * parameter given each kind of odd data (empty, nan, infinite, huge, one point, the wrong kind), the
 * others ordinary. Each call draws its picture or fails with a positioned MlpError; XChart and
 * the GIF encoder never see what would make them throw. (BuiltinArgumentsTest covers the
 * arguments with pictures off; drawing is slower, so this uses fewer kinds of value.)
 */
class PictureArgumentsTest {
    static final List<String> ODD = List.of("zeros(0, 2)", "[[0 / 0, 1 / 0], [1, -1 / 0]]", "[[1e308, -1e308], [1e-308, 0]]",
            "[[1, 1]]", "[[1, 1], [1, 1]]", "ones(3, 1)", "randn(4, 5)", "\"s\"", "[\"a\", \"b\"]", "relu", "linear(2, 3)",
            "-1", "(0 / 0)", "print()", "[]", "empty");

    /** Ordinary arguments: data with 2 columns, a trained run, a classifier with 2 inputs, labels. */
    static final String PRELUDE = "seed(1)\nX = randn(6, 2)\nlab = [[0], [1], [2], [0], [1], [2]]\nm = linear(2, 3)\n"
            + "run = train(linear(2, 2), X, X, epochs=5, frames=5, progress=false)\n"
            + "empty = train(linear(2, 2), X, X, epochs=0, progress=false)\n";

    static final Map<String, String> FILLER = Map.of("run", "run", "model", "m", "labels", "lab", "title", "\"t\"",
            "duration", "5", "file", "\"p.png\"");

    @Test
    void everyPictureBuiltinDrawsOrFailsCleanly() {
        Settings settings = Harness.settings().pictures(Settings.Pictures.FILES).plotsDir(Harness.sandbox().resolve("plots"));
        String category = Builtins.standard().get("scatter").category();
        List<String> calls = new ArrayList<>();
        for (Builtins.Entry e : Builtins.standard().entries().values()) {
            if (!e.category().equals(category) || Calls.callable(e.value()) == null) continue;
            Signature sig = Signature.parse(e.signature());
            for (int k = 0; k < sig.params().size(); k++) {
                for (String odd : ODD) {
                    List<String> args = new ArrayList<>();
                    for (int i = 0; i < sig.params().size(); i++) {
                        Signature.Param p = sig.params().get(i);
                        String value = i == k ? odd : FILLER.getOrDefault(p.name(), "X");
                        if (i != k && !p.required()) continue;
                        args.add(p.positional() && i <= k ? value : p.name() + "=" + value);
                    }
                    calls.add(e.name() + "(" + String.join(", ", args) + ")");
                }
            }
        }
        assertTrue(calls.size() > 100, calls.size() + " calls");
        List<String> failures = new ArrayList<>();
        for (String call : calls) {
            try {
                Harness.run(PRELUDE + call, settings);
            } catch (AssertionError e) {
                failures.add(call + ": " + e.getMessage().split("\n")[0]);
            }
        }
        assertTrue(failures.isEmpty(), failures.size() + " of " + calls.size() + " calls broke the property:\n" + String.join("\n", failures));
        try (var pictures = java.nio.file.Files.list(Harness.sandbox().resolve("plots"))) {
            assertTrue(pictures.count() >= 4, "pictures were drawn");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
