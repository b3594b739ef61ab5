package mlp.syntax;

import mlp.MlpError;
import mlp.syntax.antlr.MlpParser;
import org.antlr.v4.runtime.ParserRuleContext;
import org.antlr.v4.runtime.TokenStream;

/**
 * The generated parser with a bound on how deep expressions nest. ANTLR's parser is recursive
 * descent: every unary minus, right operand of {@code ^}, lambda body and bracket is one more
 * level of Java recursion (a chain of left-associative operators is a loop, not recursion). Past
 * {@link #MAX_DEPTH} levels the parse stops with a clear error at the token it reached, long
 * before a thread's stack could overflow. The newline filter's bracket limit usually speaks
 * first for brackets; this one covers the rest ({@code - - - x}, {@code 2^2^2^...},
 * {@code x -> x -> ...}).
 */
final class BoundedParser extends MlpParser {
    /**
     * Expressions inside expressions. Measured on a 1 MB thread stack (the JVM's default for a
     * new thread), parsing and running reach about 1500 levels of {@code -}, {@code ^} or lambdas
     * and 700 of nested calls (each also an argument list) before the stack overflows; this
     * leaves a wide margin (code instrumented by a fuzzer, or a host that calls from deep in its
     * own stack, uses more per level). Brackets stop at 256 (NewlineFilter). The interpreter's
     * own limit, {@code Interpreter.MAX_DEPTH}, is higher, so whatever parses can be evaluated.
     */
    static final int MAX_DEPTH = 300;

    private final Source source;
    private int depth;

    BoundedParser(TokenStream input, Source source) {
        super(input);
        this.source = source;
    }

    @Override
    public void enterRecursionRule(ParserRuleContext localctx, int state, int ruleIndex, int precedence) {
        super.enterRecursionRule(localctx, state, ruleIndex, precedence);
        deeper();
    }

    @Override
    public void unrollRecursionContexts(ParserRuleContext parentctx) {
        depth--;
        super.unrollRecursionContexts(parentctx);
    }

    // thrown after the rule is entered, so that the generated code's finally blocks unwind it as usual
    private void deeper() {
        if (++depth > MAX_DEPTH)
            throw new MlpError("nested too deeply: more than " + MAX_DEPTH + " expressions inside one another", SourceParser.pos(source, getCurrentToken()));
    }
}
