package mlp.nn;

import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * A small expression over ONNX ops, written once and used both ways: a layer writes its ONNX form
 * with it ({@link OnnxWriter#emit}), and io's ONNX reader recognises the same expression in a
 * file, so a layer's form and the pattern that reads it back cannot drift apart. A
 * sub-expression used twice (the same object) is written once and must match one value.
 * <pre>
 *   // leaky_relu(s): Max(x, Mul(x, s)), the slope a float64 initializer
 *   Expr.op("Max", OnnxExpr.X, Expr.op("Mul", OnnxExpr.X, Expr.c("slope")))
 * </pre>
 */
public sealed interface OnnxExpr {
    /** The layer's input. */
    OnnxExpr X = new Input();

    record Input() implements OnnxExpr {
    }

    /**
     * A constant tensor named {@code name}: written from the layer's values (a matrix, a vector of
     * its numbers, or one number), bound when read.
     */
    record Const(String name, Shape shape) implements OnnxExpr {
    }

    enum Shape { MATRIX, VECTOR, SCALAR }

    /** A fixed number: written as a scalar initializer; read back, a scalar within {@code tolerance} of it. */
    record Fixed(double value, double tolerance) implements OnnxExpr {
    }

    /** What a reader may ask of a node in a file, to accept it (other exporters write other attributes). */
    interface OnnxNode {
        long ints(String name, long otherwise);

        /** A float attribute as the decimal its writer most likely meant (ONNX keeps them as float32). */
        double floats(String name, double otherwise);
    }

    /**
     * An op with its arguments. Integer attributes are written as given and must match when read
     * ({@code accept}, when not null, decides instead: other exporters write other attributes).
     * Add and Mul match with their two arguments either way round.
     */
    record Op(String type, List<OnnxExpr> args, Map<String, Long> ints, Predicate<OnnxNode> accept) implements OnnxExpr {
        public Op withInts(Map<String, Long> ints) {
            return new Op(type, args, ints, accept);
        }

        /** Read back: accept the node when the test passes (the written attributes are not checked then). */
        public Op accepting(Predicate<OnnxNode> accept) {
            return new Op(type, args, ints, accept);
        }

        public boolean commutative() {
            return args.size() == 2 && (type.equals("Add") || type.equals("Mul") || type.equals("Max") || type.equals("Min"));
        }
    }

    static Op op(String type, OnnxExpr... args) {
        return new Op(type, List.of(args), Map.of(), null);
    }

    /** A vector constant (a bias, a scale): broadcast along the batch. */
    static Const c(String name) {
        return new Const(name, Shape.VECTOR);
    }

    /** A matrix constant (a weight). */
    static Const m(String name) {
        return new Const(name, Shape.MATRIX);
    }

    /** A one-number constant (a slope, an epsilon). */
    static Const s(String name) {
        return new Const(name, Shape.SCALAR);
    }

    /** A fixed number read back within 1e-6 (exporters write float32 constants). */
    static Fixed k(double value) {
        return new Fixed(value, 1e-6 * Math.max(1, Math.abs(value)));
    }
}
