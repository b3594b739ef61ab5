package mlp.repl;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code echo '...' | mlp}: stdin is not a terminal, so no prompts and no colours. */
class PipedInputTest {
    @TempDir
    Path folder;

    record Result(int code, String out, String err) {
    }

    static Result mlp(String stdin, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(args, new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void runsTheInputWithoutPrompts() {
        Result r = mlp("print(1 + 1)\n");
        assertEquals(new Result(0, "2\n", ""), r);
    }

    @Test
    void echoesExpressionsAsTheReplDoes() {
        assertEquals(new Result(0, "[[1 2]\n [3 4]]\n3\n", ""), mlp("x = [[1, 2], [3, 4]]\nx\nx[1, 0]\n"));
    }

    @Test
    void goesOnAfterAnErrorAndTheExitCodeSaysSome() {
        Result r = mlp("a = 1\n\nprint(a + nope)\nprint(a + 1)\nx = (1,\n 2 3)\nprint(\"end\")\n");
        assertEquals(1, r.code());
        assertEquals("2\nend\n", r.out());
        // the errors name the line of the input, not of the statement
        assertTrue(r.err().startsWith("<stdin>:3:11: unknown name 'nope'"), r.err());
        assertTrue(r.err().contains("\n  print(a + nope)\n            ^\n"), r.err());
        assertTrue(r.err().contains("<stdin>:6:"), r.err());
        assertTrue(r.err().contains("\n   2 3)\n"), r.err());
    }

    @Test
    void aStatementMaySpanLinesAndAPipelineMayStartLinesAsInAScript() {
        Result r = mlp("v = [[-1,\n 2]]\n    |> relu\n\n  # a comment between\n    |> sigmoid\nv\nw = [[1]]\n");
        assertEquals(new Result(0, "[[0.5    0.8808]]\n", ""), r);
    }

    @Test
    void anUnfinishedLastStatementIsAnError() {
        Result r = mlp("print(1)\nx = [1,\n");
        assertEquals(1, r.code());
        assertEquals("1\n", r.out());
        assertTrue(r.err().startsWith("<stdin>:"), r.err());
    }

    @Test
    void commandsWorkToo() throws Exception {
        Files.writeString(folder.resolve("lib.mlp"), "k = 3\n");
        Result r = mlp(":load " + folder.resolve("lib.mlp") + "\nk * 2\n:nope\n");
        assertEquals(1, r.code());
        assertTrue(r.out().endsWith("(defined k)\n6\n"), r.out());
        assertTrue(r.err().startsWith("unknown command ':nope'"), r.err());
    }

    @Test
    void aRealPipeIntoTheCommand() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), Main.class.getName())
                .redirectError(folder.resolve("err.txt").toFile()).start();
        try (var stdin = p.getOutputStream()) {
            stdin.write("print(1 + 1)\nfoo\n".getBytes(StandardCharsets.UTF_8));
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals("2\n", out);
        assertEquals(1, p.exitValue());
        assertTrue(Files.readString(folder.resolve("err.txt")).startsWith("<stdin>:2:1: unknown name 'foo'"));
    }

    @Test
    void theCommandLineStillRunsCodeAndFiles() throws Exception {
        assertEquals(new Result(0, "3\n", ""), mlp("", "-e", "print(1 + 2)"));
        Result bad = mlp("", "-e", "print(zz)");
        assertEquals(1, bad.code());
        assertTrue(bad.err().startsWith("<-e>:1:7: unknown name 'zz'"), bad.err());
        Path script = Files.writeString(folder.resolve("s.mlp"), "print(\"from the file\")\n");
        assertEquals(new Result(0, "from the file\n", ""), mlp("print(99)\n", script.toString()));
        assertEquals(2, mlp("", folder.resolve("nothing.mlp").toString()).code());
        assertEquals(2, mlp("", "--no-such-flag").code());
    }
}
