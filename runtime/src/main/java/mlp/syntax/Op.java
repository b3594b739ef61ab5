package mlp.syntax;

/**
 * The binary operators, resolved once when the syntax tree is built: the interpreter switches on
 * these, never on operator text. {@code **} is another spelling of {@link #POW}.
 */
public enum Op {
    ADD("+"), SUB("-"), MUL("*"), DIV("/"), POW("^"), MATMUL("@"),
    EQ("=="), NE("!="), LT("<"), LE("<="), GT(">"), GE(">="),
    PIPE("|>");

    private final String symbol;

    Op(String symbol) {
        this.symbol = symbol;
    }

    /** How it is written (and named in messages): {@code +}. */
    public String symbol() {
        return symbol;
    }

    /** The operator a token spells; the grammar admits no other. */
    public static Op of(String text) {
        if (text.equals("**")) return POW;
        for (Op op : values()) if (op.symbol.equals(text)) return op;
        throw new IllegalArgumentException("no operator " + text);
    }

    @Override
    public String toString() {
        return symbol;
    }
}
