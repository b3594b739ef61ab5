package mlp.eval;

import mlp.MlpError;
import mlp.autograd.Node;
import mlp.autograd.Ops;
import mlp.value.Bool;
import mlp.value.Num;
import mlp.value.Str;
import mlp.value.Tensor;
import mlp.value.Value;

/** The arithmetic and comparison operators on values: numbers stay numbers, tensors broadcast. */
final class Operators {
    private Operators() {
    }

    static Value binary(String op, Value a, Value b) {
        if (a instanceof Num x && b instanceof Num y) return numbers(op, x.value(), y.value());
        if ((a instanceof Tensor || a instanceof Num) && (b instanceof Tensor || b instanceof Num)) {
            Node x = node(a), y = node(b);
            return new Tensor(switch (op) {
                case "+" -> Ops.add(x, y);
                case "-" -> Ops.sub(x, y);
                case "*" -> Ops.mul(x, y);
                case "/" -> Ops.div(x, y);
                case "^" -> Ops.pow(x, y);
                case "@" -> {
                    if (a instanceof Num || b instanceof Num)
                        throw new MlpError("'@' multiplies two tensors; use '*' to scale by a number");
                    yield Ops.matmul(x, y);
                }
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
        throw new MlpError("'" + op + "' cannot combine " + Interpreter.describe(a) + " and " + Interpreter.describe(b));
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

    private static Node node(Value v) {
        return v instanceof Tensor t ? t.node() : Ops.scalar(((Num) v).value());
    }

    static Value negate(Value v) {
        if (v instanceof Num n) return new Num(-n.value());
        if (v instanceof Tensor t) return new Tensor(Ops.neg(t.node()));
        throw new MlpError("'-' cannot negate " + Interpreter.describe(v));
    }

    static Value transpose(Value v) {
        if (v instanceof Num) return v;
        if (v instanceof Tensor t) return new Tensor(Ops.transpose(t.node()));
        throw new MlpError("''' transposes a tensor, not " + Interpreter.describe(v));
    }
}
