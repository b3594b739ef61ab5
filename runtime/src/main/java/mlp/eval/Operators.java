package mlp.eval;

import mlp.MlpError;
import mlp.syntax.Op;
import mlp.autograd.Node;
import mlp.autograd.Ops;
import mlp.tensor.Kernels;
import mlp.tensor.Limits;
import mlp.tensor.Shapes;
import mlp.value.Bool;
import mlp.value.Num;
import mlp.value.Str;
import mlp.value.Tensor;
import mlp.value.Value;
import org.ejml.data.DMatrixRMaj;

/**
 * The arithmetic and comparison operators on values: numbers stay numbers, tensors broadcast.
 * Values no gradient is wanted for (everything outside {@code grad}) take the eager path: one
 * specialised kernel, no autograd node; tracked values build autograd nodes (mlp.autograd.Ops).
 */
final class Operators {
    private Operators() {
    }

    static Value binary(Op op, Value a, Value b) {
        if (a instanceof Num x && b instanceof Num y) return numbers(op, x.value(), y.value());
        if ((a instanceof Tensor || a instanceof Num) && (b instanceof Tensor || b instanceof Num)) {
            if (op == Op.MATMUL && (a instanceof Num || b instanceof Num))
                throw new MlpError("'@' multiplies two tensors; use '*' to scale by a number");
            if (!tracked(a) && !tracked(b)) return eager(op, matrix(a), matrix(b));
            Node x = node(a), y = node(b);
            return new Tensor(switch (op) {
                case ADD -> Ops.add(x, y);
                case SUB -> Ops.sub(x, y);
                case MUL -> Ops.mul(x, y);
                case DIV -> Ops.div(x, y);
                case POW -> Ops.pow(x, y);
                case MATMUL -> Ops.matmul(x, y);
                default -> Ops.compare(op.symbol(), x, y);
            });
        }
        if (op == Op.EQ || op == Op.NE) {
            boolean same = a.getClass() == b.getClass() && (a instanceof Str || a instanceof Bool) && a.equals(b);
            if (a instanceof Str || a instanceof Bool || b instanceof Str || b instanceof Bool)
                return Bool.of((op == Op.EQ) == same);
        }
        if (op == Op.ADD && a instanceof Str x && b instanceof Str y) {
            mlp.tensor.Limits.checkString((long) x.value().length() + y.value().length());
            return new Str(x.value() + y.value());
        }
        throw new MlpError("'" + op + "' cannot combine " + Interpreter.describe(a) + " and " + Interpreter.describe(b));
    }

    private static Value eager(Op op, DMatrixRMaj x, DMatrixRMaj y) {
        if (op == Op.MATMUL) return new Tensor(Ops.matmul(Node.constant(x), Node.constant(y)));
        int[] shape = Shapes.broadcast(op.symbol(), x, y);
        DMatrixRMaj out = Limits.matrix(shape[0], shape[1]);
        Kernels.elementwise(switch (op) {
            case ADD -> Kernels.Binary.ADD;
            case SUB -> Kernels.Binary.SUB;
            case MUL -> Kernels.Binary.MUL;
            case DIV -> Kernels.Binary.DIV;
            case POW -> Kernels.Binary.POW;
            case EQ -> Kernels.Binary.EQ;
            case NE -> Kernels.Binary.NE;
            case LT -> Kernels.Binary.LT;
            case LE -> Kernels.Binary.LE;
            case GT -> Kernels.Binary.GT;
            case GE -> Kernels.Binary.GE;
            default -> throw new IllegalArgumentException(op.symbol());
        }, x, y, out);
        return new Tensor(out);
    }

    private static Value numbers(Op op, double x, double y) {
        return switch (op) {
            case ADD -> new Num(x + y);
            case SUB -> new Num(x - y);
            case MUL -> new Num(x * y);
            case DIV -> new Num(x / y);
            case POW -> new Num(Math.pow(x, y));
            case MATMUL -> throw new MlpError("'@' multiplies two tensors; use '*' for numbers");
            case EQ -> Bool.of(x == y);
            case NE -> Bool.of(x != y);
            case LT -> Bool.of(x < y);
            case LE -> Bool.of(x <= y);
            case GT -> Bool.of(x > y);
            case GE -> Bool.of(x >= y);
            default -> throw new IllegalArgumentException(op.symbol());
        };
    }

    /** True for a tensor inside {@code grad} (or a parameter): its operations must record a gradient. */
    static boolean tracked(Value v) {
        return v instanceof Tensor t && t.node().requiresGrad();
    }

    private static DMatrixRMaj matrix(Value v) {
        if (v instanceof Tensor t) return t.data();
        DMatrixRMaj m = new DMatrixRMaj(1, 1);
        m.data[0] = ((Num) v).value();
        return m;
    }

    private static Node node(Value v) {
        return v instanceof Tensor t ? t.node() : Ops.scalar(((Num) v).value());
    }

    static Value negate(Value v) {
        if (v instanceof Num n) return new Num(-n.value());
        if (v instanceof Tensor t) {
            if (t.node().requiresGrad()) return new Tensor(Ops.neg(t.node()));
            DMatrixRMaj out = Limits.matrix(t.rows(), t.cols());
            Kernels.map(Kernels.Unary.NEG, t.data(), out);
            return new Tensor(out);
        }
        throw new MlpError("'-' cannot negate " + Interpreter.describe(v));
    }

    static Value transpose(Value v) {
        if (v instanceof Num) return v;
        if (v instanceof Tensor t) return new Tensor(Ops.transpose(t.node()));
        throw new MlpError("''' transposes a tensor, not " + Interpreter.describe(v));
    }
}
