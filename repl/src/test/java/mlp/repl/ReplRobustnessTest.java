package mlp.repl;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Hostile input at the prompt: each is one clear error, and the session goes on with everything it had. */
class ReplRobustnessTest {
    @TempDir
    Path folder;

    @Test
    void loadingAPipeIsRefusedInsteadOfWaitingForEver() throws Exception {
        Process mk = new ProcessBuilder("mkfifo", folder.resolve("pipe.mlp").toString()).start();
        Assumptions.assumeTrue(mk.waitFor() == 0, "mkfifo is not available here");
        List<String> out = new Driver(folder).outputs("x = 5\n:load pipe.mlp\nx + 1\n");
        assertEquals(List.of("", ":load: pipe.mlp is not an ordinary file (a device or a pipe?)", "6"), out);
    }

    @Test
    void theSessionGoesOnAfterRecursionNestingAndNothing() {
        List<String> out = new Driver(folder).outputs("x = 5\nf = t -> f(t)\nf(1)\ny = " + "-".repeat(100_000) + "1\n"
                + "z = [print(1)]\nx + 1\n");
        assertEquals(6, out.size(), String.valueOf(out));
        assertTrue(out.get(2).startsWith("<repl>:1:10: too deep: more than 400 calls"), out.get(2));
        assertTrue(out.get(3).startsWith("<repl>:1:305: nested too deeply: more than 300 expressions inside one another"), out.get(3));
        assertTrue(out.get(4).startsWith("1\n<repl>:1:6: print(...) gives no value to use here"), out.get(4));
        assertEquals("6", out.get(5));
    }
}
