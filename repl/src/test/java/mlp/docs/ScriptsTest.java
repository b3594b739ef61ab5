package mlp.docs;

import mlp.eval.Interpreter;
import mlp.io.Settings;
import mlp.syntax.Source;
import mlp.value.Num;
import mlp.value.Value;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every program in scripts/ runs headless, from the repository's folder as a user runs it, and
 * does what its comments claim. Pictures go to a temporary folder; each test checks that the
 * pictures the script draws were written and can be read back as images.
 */
class ScriptsTest {
    private static final Path ROOT = Repo.root();
    private static final Set<String> TESTED = Set.of("seed", "practice", "sine", "xor", "iris", "baseline");

    @TempDir
    Path plots;

    /** One script run: the session it ran in (to ask it questions afterwards) and what it printed. */
    record Ran(Interpreter session, String out) {
        /** The value of an expression in the script's session, as a number. */
        double eval(String code) {
            Value v = session.run(new Source("<test>", code));
            assertTrue(v instanceof Num, code + " gave " + v);
            return ((Num) v).value();
        }

        /** The number a printed line starting with {@code prefix} ends with. */
        double printed(String prefix) {
            Matcher m = Pattern.compile("(?m)^" + Pattern.quote(prefix) + ".*?(-?[0-9.]+(?:e-?[0-9]+)?)$").matcher(out);
            assertTrue(m.find(), "no printed line starts with '" + prefix + "' in:\n" + out);
            return Double.parseDouble(m.group(1));
        }
    }

    private Ran run(String name) throws IOException {
        Path script = ROOT.resolve("scripts").resolve(name + ".mlp");
        StringWriter out = new StringWriter();
        Interpreter session = new Interpreter(new Settings()
                .out(new PrintWriter(out, true))
                .progress(null)
                .pictures(Settings.Pictures.FILES)
                .plotsDir(plots)
                .fileRoot(ROOT)
                .workingDir(ROOT));
        session.run(new Source("scripts/" + name + ".mlp", Files.readString(script, StandardCharsets.UTF_8)));
        return new Ran(session, out.toString());
    }

    /** A picture the script wrote: it exists and decodes, with the given number of frames. */
    private void picture(String file, int frames) throws IOException {
        Path p = plots.resolve(file);
        Set<String> written;
        try (Stream<Path> s = Files.list(plots)) {
            written = s.map(x -> x.getFileName().toString()).collect(Collectors.toCollection(TreeSet::new));
        }
        assertTrue(Files.isRegularFile(p), file + " was not written; the plots folder holds " + written);
        try (ImageInputStream in = ImageIO.createImageInputStream(p.toFile())) {
            Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
            assertTrue(readers.hasNext(), file + " is not an image");
            ImageReader reader = readers.next();
            reader.setInput(in);
            assertEquals(frames, reader.getNumImages(true), file + ": frames");
            BufferedImage first = reader.read(0);
            assertTrue(first.getWidth() > 100 && first.getHeight() > 100, file + " is " + first.getWidth() + "×" + first.getHeight());
            reader.dispose();
        }
    }

