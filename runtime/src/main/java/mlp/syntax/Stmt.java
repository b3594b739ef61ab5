package mlp.syntax;

import java.util.List;

/** The statements of .mlp. */
public sealed interface Stmt {
    Pos pos();

    /** {@code name = value}. */
    record Assign(Pos pos, String name, Expr value) implements Stmt {}

    /** {@code [a, b, ...] = value}: binds the items of a list. */
    record Destructure(Pos pos, List<String> names, Expr value) implements Stmt {}

    /** An expression evaluated for its value (the REPL echoes it). */
    record Eval(Pos pos, Expr expr) implements Stmt {}
}
