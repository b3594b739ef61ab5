package mlp.io.onnx;

import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * A small expression over ONNX ops, written once and used both ways: {@link OnnxBuilder#emit}
 * writes it as nodes, {@link OnnxGraph#match} recognises it in a file. So a layer's ONNX form
 * and the pattern that reads it back cannot drift apart.
 * <pre>
 *   // leaky_relu(s): Max(x, Mul(x, s)), the slope a float64 initializer
 *   Expr.op("Max", Expr.X, Expr.op("Mul", Expr.X, Expr.c("slope")))
 * </pre>
 */
public sealed interface Expr {
    /** The layer's input. */
    Expr X = new Input();

    record Input() implements Expr {
    }

    /**
     * A constant tensor named {@code name}: written from the layer's values (a matrix, a vector of
     * its numbers, or one number), bound when read.
     */
    record Const(String name, Shape shape) implements Expr {
    }

    enum Shape { MATRIX, VECTOR, SCALAR }

    /** A fixed number: written as a scalar initializer; read back, a scalar within {@code tolerance} of it. */
    record Fixed(double value, double tolerance) implements Expr {
    }

    /**
     * An op with its arguments. Integer attributes are written as given and must match when read
     * ({@code accept}, when not null, decides instead: other exporters write other attributes).
     * Add and Mul match with their two arguments either way round.
     */
    record Op(String type, List<Expr> args, Map<String, Long> ints, Predicate<OnnxGraph.Node> accept) implements Expr {
        public Op withInts(Map<String, Long> ints) {
            return new Op(type, args, ints, accept);
        }

        /** Read back: accept the node when the test passes (the written attributes are not checked then). */
        public Op accepting(Predicate<OnnxGraph.Node> accept) {
            return new Op(type, args, ints, accept);
        }

        boolean commutative() {
            return args.size() == 2 && (type.equals("Add") || type.equals("Mul") || type.equals("Max") || type.equals("Min"));
        }
    }

    static Op op(String type, Expr... args) {
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
