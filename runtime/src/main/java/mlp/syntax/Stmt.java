package mlp.syntax;

import java.util.List;

/** The statements of .mlp. */
public sealed interface Stmt {
    Pos pos();

    /** {@code name = value}. */
    record Assign(Pos pos, String name, Expr value) implements Stmt {}

    /** {@code [a, b, ...] = value}: binds the items of a list. */
    record Destructure(Pos pos, List<String> names, Expr value) implements Stmt {}

    /** {@code name += value} (also {@code -= *= /=}); {@code op} is the operator without '='. */
    record Compound(Pos pos, String name, Op op, Expr value) implements Stmt {}

    /** {@code target.name = value}: sets a layer's parameter ({@code model[0].weight = eye(2)}). */
    record SetMember(Pos pos, Expr target, String name, Expr value) implements Stmt {}

    /**
     * {@code for x in items { ... }}, or {@code for [a, b] in items { ... }} ({@code unpack}):
     * the body runs in the scope the loop is in.
     */
    record For(Pos pos, List<String> names, boolean unpack, Expr items, Expr.Block body) implements Stmt {}

    /** An expression evaluated for its value (the REPL echoes it). */
    record Eval(Pos pos, Expr expr) implements Stmt {}
}
