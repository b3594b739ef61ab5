package mlp.examples.onnx;

import mlp.embed.MlpInterpreter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** A model trained and saved by mlp, run by the example in ONNX Runtime: the same predictions mlp makes. */
class PredictTest {
    @TempDir
    Path dir;

    @Test
    void theExamplePredictsWhatMlpPredicts() throws Exception {
        check("", 1e-12);
    }

    /** A float32 file (precision=32): its input is float32 too. */
    @Test
    void theExampleRunsAFloat32File() throws Exception {
        check(", precision=32", 1e-6);
    }

    private void check(String precision, double tolerance) throws Exception {
        String file = dir.resolve("m.onnx").toString();
        String[] want;
        try (MlpInterpreter mlp = MlpInterpreter.builder().allowFiles(dir).outputOff().progressOff().picturesOff().build()) {
            mlp.eval("""
                    seed(4)
                    X = randn(60, 2)
                    y = sin(X)
                    model = mlp(2, 16, 16, 2)
                    train(model, X, y, epochs=200, lr=0.01, progress=false)
                    save(model, "%s"%s)
                    P = model([[0.5, -1], [2, 0.25]])
                    """.formatted(file, precision));
            double[][] p = mlp.getArray("P");
            want = new String[]{java.util.Arrays.toString(p[0]), java.util.Arrays.toString(p[1])};
        }
        PrintStream stdout = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        try {
            Predict.main(new String[]{file, "0.5,-1", "2,0.25"});
        } finally {
            System.setOut(stdout);
        }
        String[] got = out.toString(StandardCharsets.UTF_8).split("\n");
        assertEquals(2, got.length, out.toString());
        for (int i = 0; i < 2; i++) near(want[i], got[i], tolerance);
    }

    private static void near(String want, String got, double tolerance) {
        double[] w = parse(want), g = parse(got);
        assertEquals(w.length, g.length, got);
        for (int i = 0; i < w.length; i++)
            assertEquals(w[i], g[i], tolerance, "ONNX Runtime says " + got + ", mlp " + want);
    }

    private static double[] parse(String row) {
        return java.util.Arrays.stream(row.replaceAll("[\\[\\]]", "").split(",")).mapToDouble(s -> Double.parseDouble(s.trim())).toArray();
    }
}
