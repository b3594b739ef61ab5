package mlp.repl;

import mlp.eval.Builtins;
import mlp.syntax.antlr.MlpLexer;
import org.antlr.v4.runtime.CharStreams;
import org.antlr.v4.runtime.Token;
import org.jline.reader.Highlighter;
import org.jline.reader.LineReader;
import org.jline.utils.AttributedString;
import org.jline.utils.AttributedStringBuilder;
import org.jline.utils.AttributedStyle;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Colours the line being typed, token by token with the language's own lexer: numbers and
 * booleans, strings, built-ins, operators, comments; a name that is not defined (yet) shows in
 * red, so a typo is seen before Enter.
 */
final class Highlighting implements Highlighter {
    static final AttributedStyle NUMBER = AttributedStyle.DEFAULT.foreground(AttributedStyle.CYAN);
    static final AttributedStyle STRING = AttributedStyle.DEFAULT.foreground(AttributedStyle.GREEN);
    static final AttributedStyle BUILTIN = AttributedStyle.DEFAULT.foreground(AttributedStyle.BLUE).bold();
    static final AttributedStyle OPERATOR = AttributedStyle.DEFAULT.foreground(AttributedStyle.YELLOW);
    static final AttributedStyle UNKNOWN = AttributedStyle.DEFAULT.foreground(AttributedStyle.RED);
    static final AttributedStyle COMMENT = AttributedStyle.DEFAULT.foreground(AttributedStyle.BRIGHT).italic();
    static final AttributedStyle COMMAND = AttributedStyle.DEFAULT.foreground(AttributedStyle.MAGENTA).bold();
    static final AttributedStyle NAME = AttributedStyle.DEFAULT;

    private final Session session;

    Highlighting(Session session) {
        this.session = session;
    }

    @Override
    public AttributedString highlight(LineReader reader, String buffer) {
        try {
            return highlight(buffer);
        } catch (RuntimeException e) { // colours are a nicety: never let them stop the typing
            return new AttributedString(buffer);
        }
    }

    AttributedString highlight(String buffer) {
        AttributedStringBuilder out = new AttributedStringBuilder(buffer.length());
        if (Commands.isCommand(buffer)) {
            int start = buffer.length() - buffer.stripLeading().length();
            int end = buffer.indexOf(' ', start);
            if (end < 0) end = buffer.length();
            out.append(buffer.substring(0, start)).append(buffer.substring(start, end), COMMAND).append(buffer.substring(end));
            return out.toAttributedString();
        }
        List<Token> tokens = tokens(buffer);
        Set<String> known = knownNames(tokens);
        Set<String> builtins = Builtins.standard().entries().keySet();
        Set<String> own = session.interpreter().globals().own().keySet();
        int at = 0;
        for (int i = 0; i < tokens.size(); i++) {
            Token t = tokens.get(i);
            int start = t.getStartIndex();
            int end = t.getStopIndex() + 1;
            if (start < at || end > buffer.length()) continue;
            gap(out, buffer.substring(at, start));
            out.append(buffer.substring(start, end), style(tokens, i, known, builtins, own));
            at = end;
        }
        gap(out, buffer.substring(at));
        return out.toAttributedString();
    }

    private static AttributedStyle style(List<Token> tokens, int i, Set<String> known, Set<String> builtins, Set<String> own) {
        Token t = tokens.get(i);
        switch (t.getType()) {
            case MlpLexer.NUMBER, MlpLexer.TRUE, MlpLexer.FALSE:
                return NUMBER;
            case MlpLexer.STRING, MlpLexer.UNTERMINATED_STRING:
                return STRING;
            case MlpLexer.BAD_CHAR:
                return UNKNOWN;
            case MlpLexer.ID: {
                String name = t.getText();
                Token before = i > 0 ? tokens.get(i - 1) : null;
                Token after = i + 1 < tokens.size() ? tokens.get(i + 1) : null;
                if (before != null && before.getType() == MlpLexer.DOT) return NAME; // a member
                if (before != null && before.getType() == MlpLexer.FOR) return NAME; // for x in ...: x is bound here
                if (after != null && after.getType() == MlpLexer.ASSIGN) return NAME; // x = or name= in a call
                if (own.contains(name) || known.contains(name)) return NAME;
                if (builtins.contains(name)) return BUILTIN;
                return UNKNOWN;
            }
            case MlpLexer.FOR, MlpLexer.IN, MlpLexer.IF, MlpLexer.ELSE:
                return BUILTIN; // the keywords
            case MlpLexer.LPAREN, MlpLexer.RPAREN, MlpLexer.LBRACK, MlpLexer.RBRACK, MlpLexer.LBRACE, MlpLexer.RBRACE, MlpLexer.COMMA,
                 MlpLexer.SEMI, MlpLexer.DOT, MlpLexer.COLON, MlpLexer.NL:
                return NAME;
            default:
                return OPERATOR;
        }
    }

    /** Names the buffer itself defines: assigned ones and the parameters of its lambdas. */
    private static Set<String> knownNames(List<Token> tokens) {
        Set<String> known = new HashSet<>();
        for (int i = 0; i < tokens.size(); i++) {
            Token t = tokens.get(i);
            if (t.getType() == MlpLexer.ASSIGN && i > 0 && tokens.get(i - 1).getType() == MlpLexer.ID)
                known.add(tokens.get(i - 1).getText());
            if (t.getType() == MlpLexer.ARROW) {
                // x -> ...   or   (a, b) -> ...
                int j = i - 1;
                if (j >= 0 && tokens.get(j).getType() == MlpLexer.ID) known.add(tokens.get(j).getText());
                else if (j >= 0 && tokens.get(j).getType() == MlpLexer.RPAREN)
                    for (j--; j >= 0 && tokens.get(j).getType() != MlpLexer.LPAREN; j--)
                        if (tokens.get(j).getType() == MlpLexer.ID) known.add(tokens.get(j).getText());
            }
            // [a, b] = ... : every name of a bracket list right before '='
            if (t.getType() == MlpLexer.ASSIGN && i > 0 && tokens.get(i - 1).getType() == MlpLexer.RBRACK)
                for (int j = i - 2; j >= 0 && tokens.get(j).getType() != MlpLexer.LBRACK; j--)
                    if (tokens.get(j).getType() == MlpLexer.ID) known.add(tokens.get(j).getText());
        }
        return known;
    }

    /** Text between tokens: spaces and comments (the lexer skips both). */
    private static void gap(AttributedStringBuilder out, String text) {
        int hash = text.indexOf('#');
        while (hash >= 0) {
            out.append(text.substring(0, hash));
            int nl = text.indexOf('\n', hash);
            int end = nl < 0 ? text.length() : nl;
            out.append(text.substring(hash, end), COMMENT);
            text = text.substring(end);
            hash = text.indexOf('#');
        }
        out.append(text);
    }

    /** Every token of the text, newlines included, with the lexer's error reports silenced. */
    static List<Token> tokens(String text) {
        MlpLexer lexer = new MlpLexer(CharStreams.fromString(text));
        lexer.removeErrorListeners();
        List<Token> out = new ArrayList<>();
        for (Token t = lexer.nextToken(); t.getType() != Token.EOF; t = lexer.nextToken()) out.add(t);
        return out;
    }
}
