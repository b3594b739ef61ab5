package mlp.spark;

import mlp.MlpError;
import mlp.eval.Interpreter;
import mlp.io.Settings;
import mlp.syntax.Source;
import mlp.value.Value;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertThrows;

/** Test helpers: scripts in a quiet interpreter that may read and write files under a folder. */
final class Scripts {
    private Scripts() {
    }

    static Interpreter interpreter(Path folder, StringWriter out) {
        return new Interpreter(new Settings()
                .out(new PrintWriter(out, true))
                .progress(null)
                .pictures(Settings.Pictures.OFF)
                .fileRoot(folder)
                .workingDir(folder));
    }

    static String run(Path folder, String code) {
        StringWriter out = new StringWriter();
        interpreter(folder, out).run(new Source("test.mlp", code));
        return out.toString();
    }

    static Value eval(Path folder, String code) {
        return interpreter(folder, new StringWriter()).run(new Source("test.mlp", code));
    }

    static MlpError fail(Path folder, String code) {
        return assertThrows(MlpError.class, () -> interpreter(folder, new StringWriter()).run(new Source("test.mlp", code)));
    }
}
