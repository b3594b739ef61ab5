package mlp.syntax;

import java.util.List;

/**
 * The expressions of .mlp: a small immutable tree. Each node keeps the position a user would
 * want an error to point at (an operator's own token, a call's callee, a bracket).
 */
public sealed interface Expr {
    Pos pos();

    record Num(Pos pos, double value) implements Expr {}

    record Str(Pos pos, String value) implements Expr {}

    record Bool(Pos pos, boolean value) implements Expr {}

    record Name(Pos pos, String name) implements Expr {}

    /** {@code [a, b, ...]}: a tensor when every item is a number or a row of one, else a list. */
    record ListLit(Pos pos, List<Expr> items) implements Expr {}

    record Lambda(Pos pos, List<String> params, Expr body) implements Expr {}

    /** A binary operator, resolved when the tree is built ({@code +}, {@code @}, {@code |>}, ...). */
    record Binary(Pos pos, Op op, Expr left, Expr right) implements Expr {}

    record Negate(Pos pos, Expr operand) implements Expr {}

    record Transpose(Pos pos, Expr operand) implements Expr {}

    record Call(Pos pos, Expr callee, List<Arg> args) implements Expr {}

    /** One argument of a call; {@code name} is null for a positional one. */
    record Arg(Pos pos, String name, Expr value) {}

    /** {@code target[rows]} or {@code target[rows, cols]}; {@code cols} is null when absent. */
    record Index(Pos pos, Expr target, Selector rows, Selector cols) implements Expr {}

    /** One axis of an index: a single position, or a half-open slice with optional ends. */
    sealed interface Selector {
        Pos pos();
    }

    record At(Pos pos, Expr index) implements Selector {}

    record Slice(Pos pos, Expr start, Expr stop) implements Selector {}

    record Member(Pos pos, Expr target, String name) implements Expr {}
}
