package mlp.syntax;

import mlp.MlpError;
import mlp.syntax.antlr.MlpLexer;
import mlp.syntax.antlr.MlpParser;
import org.antlr.v4.runtime.BaseErrorListener;
import org.antlr.v4.runtime.Parser;
import org.antlr.v4.runtime.RecognitionException;
import org.antlr.v4.runtime.Recognizer;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.TokenStream;
import org.antlr.v4.runtime.misc.IntervalSet;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * Turns the parser's first complaint into one error in words a user knows ("expected ')' to
 * close '(' at 2:7", "expected an expression, found ']'"), and stops the parse there: one error
 * per mistake, never a cascade of ANTLR token dumps.
 */
final class SyntaxErrors extends BaseErrorListener {
    private final Source source;

    SyntaxErrors(Source source) {
        this.source = source;
    }

    @Override
    public void syntaxError(Recognizer<?, ?> recognizer, Object offending, int line, int col,
                            String antlrMessage, RecognitionException e) {
        Parser parser = (Parser) recognizer;
        Token bad = e != null && e.getOffendingToken() != null ? e.getOffendingToken() : (Token) offending;
        IntervalSet expected = e != null && e.getExpectedTokens() != null ? e.getExpectedTokens() : parser.getExpectedTokens();
        throw explain(parser.getInputStream(), bad, expected);
    }

    private MlpError explain(TokenStream tokens, Token bad, IntervalSet expected) {
        boolean atEnd = bad.getType() == Token.EOF;
        Pos at = atEnd ? afterLastToken(tokens, bad) : SourceParser.pos(source, bad);
        switch (bad.getType()) {
            case MlpLexer.BAD_CHAR:
                return new MlpError("unexpected character " + character(bad.getText()), at);
            case MlpLexer.UNTERMINATED_STRING:
                return new MlpError("unterminated string: a '\"' is missing at the end of the line", at);
            case MlpLexer.ASSIGN:
                return new MlpError("only a name or a list of names like [a, b] can be assigned to", at);
            default:
        }
        if (bad.getType() == MlpLexer.QUOTE && (expected.contains(MlpLexer.ID) || expected.contains(MlpLexer.NUMBER)))
            return new MlpError("strings use double quotes: write \"text\", not 'text' (a quote after a value transposes it: X')", at);
        Token opener = innermostOpen(tokens, bad);
        boolean closer = bad.getType() == MlpLexer.RPAREN || bad.getType() == MlpLexer.RBRACK || bad.getType() == MlpLexer.RBRACE;
        if (closer && opener == null)
            return new MlpError("unexpected '" + bad.getText() + "' with no '" + openerOf(bad.getType()) + "' to close", at);
        if (opener != null) {
            int want = opener.getType() == MlpLexer.LPAREN ? MlpLexer.RPAREN
                    : opener.getType() == MlpLexer.LBRACE ? MlpLexer.RBRACE : MlpLexer.RBRACK;
            boolean wanted = expected.contains(want);
            Pos opened = SourceParser.pos(source, opener);
            if ((closer && bad.getType() != want) || (wanted && (atEnd || at.line() > opened.line())))
                return new MlpError("expected '" + closerText(want) + "' to close '"
                        + opener.getText() + "' at " + opened.line() + ":" + opened.col(),
                        at, atEnd);
        }
        String found = describe(bad);
        String wanted = describe(expected);
        if (atEnd) return new MlpError("unexpected end of input" + (wanted.isEmpty() ? "" : ", expected " + wanted), at, true);
        return new MlpError(wanted.isEmpty() ? "unexpected " + found : "expected " + wanted + ", found " + found, at);
    }

    /**
     * Where the input ends, for "unexpected end of input": just after the last token, rather than
     * on the empty line after it.
     */
    private Pos afterLastToken(TokenStream tokens, Token eof) {
        for (int i = eof.getTokenIndex() - 1; i >= 0; i--) {
            Token t = tokens.get(i);
            if (t.getType() == MlpLexer.NL || t.getChannel() != Token.DEFAULT_CHANNEL) continue;
            return source.pos(t.getStopIndex() + 1);
        }
        return SourceParser.pos(source, eof);
    }

    /** The innermost bracket still open just before {@code bad}, or null. */
    private static Token innermostOpen(TokenStream tokens, Token bad) {
        Deque<Token> open = new ArrayDeque<>();
        for (int i = 0; i < bad.getTokenIndex(); i++) {
            Token t = tokens.get(i);
            switch (t.getType()) {
                case MlpLexer.LPAREN, MlpLexer.LBRACK, MlpLexer.LBRACE -> open.push(t);
                case MlpLexer.RPAREN, MlpLexer.RBRACK, MlpLexer.RBRACE -> { if (!open.isEmpty()) open.pop(); }
                default -> { }
            }
        }
        return open.peek();
    }

    /** 'x', or U+00A0 for a character that cannot be seen (a control character, an odd space). */
    static String character(String text) {
        int c = text.codePointAt(0);
        int type = Character.getType(c);
        boolean invisible = Character.isISOControl(c) || Character.isWhitespace(c) || Character.isSpaceChar(c)
                || type == Character.FORMAT || type == Character.UNASSIGNED || type == Character.PRIVATE_USE
                || type == Character.SURROGATE;
        return invisible ? String.format("U+%04X", c) : "'" + text + "'";
    }

    private static String openerOf(int closer) {
        return closer == MlpLexer.RPAREN ? "(" : closer == MlpLexer.RBRACE ? "{" : "[";
    }

    private static String closerText(int closer) {
        return closer == MlpLexer.RPAREN ? ")" : closer == MlpLexer.RBRACE ? "}" : "]";
    }

    private static String describe(Token t) {
        return switch (t.getType()) {
            case Token.EOF -> "end of input";
            case MlpLexer.NL -> "end of line";
            case MlpLexer.NUMBER -> "number " + t.getText();
            case MlpLexer.STRING -> "a string";
            case MlpLexer.ID -> "name '" + t.getText() + "'";
            case MlpLexer.QUOTE -> "\"'\"";
            default -> "'" + t.getText() + "'";
        };
    }

    /** The expected tokens, in words: "an expression", "end of statement", or a short list. */
    private static String describe(IntervalSet expected) {
        if (expected == null) return "";
        if (expected.contains(MlpLexer.ID) || expected.contains(MlpLexer.NUMBER)) return "an expression";
        List<String> words = new ArrayList<>();
        if (expected.contains(MlpLexer.NL) || expected.contains(Token.EOF) || expected.contains(MlpLexer.SEMI))
            return "end of statement";
        for (int type : new int[]{MlpLexer.RPAREN, MlpLexer.RBRACK, MlpLexer.RBRACE, MlpLexer.LBRACE, MlpLexer.IN, MlpLexer.COMMA, MlpLexer.COLON, MlpLexer.ARROW, MlpLexer.ASSIGN}) {
            if (expected.contains(type)) words.add(MlpParser.VOCABULARY.getLiteralName(type));
        }
        if (words.isEmpty()) return "";
        return words.size() == 1 ? words.get(0)
                : String.join(", ", words.subList(0, words.size() - 1)) + " or " + words.get(words.size() - 1);
    }
}