    @Test
    void everyScriptHasItsTest() throws IOException {
        Set<String> scripts;
        try (Stream<Path> s = Files.list(ROOT.resolve("scripts"))) {
            scripts = s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".mlp"))
                    .map(n -> n.substring(0, n.length() - 4)).collect(Collectors.toCollection(TreeSet::new));
        }
        assertEquals(new TreeSet<>(TESTED), scripts, "a script in scripts/ without a test here, or a test of a script that is gone");
    }

    @Test
    void seedTheTutorialRunsAndWritesItsPictures() throws IOException {
        Ran r = run("seed");
        // the hand exercises and the vanishing gradient, as the tutorial computes them
        assertTrue(r.out().contains("[[ 2 -2]\n [ 4 -4]\n [-2  2]\n [-4  4]]"), r.out()); // z1
        assertTrue(r.out().contains("[[ 2]\n [ 4]\n [-2]\n [-4]]"), r.out());              // z2
        assertTrue(r.out().contains("\n[[0 0]]\n"), r.out());                               // grad
        // the last run (the practice model) learned: its loss fell by orders of magnitude
        assertTrue(r.eval("run.loss[-1, 0]") < r.eval("run.loss[0, 0]") / 100);
        for (String gif : new String[]{"Linear_data_linear_model.gif", "Linear_by_parts_data_linear_model.gif",
                "Linear_by_parts_data_MLP_model.gif", "Linear_by_parts_data_MLP_model_with_residual_propagation.gif",
                "Linear_by_parts_data_MLP_model_with_residual_propagation_and_batch_normalization.gif", "Practice.gif"})
            picture(gif, 100);
        picture("Scatterplot_of_X_and_y.png", 1);
    }

    @Test
    void practiceTheNetworksBeatTheLinearBaseline() throws IOException {
        Ran r = run("practice");
        double baseline = r.eval("mse(baseline(X), y)");
        assertEquals(baseline, r.printed("least squares (baseline):"), 1e-4);
        // gradient descent on one linear layer ends where least squares is, within 1%
        assertEquals(baseline, r.eval("mse(linear_model(X), y)"), baseline * 0.01);
        // each network beats the baseline by at least a factor of 100, as the chart shows
        for (String model : new String[]{"mlp_model", "residual_model", "batchnorm_model"})
            assertTrue(r.eval("mse(" + model + "(X), y)") < baseline / 100, model);
        assertEquals(r.eval("mse(mlp_model(X), y)"), r.printed("MLP:"), 1e-4);
        picture("Practice_X_and_y.png", 1);
        picture("Practice_loss_of_each_variation.png", 1);
        picture("Practice_MLP_with_a_residual_block.gif", 100);
    }

    @Test
    void sineTheNetworkFitsTheCurveALineCannot() throws IOException {
        Ran r = run("sine");
        double line = r.printed("straight line: mse"), net = r.printed("network: mse");
        assertTrue(line > 0.15, "a straight line cannot follow a sine: " + line);
        // the noise's variance is 0.0025: the network comes within 20% of it
        assertTrue(net < 0.0025 * 1.2, "network mse " + net);
        assertEquals(net, r.eval("mse(model(X), y)"), 1e-4);
        picture("Fitting_a_sine.gif", 100);
        picture("Fitting_a_sine_loss.png", 1);
    }

    @Test
    void xorTheMlpClassifiesAllFourPointsTheLinearModelCannot() throws IOException {
        Ran r = run("xor");
        assertEquals(1.0, r.eval("accuracy(model(X), labels)"));
        assertEquals(1.0, r.printed("MLP: loss"), 0.0);
        assertTrue(r.out().contains("MLP predicts [[0 1 1 0]] for the labels [[0 1 1 0]]"), r.out());
        assertTrue(r.eval("accuracy(linear_model(X), labels)") <= 0.75, "no line separates XOR");
        assertEquals(Math.log(2), r.eval("run.loss[0, 0]"), 0.2); // the MLP starts from knowing nothing
        assertTrue(r.out().contains("least squares predicts [[0.5 0.5 0.5 0.5]]"), r.out());
        picture("XOR_linear_model.png", 1);
        picture("XOR_MLP.png", 1);
    }

    @Test
    void irisTheClassifierIsRightAboutNewFlowers() throws IOException {
        Ran r = run("iris");
        double test = r.eval("accuracy(model(Xtest), ytest)"), train = r.eval("accuracy(model(Xtrain), ytrain)");
        assertTrue(test >= 0.95, "test accuracy " + test);
        assertTrue(train >= 0.95, "train accuracy " + train);
        assertEquals(test, r.printed("test accuracy:"), 1e-4);
        assertEquals(train, r.printed("train accuracy:"), 1e-4);
        assertEquals(30, r.eval("Xtest.rows"));
        // the test part was scaled with the training part's statistics, not its own
        assertTrue(Math.abs(r.eval("mean(Xtest)")) > 1e-6);
        assertEquals(0, r.eval("mean(Xtrain)"), 1e-9);
        assertTrue(r.printed("petals only, test accuracy:") >= 0.9);
        picture("Iris_petal_length_and_width_standardized.png", 1);
    }

    @Test
    void baselineTheMlpBeatsLeastSquaresOnTheTestPart() throws IOException {
        Ran r = run("baseline");
        double lstsq = r.eval("mse(baseline(Xtest), ytest)"), mlp = r.eval("mse(model(Xtest), ytest)");
        assertTrue(mlp < lstsq / 10, "MLP " + mlp + " against least squares " + lstsq);
        assertEquals(mlp, r.printed("MLP:"), 1e-3);
        assertEquals(lstsq, r.printed("least squares:"), 1e-3);
        picture("Baseline_test_predictions.png", 1);
    }
}
