package mlp.train;

import mlp.Mlp;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The tutorial script, scripts/seed.mlp: every training, exercise and gradient step runs and
 * prints the exercises' answers (z2 is [2, 4, -2, -4]: the notebook's written answer [2, 4, 2, 4]
 * is a slip; y1 @ w2' with w2 = [1, -1] negates the last two rows). Its pictures (animate, scatter) are left out here:
 * they belong to the pictures area.
 */
class SeedScriptTest {
    @Test
    void theTutorialRuns() throws Exception {
        String script = Files.readAllLines(Path.of("../scripts/seed.mlp")).stream()
                .filter(line -> !line.startsWith("animate(") && !line.startsWith("scatter("))
                .collect(Collectors.joining("\n"));
        String out = Mlp.run(script + "\nprint(run.epochs, run.frames)\n");
        assertEquals("""
                [[ 2 -2]
                 [ 4 -4]
                 [-2  2]
                 [-4  4]] [[2 0]
                 [4 0]
                 [0 2]
                 [0 4]] [[ 2]
                 [ 4]
                 [-2]
                 [-4]]
                [[0 0]]
                2000 100
                """, out);
    }
}
