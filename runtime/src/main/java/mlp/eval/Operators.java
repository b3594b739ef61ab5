package mlp.eval;

import mlp.MlpError;
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

    static Value binary(String op, Value a, Value b) {
        if (a instanceof Num x && b instanceof Num y) return numbers(op, x.value(), y.value());
        if ((a instanceof Tensor || a instanceof Num) && (b instanceof Tensor || b instanceof Num)) {
            if (op.equals("@") && (a instanceof Num || b instanceof Num))
                throw new MlpError("'@' multiplies two tensors; use '*' to scale by a number");
            if (!tracked(a) && !tracked(b)) return eager(op, matrix(a), matrix(b));
            Node x = node(a), y = node(b);
            return new Tensor(switch (op) {
                case "+" -> Ops.add(x, y);
                case "-" -> Ops.sub(x, y);
                case "*" -> Ops.mul(x, y);
                case "/" -> Ops.div(x, y);
                case "^" -> Ops.pow(x, y);
                case "@" -> Ops.matmul(x, y);
                default -> Ops.compare(op, x, y);
            });
        }
        if (op.equals("==") || op.equals("!=")) {
            boolean same = a.getClass() == b.getClass() && (a instanceof Str || a instanceof Bool) && a.equals(b);
            if (a instanceof Str || a instanceof Bool || b instanceof Str || b instanceof Bool)
                return Bool.of(op.equals("==") == same);
        }
        if (op.equals("+") && a instanceof Str x && b instanceof Str y) {
            mlp.tensor.Limits.checkString((long) x.value().length() + y.value().length());
            return new Str(x.value() + y.value());
        }
        if (op.equals("+") && a instanceof mlp.value.ListValue x && b instanceof mlp.value.ListValue y) {
            java.util.List<Value> items = new java.util.ArrayList<>(x.items());
            items.addAll(y.items());
            return new mlp.value.ListValue(items);
        }
        if (op.equals("+") && (a instanceof Str || b instanceof Str))
            throw new MlpError("'+' cannot combine " + Interpreter.describe(a) + " and " + Interpreter.describe(b)
                    + " (to join them as text, turn the " + (a instanceof Str ? b : a).kind() + " into a string with str(...))");
        throw new MlpError("'" + op + "' cannot combine " + Interpreter.describe(a) + " and " + Interpreter.describe(b));
    }

    private static Value eager(String op, DMatrixRMaj x, DMatrixRMaj y) {
        if (op.equals("@")) return new Tensor(Ops.matmul(Node.constant(x), Node.constant(y)));
        int[] shape = Shapes.broadcast(op, x, y);
        DMatrixRMaj out = Limits.matrix(shape[0], shape[1]);
        Kernels.elementwise(switch (op) {
            case "+" -> Kernels.Binary.ADD;
            case "-" -> Kernels.Binary.SUB;
            case "*" -> Kernels.Binary.MUL;
            case "/" -> Kernels.Binary.DIV;
            case "^" -> Kernels.Binary.POW;
            case "==" -> Kernels.Binary.EQ;
            case "!=" -> Kernels.Binary.NE;
            case "<" -> Kernels.Binary.LT;
            case "<=" -> Kernels.Binary.LE;
            case ">" -> Kernels.Binary.GT;
            case ">=" -> Kernels.Binary.GE;
            default -> throw new IllegalArgumentException(op);
        }, x, y, out);
        return new Tensor(out);
    }

    private static Value numbers(String op, double x, double y) {
        return switch (op) {
            case "+" -> new Num(x + y);
            case "-" -> new Num(x - y);
            case "*" -> new Num(x * y);
            case "/" -> new Num(x / y);
            case "^" -> new Num(Math.pow(x, y));
            case "@" -> throw new MlpError("'@' multiplies two tensors; use '*' for numbers");
            case "==" -> Bool.of(x == y);
            case "!=" -> Bool.of(x != y);
            case "<" -> Bool.of(x < y);
            case "<=" -> Bool.of(x <= y);
            case ">" -> Bool.of(x > y);
            case ">=" -> Bool.of(x >= y);
            default -> throw new IllegalArgumentException(op);
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
