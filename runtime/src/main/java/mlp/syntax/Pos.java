package mlp.syntax;

/** A place in a source: 1-based line and column. Every syntax node carries one. */
public record Pos(Source source, int line, int col) {
    @Override
    public String toString() {
        return source.name() + ":" + line + ":" + col;
    }
}
