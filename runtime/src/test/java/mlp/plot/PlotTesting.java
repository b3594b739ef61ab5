package mlp.plot;

import mlp.eval.Interpreter;
import mlp.io.Settings;
import mlp.syntax.Source;
import mlp.value.Value;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;

/** An interpreter that may write pictures into one folder, and what it printed. */
final class PlotTesting {
    final Path dir;
    final StringWriter printed = new StringWriter();
    final Interpreter interpreter;

    PlotTesting(Path dir, Settings.Pictures pictures) {
        this.dir = dir;
        interpreter = new Interpreter(new Settings()
                .out(new PrintWriter(printed, true))
                .progress(null)
                .pictures(pictures)
                .fileRoot(dir)
                .workingDir(dir)
                .plotsDir(Path.of("plots")));
    }

    PlotTesting define(String name, Value v) {
        interpreter.globals().define(name, v);
        return this;
    }

    Value run(String code) {
        return interpreter.run(new Source("test.mlp", code));
    }
}
