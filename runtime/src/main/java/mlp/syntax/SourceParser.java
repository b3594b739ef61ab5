package mlp.syntax;

import mlp.MlpError;
import mlp.syntax.antlr.MlpLexer;
import mlp.syntax.antlr.MlpParser;
import org.antlr.v4.runtime.CharStream;
import org.antlr.v4.runtime.CharStreams;
import org.antlr.v4.runtime.CommonTokenStream;
import org.antlr.v4.runtime.Token;

import java.util.List;

/** The front of the language: program text in, a list of statements (or one {@link MlpError}) out. */
public final class SourceParser {
    private SourceParser() {
    }

    public static List<Stmt> parse(Source source) {
        try {
            CharStream text = CharStreams.fromString(source.text(), source.name());
            if (source.text().startsWith("\uFEFF")) text.seek(1); // a byte order mark, as some editors save UTF-8
            MlpLexer lexer = new MlpLexer(text);
            lexer.removeErrorListeners(); // BAD_CHAR catches everything the lexer cannot match
            MlpParser parser = new BoundedParser(new CommonTokenStream(new NewlineFilter(lexer, source)), source);
            parser.removeErrorListeners();
            parser.addErrorListener(new SyntaxErrors(source));
            return new AstBuilder(source).program(parser.program());
        } catch (StackOverflowError deep) { // a last line of defence: BoundedParser's limit comes first
            throw new MlpError("too deeply nested to parse: the parser ran out of stack", new Pos(source, 1, 1));
        } catch (OutOfMemoryError full) { // likewise: NewlineFilter's limit on tokens comes first
            throw new MlpError("the program is too large to parse: out of memory", new Pos(source, 1, 1));
        }
    }

    /** Parses a single expression (used for the defaults written in built-in signatures). */
    public static Expr parseExpression(Source source) {
        List<Stmt> stmts = parse(source);
        if (stmts.size() != 1 || !(stmts.get(0) instanceof Stmt.Eval e))
            throw new MlpError("expected one expression", new Pos(source, 1, 1));
        return e.expr();
    }

    /** Where a token starts (from its index in the text: the lexer's own line count misses a lone \r). */
    static Pos pos(Source source, Token t) {
        return source.pos(t.getStartIndex());
    }
}
