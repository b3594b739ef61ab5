package mlp.repl;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The command line as a user meets it: output, errors on stderr, exit codes, determinism. */
class CommandLineTest {
    @TempDir
    Path dir;

    /** What one run of {@code mlp ARGS} printed and returned. */
    record Result(int code, String out, String err) {
    }

    static Result mlp(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();
        int code = Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private static void noStackTrace(Result r) {
        assertFalse(r.err().contains("\tat ") || r.err().contains("Exception"), r.err());
    }

    @Test
    void theNewUsersFirstLine() {
        Result r = mlp("-e", "print([[1,1],[2,2],[-1,-1],[-2,-2]] @ [[1,1],[-1,-1]]')");
        assertEquals(new Result(0, "[[ 2 -2]\n [ 4 -4]\n [-2  2]\n [-4  4]]\n", ""), r);
    }

    @Test
    void versionSaysWhichMatrixProductRuns() {
        Result r = mlp("--version");
        assertEquals(0, r.code());
        assertTrue(r.out().startsWith("mlp "), r.out());
        assertTrue(r.out().contains("\nmatrix products: native BLAS (") || r.out().contains("\nmatrix products: pure Java ("), r.out());
    }

    @Test
    void threadsOneGivesTheSameNumbersAsTwo() {
        String program = "seed(1); A = randn(150, 130); print(sum(A @ A' @ A))";
        Result one = mlp("--threads", "1", "-e", program), two = mlp("--threads", "2", "-e", program);
        assertEquals(0, one.code(), one.err());
        assertEquals(one, two);
        Result zero = mlp("--threads", "0", "-e", program);
        assertEquals(new Result(2, "", "mlp: --threads must be at least 1, not 0\n"), zero);
    }

    @Test
    void anErrorInAScriptGoesToStderrWithItsPlaceAndExitsWith1() throws IOException {
        Path script = dir.resolve("bad.mlp");
        Files.writeString(script, "x = zeros(2, 2)\nprint(x.shape)\ny = x @ zeros(3, 3)\nprint(\"never\")\n");
        Result r = mlp(script.toString());
        assertEquals(1, r.code());
        assertEquals("[2, 2]\n", r.out(), "what was printed before the error stays");
        assertEquals(script + ":3:7: shape mismatch in '@': (2×2) @ (3×3) — inner sizes 2 and 3 differ\n"
                + "  y = x @ zeros(3, 3)\n"
                + "        ^\n", r.err());
    }

    @Test
    void syntaxAndNameErrorsFromMinusE() {
        Result r = mlp("-e", "print(zeross(2, 2))");
        assertEquals(1, r.code());
        assertEquals("<-e>:1:7: unknown name 'zeross' — did you mean 'zeros'?\n  print(zeross(2, 2))\n        ^\n", r.err());
        r = mlp("-e", "x = [1, 2");
        assertEquals(1, r.code());
        assertTrue(r.err().startsWith("<-e>:1:10: expected ']' to close '[' at 1:5\n"), r.err());
        noStackTrace(r);
    }

    @Test
    void aMissingCsvFileIsAnErrorInTheScript() {
        Result r = mlp("-e", "X = load(\"" + dir.resolve("nope.csv") + "\")");
        assertEquals(1, r.code());
        assertTrue(r.err().startsWith("<-e>:1:10: load(file): no such file: " + dir.resolve("nope.csv")), r.err());
        noStackTrace(r);
    }

    @Test
    void aBadCsvRowIsAnErrorNamingTheLine() throws IOException {
        Path csv = dir.resolve("d.csv");
        Files.writeString(csv, "a,b\n1,2\n3,oops\n");
        Result r = mlp("-e", "X = load(\"" + csv + "\")");
        assertEquals(1, r.code());
        assertTrue(r.err().contains("d.csv line 3, column 2: cannot read 'oops' as a number"), r.err());
        noStackTrace(r);
    }

    @Test
    void badUsageExitsWith2() {
        Result r = mlp("--no-such-flag");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("--no-such-flag"), r.err());
        r = mlp(dir.resolve("missing.mlp").toString());
        assertEquals(2, r.code());
        assertTrue(r.err().contains(dir.resolve("missing.mlp") + ": no such file"), r.err());
        noStackTrace(r);
    }

    @Test
    void saveThenLoadThroughTheCommandLine() {
        Path csv = dir.resolve("x.csv");
        Result r = mlp("-e", "seed(4); X = randn(20, 3) / 3; save(X, \"" + csv + "\"); print(sum(load(\"" + csv + "\") != X))");
        assertEquals(new Result(0, "0\n", ""), r);
    }

    // ---- determinism ----

    static final String RANDOM_SCRIPT = """
            seed(20)
            X = randn(4, 2) * 5
            [a, b, c, d] = split(X, rand(4, 1), 0.5)
            print(X, a, d)
            """;

    @Test
    void theSameSeedPrintsTheSameNumbersTwiceInOneProcess() throws IOException {
        Path script = dir.resolve("random.mlp");
        Files.writeString(script, RANDOM_SCRIPT);
        Result first = mlp(script.toString()), second = mlp(script.toString());
        assertEquals(0, first.code());
        assertTrue(first.out().matches("(?s).*\\d\\.\\d{4}.*"), "prints random numbers: " + first.out());
        assertEquals(first, second);
    }

    @Test
    void theSameSeedPrintsTheSameNumbersInTwoSeparateRuns() throws Exception {
        Path script = dir.resolve("random.mlp");
        Files.writeString(script, RANDOM_SCRIPT);
        String first = runJava(script), second = runJava(script);
        assertTrue(first.matches("(?s).*\\d\\.\\d{4}.*"), "prints random numbers: " + first);
        assertEquals(first, second);
        assertEquals(mlp(script.toString()).out(), first, "and the same as in this process");
    }

    /** A fresh JVM running the command line, as the jar does. */
    private static String runJava(Path script) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(List.of(java, "-cp", System.getProperty("java.class.path"), Main.class.getName(), script.toString()))
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), out);
        return out;
    }
}
