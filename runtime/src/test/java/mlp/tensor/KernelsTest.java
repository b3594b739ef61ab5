package mlp.tensor;

import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

import java.util.Random;
import java.util.function.DoubleBinaryOperator;
import java.util.function.DoubleUnaryOperator;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The specialised loops give exactly what the general broadcasting loop gives, on every shape pairing. */
class KernelsTest {
    private final Random random = new Random(5);

    private DMatrixRMaj random(int r, int c) {
        DMatrixRMaj m = new DMatrixRMaj(r, c);
        for (int i = 0; i < m.data.length; i++) m.data[i] = random.nextInt(7) == 0 ? 0 : random.nextGaussian() * 3;
        return m;
    }

    /** Each function with a loop of its own, as Java's Math has it: what its loop must give (ParallelTest uses it too). */
    static DoubleUnaryOperator reference(Kernels.Unary f) {
        return switch (f) {
            case NEG -> x -> -x;
            case SIN -> Math::sin;
            case COS -> Math::cos;
            case TAN -> Math::tan;
            case EXP -> Math::exp;
            case LOG -> Math::log;
            case SQRT -> Math::sqrt;
            case ABS -> Math::abs;
        };
    }

    /** Each binary operator as a plain function: what its loop must give (ParallelTest uses it too). */
    static DoubleBinaryOperator reference(Kernels.Binary op) {
        return switch (op) {
            case ADD -> (x, y) -> x + y;
            case SUB -> (x, y) -> x - y;
            case MUL -> (x, y) -> x * y;
            case DIV -> (x, y) -> x / y;
            case POW -> Math::pow;
            case EQ -> (x, y) -> x == y ? 1 : 0;
            case NE -> (x, y) -> x != y ? 1 : 0;
            case LT -> (x, y) -> x < y ? 1 : 0;
            case LE -> (x, y) -> x <= y ? 1 : 0;
            case GT -> (x, y) -> x > y ? 1 : 0;
            case GE -> (x, y) -> x >= y ? 1 : 0;
        };
    }

    @Test
    void binaryKernelsMatchTheGeneralBroadcastOnEveryShapePairing() {
        int[][] shapes = {{4, 3}, {1, 3}, {4, 1}, {1, 1}};
        for (Kernels.Binary op : Kernels.Binary.values()) {
            for (int[] sa : shapes) {
                for (int[] sb : shapes) {
                    DMatrixRMaj a = random(sa[0], sa[1]), b = random(sb[0], sb[1]);
                    if (op == Kernels.Binary.EQ) b = a.numRows == b.numRows && a.numCols == b.numCols ? a.copy() : b;
                    int[] shape = Shapes.broadcast("op", a, b);
                    DMatrixRMaj fast = new DMatrixRMaj(shape[0], shape[1]), general = new DMatrixRMaj(shape[0], shape[1]);
                    Kernels.elementwise(op, a, b, fast);
                    Kernels.broadcast(a, b, general, reference(op));
                    String what = op + " " + Shapes.of(a) + " " + Shapes.of(b);
                    for (int i = 0; i < fast.data.length; i++)
                        assertEquals(Double.doubleToLongBits(general.data[i]), Double.doubleToLongBits(fast.data[i]), what + " at " + i);
                }
            }
        }
    }

    @Test
    void unaryKernelsMatchTheMathFunctions() {
        DMatrixRMaj a = random(5, 3);
        a.data[0] = -0.0;
        a.data[1] = Double.NaN;
        for (Kernels.Unary f : Kernels.Unary.values()) {
            DoubleUnaryOperator ref = reference(f);
            DMatrixRMaj out = new DMatrixRMaj(5, 3);
            Kernels.map(f, a, out);
            for (int i = 0; i < out.data.length; i++)
                assertEquals(Double.doubleToLongBits(ref.applyAsDouble(a.data[i])), Double.doubleToLongBits(out.data[i]), f + " at " + i);
        }
    }
}
