package mlp;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The language end to end on the tutorial's hand exercises. */
class SmokeTest {
    @Test
    void handExercisesOfTheTutorial() {
        String out = Mlp.run("""
                x = [[1, 1], [2, 2], [-1, -1], [-2, -2]]
                w1 = [[1, 1], [-1, -1]]
                z1 = x @ w1'
                y1 = relu(z1)
                w2 = [[1, -1]]
                z2 = y1 @ w2'
                print(z2')
                """);
        assertEquals("[[ 2  4 -2 -4]]\n", out.replace("\r", ""));
    }

    @Test
    void vanishingGradientIsZero() {
        assertEquals("[[0 0]]\n", Mlp.run("w = [[1, 1]]\nb = -5\nprint(grad(x -> relu(x @ w' + b), [[1, 1]]))"));
    }

    @Test
    void shapeErrorPointsAtTheOperator() {
        MlpError e = Mlp.fail("X = zeros(100, 2)\nR = zeros(3, 2)\ny = X @ R + [5, 5]");
        assertEquals(3, e.line());
        assertEquals(7, e.column());
        assertEquals("shape mismatch in '@': (100×2) @ (3×2) — inner sizes 2 and 3 differ", e.plainMessage());
        assertTrue(e.format().endsWith("  y = X @ R + [5, 5]\n        ^"), e.format());
    }
}
