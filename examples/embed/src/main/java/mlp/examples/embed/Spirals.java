package mlp.examples.embed;

import mlp.MlpError;
import mlp.embed.MlpInterpreter;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Random;

/**
 * A Java program that uses mlp for the part it is good at. The program owns its data (two
 * interleaved spirals, made here in Java), hands it to a short mlp script that builds and trains a
 * classifier, and then uses the trained model's predictions in Java: it measures the accuracy on
 * fresh points and draws the classifier's map of the plane in the terminal.
 *
 * <p>Run it with {@code examples/embed/run} (from the repository's root).
 */
public final class Spirals {
    /** The script: the model and its training, written in mlp, where they read best. */
    static final String SCRIPT = """
            seed(1)
            model = mlp(2, 32, 32, 2)
            run = train(model, X, labels, loss=cross_entropy, lr=0.01, epochs=1500, progress=false)
            print("trained:", run)
            """;

    private Spirals() {
    }

    public static void main(String[] args) {
        try {
            run(System.out);
        } catch (MlpError e) {
            System.err.println(e.format()); // file:line:col: message, the line, a caret
            System.exit(1);
        }
    }

    /** Trains, prints what it did to {@code out}, and returns the accuracy on fresh points. */
    static double run(PrintStream out) {
        double[][][] train = spirals(400, new Random(1));
        double[][][] test = spirals(400, new Random(2));
        out.println("Two spirals: " + train[0].length + " points made in Java, handed to an mlp script.");

        try (MlpInterpreter mlp = MlpInterpreter.builder()
                .output(new PrintWriter(out, true))                  // the script's print() goes to our output
                .progress((epoch, epochs, loss) -> {                 // our own progress report
                    if (epoch % 300 == 0) out.printf("  epoch %4d/%d  loss %.4f%n", epoch, epochs, loss);
                })
                .timeLimit(Duration.ofMinutes(2))                    // never hang the host
                .build()) {
            mlp.set("X", train[0]);
            mlp.set("labels", train[1]);
            mlp.eval(SCRIPT, "spirals.mlp");

            // The trained model's predictions, back in Java: class scores for new points.
            mlp.set("Xtest", test[0]);
            double[][] scores = mlp.eval("model(Xtest)").asArray();
            int right = 0;
            for (int i = 0; i < scores.length; i++) if (argmax(scores[i]) == test[1][i][0]) right++;
            double accuracy = (double) right / scores.length;
            out.printf("Accuracy on %d new points, counted in Java: %.1f%%%n", scores.length, 100 * accuracy);

            out.println("The classifier's map of the plane (. and : its two classes; o and x the new points):");
            draw(mlp, test, out);
            return accuracy;
        }
    }

    /**
     * Two interleaved spirals of n points, a turn and a half each, with a little noise:
     * {X (n×2), labels (n×1, class 0 or 1)}.
     */
    static double[][][] spirals(int n, Random random) {
        double[][] x = new double[n][2];
        double[][] labels = new double[n][1];
        for (int i = 0; i < n; i++) {
            int c = i % 2;
            double t = 0.25 + 3 * Math.PI * random.nextDouble();   // angle along the spiral
            double r = t / (3 * Math.PI);                            // the radius grows with it
            x[i][0] = r * Math.cos(t + c * Math.PI) + 0.02 * random.nextGaussian();
            x[i][1] = r * Math.sin(t + c * Math.PI) + 0.02 * random.nextGaussian();
            labels[i][0] = c;
        }
        return new double[][][]{x, labels};
    }

    /** Asks the model for every cell of a character grid at once and prints the map. */
    private static void draw(MlpInterpreter mlp, double[][][] points, PrintStream out) {
        int w = 64, h = 26;
        double[][] grid = new double[w * h][];
        for (int row = 0; row < h; row++)
            for (int col = 0; col < w; col++)
                grid[row * w + col] = new double[]{-1.1 + 2.2 * (col + 0.5) / w, 1.1 - 2.2 * (row + 0.5) / h};
        mlp.set("grid", grid);
        double[][] scores = mlp.eval("model(grid)").asArray();
        char[][] map = new char[h][w];
        for (int i = 0; i < scores.length; i++) map[i / w][i % w] = argmax(scores[i]) == 0 ? '.' : ':';
        for (int i = 0; i < points[0].length; i += 3) { // every third test point (both classes), to keep the map readable
            int col = (int) ((points[0][i][0] + 1.1) / 2.2 * w), row = (int) ((1.1 - points[0][i][1]) / 2.2 * h);
            if (row >= 0 && row < h && col >= 0 && col < w) map[row][col] = points[1][i][0] == 0 ? 'o' : 'x';
        }
        for (char[] line : map) out.println("  " + new String(line));
    }

    private static int argmax(double[] row) {
        int best = 0;
        for (int j = 1; j < row.length; j++) if (row[j] > row[best]) best = j;
        return best;
    }
}
