package mlp.golden;

import mlp.eval.Builtins;
import mlp.eval.Interpreter;
import mlp.io.Settings;
import mlp.syntax.Source;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The golden corpus: every {@code golden/NAME.mlp} runs in a fresh interpreter and must print
 * exactly {@code golden/NAME.out}. The expected outputs were worked out by hand or computed with
 * NumPy (see golden/README.md), not captured from mlp. Scripts run in a temporary folder holding a
 * copy of {@code golden/files/} and {@code data/iris.csv}, so that they may load and save.
 */
public class GoldenTest {
    static final Path GOLDEN = Path.of("src/test/resources/golden");

    @TempDir
    Path work;

    @TestFactory
    List<DynamicTest> everyProgramPrintsItsExpectedOutput() throws IOException {
        List<DynamicTest> tests = new ArrayList<>();
        for (Path program : programs()) {
            String name = program.getFileName().toString().replace(".mlp", "");
            tests.add(DynamicTest.dynamicTest(name, () -> {
                String expected = Files.readString(GOLDEN.resolve(name + ".out"), StandardCharsets.UTF_8);
                assertEquals(expected, run(program), name + ".mlp");
            }));
        }
        assertTrue(tests.size() >= 10, "the corpus is there");
        return tests;
    }

    private String run(Path program) throws IOException {
        Path dir = Files.createTempDirectory(work, "run");
        copyTree(GOLDEN.resolve("files"), dir);
        Files.createDirectories(dir.resolve("data"));
        Files.copy(Path.of("../data/iris.csv"), dir.resolve("data/iris.csv"));
        StringWriter out = new StringWriter();
        Interpreter interpreter = new Interpreter(new Settings()
                .out(new PrintWriter(out, true))
                .progress(null)
                .pictures(Settings.Pictures.OFF)
                .fileRoot(dir)
                .workingDir(dir));
        interpreter.run(new Source(program.getFileName().toString(), Files.readString(program, StandardCharsets.UTF_8)));
        return out.toString().replace("\r\n", "\n");
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path f : files.toList()) {
                Path target = to.resolve(from.relativize(f).toString());
                if (Files.isDirectory(f)) Files.createDirectories(target);
                else Files.copy(f, target);
            }
        }
    }

    private static List<Path> programs() throws IOException {
        try (Stream<Path> files = Files.list(GOLDEN)) {
            return files.filter(p -> p.toString().endsWith(".mlp")).sorted().toList();
        }
    }

    /** The built-ins of the language core (the layers, training and pictures have tests of their own). */
    public static final List<String> CORE = List.of("seed", "randn", "rand", "zeros", "ones", "eye", "linspace", "cat",
            "stack", "load", "save", "sin", "cos", "tan", "exp", "log", "sqrt", "abs", "sum", "mean", "min", "max",
            "argmax", "inv", "print", "pi", "e", "split", "standardize", "onehot");

    /** Every built-in of the core is registered and exercised somewhere in the corpus. */
    @Test
    void theCorpusCoversEveryCoreBuiltin() throws IOException {
        StringBuilder corpus = new StringBuilder();
        for (Path p : programs()) corpus.append(Files.readString(p, StandardCharsets.UTF_8)).append('\n');
        List<String> missing = new ArrayList<>();
        for (String name : CORE) {
            assertTrue(Builtins.standard().get(name) != null, name + " is registered");
            if (!corpus.toString().matches("(?s).*\\b" + name + "\\b.*")) missing.add(name);
        }
        assertEquals(List.of(), missing, "built-ins no golden program uses");
    }
}
