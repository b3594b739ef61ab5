package mlp;

import mlp.eval.Interpreter;
import mlp.io.Settings;
import mlp.syntax.Source;
import mlp.value.Value;

import java.io.PrintWriter;
import java.io.StringWriter;

import static org.junit.jupiter.api.Assertions.assertThrows;

/** Test helpers: run .mlp code in a fresh, quiet, headless interpreter. */
public final class Mlp {
    private Mlp() {
    }

    /** A fresh interpreter printing into {@code out}, no progress bar, no pictures. */
    public static Interpreter interpreter(StringWriter out) {
        return new Interpreter(new Settings()
                .out(new PrintWriter(out, true))
                .progress(null)
                .pictures(Settings.Pictures.OFF));
    }

    /** Runs {@code code} and returns what it printed. */
    public static String run(String code) {
        StringWriter out = new StringWriter();
        interpreter(out).run(new Source("test.mlp", code));
        return out.toString();
    }

    /** Runs {@code code} and returns the value of its last expression. */
    public static Value eval(String code) {
        return interpreter(new StringWriter()).run(new Source("test.mlp", code));
    }

    /** Runs {@code code}, which must fail, and returns the error. */
    public static MlpError fail(String code) {
        return assertThrows(MlpError.class, () -> interpreter(new StringWriter()).run(new Source("test.mlp", code)));
    }
}
