package mlp.spark;

import mlp.MlpError;
import mlp.eval.Interpreter;
import mlp.io.Settings;
import mlp.syntax.Source;
import org.apache.spark.sql.SparkSession;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A script run as a Spark application:
 * {@code spark-submit --class mlp.spark.Submit mlp-spark.jar script.mlp}. The script's
 * {@code spark()} is the cluster spark-submit gave; pictures go to files in plots/; an error
 * prints as {@code file:line:col: message} with the line and a caret, and exits with 1.
 */
public final class Submit {
    private Submit() {
    }

    public static void main(String[] args) {
        if (args.length != 1) {
            System.err.println("usage: spark-submit --class mlp.spark.Submit mlp-spark.jar script.mlp");
            System.exit(2);
        }
        int status = run(Path.of(args[0]));
        SparkSession.getDefaultSession().foreach(s -> {
            s.stop();
            return null;
        });
        System.exit(status);
    }

    /** Runs the script; 0 when it finished, 1 when it stopped with an error (printed). */
    static int run(Path script) {
        String text;
        try {
            text = Files.readString(script, StandardCharsets.UTF_8);
        } catch (IOException e) {
            System.err.println("mlp: cannot read " + script + ": " + e.getMessage());
            return 1;
        }
        Interpreter interpreter = new Interpreter(new Settings()
                .pictures(Settings.Pictures.FILES)
                .fileRoot(Path.of("/")));
        try {
            interpreter.run(new Source(script.toString(), text));
            return 0;
        } catch (MlpError e) {
            System.err.println(e.format());
            return 1;
        }
    }
}
