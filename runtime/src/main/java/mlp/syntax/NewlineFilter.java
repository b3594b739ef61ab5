package mlp.syntax;

import mlp.MlpError;
import mlp.syntax.antlr.MlpLexer;
import org.antlr.v4.runtime.CharStream;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.TokenFactory;
import org.antlr.v4.runtime.TokenSource;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Sits between the lexer and the parser and decides which newlines end a statement. A run of
 * newlines is dropped when it is inside {@code ()} or {@code []}, when the line before ends with
 * a binary operator (or {@code =}, {@code ->}, {@code ,}), or when the next line starts with
 * {@code |>} or {@code else}; otherwise it becomes one NL token. Inside {@code { }} (a block)
 * newlines end statements again, as at the top level, until a {@code (} or {@code [} opens.
 */
final class NewlineFilter implements TokenSource {
    /** Deeper bracket nesting than this is refused before the parser's recursion could overflow. */
    static final int MAX_DEPTH = 256;

    /**
     * The most tokens one program may have. The parse tree costs a few hundred bytes a token, so a
     * 10 MB line of {@code 1,1,1,...} (5 million tokens) would need gigabytes; data that large
     * belongs in a CSV file.
     */
    static final int MAX_TOKENS = 1_000_000;

    private final TokenSource lexer;
    private final Source source;
    private final Deque<Token> pending = new ArrayDeque<>();
    private final Deque<Token> open = new ArrayDeque<>();
    private Token previous; // last token handed to the parser that was not a newline
    private int count;

    NewlineFilter(TokenSource lexer, Source source) {
        this.lexer = lexer;
        this.source = source;
    }

    @Override
    public Token nextToken() {
        Token t = pending.isEmpty() ? lexer.nextToken() : pending.poll();
        if (t.getType() != MlpLexer.NL) return track(t);
        Token after = lexer.nextToken();
        while (after.getType() == MlpLexer.NL) after = lexer.nextToken();
        pending.add(after);
        boolean ends = (open.isEmpty() || open.peek().getType() == MlpLexer.LBRACE) && previous != null
                && !continuesLine(previous.getType()) && after.getType() != MlpLexer.PIPE && after.getType() != MlpLexer.ELSE;
        return ends ? t : nextToken();
    }

    private Token track(Token t) {
        if (++count > MAX_TOKENS)
            throw new MlpError("the program is too long: more than " + MAX_TOKENS + " tokens (read large data from a file"
                    + " with load)", SourceParser.pos(source, t));
        switch (t.getType()) {
            case MlpLexer.LPAREN, MlpLexer.LBRACK, MlpLexer.LBRACE -> {
                open.push(t);
                if (open.size() > MAX_DEPTH)
                    throw new MlpError("nested too deeply (more than " + MAX_DEPTH + " open brackets)",
                            SourceParser.pos(source, t));
            }
            case MlpLexer.RPAREN, MlpLexer.RBRACK, MlpLexer.RBRACE -> {
                if (!open.isEmpty()) open.pop(); // a mismatch is the parser's to report
            }
            default -> { }
        }
        previous = t;
        return t;
    }

    /** Tokens after which a line break does not end the statement. */
    static boolean continuesLine(int type) {
        return switch (type) {
            case MlpLexer.PIPE, MlpLexer.ARROW, MlpLexer.EQ, MlpLexer.NE, MlpLexer.LE, MlpLexer.GE,
                 MlpLexer.LT, MlpLexer.GT, MlpLexer.POW2, MlpLexer.PLUS, MlpLexer.MINUS, MlpLexer.STAR,
                 MlpLexer.SLASH, MlpLexer.AT, MlpLexer.CARET, MlpLexer.COMMA, MlpLexer.ASSIGN,
                 MlpLexer.PLUS_ASSIGN, MlpLexer.MINUS_ASSIGN, MlpLexer.STAR_ASSIGN, MlpLexer.SLASH_ASSIGN,
                 MlpLexer.IN -> true;
            default -> false;
        };
    }

    @Override public int getLine() { return lexer.getLine(); }
    @Override public int getCharPositionInLine() { return lexer.getCharPositionInLine(); }
    @Override public CharStream getInputStream() { return lexer.getInputStream(); }
    @Override public String getSourceName() { return lexer.getSourceName(); }
    @Override public void setTokenFactory(TokenFactory<?> factory) { lexer.setTokenFactory(factory); }
    @Override public TokenFactory<?> getTokenFactory() { return lexer.getTokenFactory(); }
}
