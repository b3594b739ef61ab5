package mlp.robust;

import mlp.eval.Interpreter;
import mlp.io.Settings;
import mlp.syntax.Source;

import java.io.PrintWriter;
import java.io.Writer;
import java.nio.file.Path;

/**
 * The child process of {@link AtomicSaveTest}: saves two large values in turn over one file,
 * for ever, printing "saved" after each save, until it is killed.
 * Arguments: the folder, and "csv" (a 400×400 tensor) or "json" (a model of about 200,000 parameters).
 */
public final class SaveLoop {
    /** The two values, made the same way in the test to know what a whole file looks like. */
    static String values(String kind) {
        return kind.equals("csv")
                ? "seed(5)\nA = randn(400, 400)\nB = A * 3 + 1\nfile = \"target.csv\"\n"
                : "seed(5)\nA = mlp(200, 400, 300, 10)\nB = mlp(200, 400, 300, 10)\nfile = \"target.json\"\n";
    }

    public static void main(String[] args) {
        Path dir = Path.of(args[0]);
        Interpreter it = new Interpreter(new Settings().out(new PrintWriter(Writer.nullWriter())).progress(null)
                .pictures(Settings.Pictures.OFF).fileRoot(dir).workingDir(dir));
        it.run(new Source("loop.mlp", values(args[1])));
        while (true) {
            for (String v : new String[]{"A", "B"}) {
                it.run(new Source("loop.mlp", "save(" + v + ", file)"));
                System.out.println("saved");
                System.out.flush();
            }
        }
    }
}
