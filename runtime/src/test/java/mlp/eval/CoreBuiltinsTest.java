package mlp.eval;

import mlp.Mlp;
import mlp.value.Tensor;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What the golden corpus cannot show well: gradients, exact ends, help texts. */
class CoreBuiltinsTest {
    @Test
    void theGradientOfInvMatchesFiniteDifferences() {
        String f = "W = [[1, -2], [0.5, 3]]\nf = A -> sum(inv(A) * W)\n";
        double[][] a = {{2, 1}, {0.5, 3}};
        Tensor g = (Tensor) Mlp.eval(f + "grad(f, [[2, 1], [0.5, 3]])");
        double h = 1e-6;
        for (int r = 0; r < 2; r++) {
            for (int c = 0; c < 2; c++) {
                double[][] plus = copy(a), minus = copy(a);
                plus[r][c] += h;
                minus[r][c] -= h;
                double numeric = (value(f, plus) - value(f, minus)) / (2 * h);
                assertEquals(numeric, g.get(r, c), 1e-6, "d/dA[" + r + "," + c + "]");
            }
        }
    }

    private static double value(String f, double[][] a) {
        String literal = "[[" + a[0][0] + ", " + a[0][1] + "], [" + a[1][0] + ", " + a[1][1] + "]]";
        return ((mlp.value.Num) Mlp.eval(f + "f(" + literal + ")")).value();
    }

    private static double[][] copy(double[][] a) {
        return new double[][]{a[0].clone(), a[1].clone()};
    }

    @Test
    void linspaceHitsBothEndsExactlyAndIsSymmetric() {
        Tensor t = (Tensor) Mlp.eval("linspace(-0.1, 0.7, 9)");
        assertEquals(-0.1, t.get(0, 0));
        assertEquals(0.7, t.get(8, 0));
        assertEquals(0.3, t.get(4, 0), 1e-15);
        Tensor s = (Tensor) Mlp.eval("linspace(-1, 1, 500)");
        for (int i = 0; i < 500; i++) assertEquals(-s.get(i, 0), s.get(499 - i, 0), "symmetric at " + i);
    }

    @Test
    void standardizeUsesThePopulationDeviationLikeScikitLearn() {
        // scikit-learn: StandardScaler().fit_transform([[1], [2], [4]]) = [[-1.069], [-0.267], [1.336]]
        Tensor z = (Tensor) Mlp.eval("standardize([[1], [2], [4]])");
        assertEquals(-1.0690449676496976, z.get(0, 0), 1e-12);
        assertEquals(-0.2672612419124244, z.get(1, 0), 1e-12);
        assertEquals(1.3363062095621219, z.get(2, 0), 1e-12);
    }

    @Test
    void everyCoreBuiltinHasAOneLineSummaryAndMore() {
        for (String name : mlp.golden.GoldenTest.CORE) {
            Builtins.Entry e = Builtins.standard().get(name);
            assertTrue(e != null, name + " is registered");
            assertFalse(e.summary().isBlank(), name + " has a summary");
            assertTrue(e.summary().length() <= 100, name + "'s summary fits on a line: " + e.summary());
            assertTrue(e.summary().endsWith("."), name + "'s summary is a sentence: " + e.summary());
        }
    }
}
