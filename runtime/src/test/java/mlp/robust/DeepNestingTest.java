package mlp.robust;

import mlp.MlpError;
import org.junit.jupiter.api.Test;

import static mlp.robust.Host.at;
import static mlp.robust.Host.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * 100,000-deep nesting of everything that nests, on a 1 MB thread stack: a clear "nested too
 * deeply" error at the place the limit is reached — never a StackOverflowError, and never the
 * interpreter's last-resort "nests or recurses too deeply" (which would mean the stack did
 * overflow and was caught). Long chains of left-associative operators are not nesting: they work.
 */
class DeepNestingTest {
    static final int DEEP = 100_000;

    // ---- the parser's limits ----

    @Test
    void brackets() {
        at(run("x = " + "(".repeat(DEEP) + "1" + ")".repeat(DEEP)).failed(), 1, 5 + 256, "nested too deeply (more than 256 open brackets)");
        at(run("x = " + "[".repeat(DEEP) + "1" + "]".repeat(DEEP)).failed(), 1, 5 + 256, "nested too deeply (more than 256 open brackets)");
        at(run("x = " + "sin(".repeat(DEEP) + "1" + ")".repeat(DEEP)).failed(), 1, 5 + 4 * 256 + 3, "nested too deeply (more than 256 open brackets)");
        assertEquals("1\n", run("x = " + "(".repeat(256) + "1" + ")".repeat(256) + "\nprint(x)").ok());
        assertEquals("[[1]]\n", run("x = " + "[".repeat(255) + "1" + "]".repeat(255) + "\nprint(x)").ok());
    }

    @Test
    void prefixAndRightAssociativeOperatorsAndLambdas() {
        String limit = "nested too deeply: more than 300 expressions inside one another";
        at(run("x = " + "-".repeat(DEEP) + "1").failed(), 1, 5 + 300, limit);
        at(run("x = " + "2^".repeat(DEEP) + "1").failed(), 1, 5 + 2 * 300, limit);
        at(run("x = " + "2**".repeat(DEEP) + "1").failed(), 1, 5 + 3 * 300, limit);
        at(run("f = " + "a -> ".repeat(DEEP) + "1").failed(), 1, 5 + 5 * 300, limit);
        at(run("x = " + "-sin(".repeat(DEEP) + "1" + ")".repeat(DEEP)).failed(), 1, 5 + 5 * 150, limit);
        // just under the limits, it parses and runs
        assertEquals("1\n", run("x = " + "-".repeat(298) + "1\nprint(x)").ok());
        assertEquals("1\n", run("x = " + "1^".repeat(298) + "1\nprint(x)").ok());
        assertEquals("7\n", run("f = " + "a -> ".repeat(298) + "7\nprint(f" + "(0)".repeat(298) + ")").ok());
    }

    // ---- chains are loops, not nesting ----

    @Test
    void longChainsOfLeftAssociativeOperatorsWork() {
        assertEquals("100001\n", run("x = 1" + " + 1".repeat(DEEP) + "\nprint(x)").ok());
        assertEquals("-99999\n", run("x = 1" + " - 1".repeat(DEEP) + "\nprint(x)").ok());
        assertEquals("[[1 2]]\n", run("x = [[1, 2]]" + "'".repeat(DEEP) + "\nprint(x)").ok());
        assertEquals("1\n", run("f = x -> f\ny = f" + "(1)".repeat(DEEP) + "\nprint(1)").ok());
        assertEquals("[[3]]\n", run("x = [[3]]" + "[0:1]".repeat(DEEP) + "\nprint(x)").ok());
        assertEquals("4\n", run("x = 2" + " |> (v -> v)".repeat(DEEP / 10) + " |> (v -> v * 2)\nprint(x)").ok());
        assertEquals("1\n", run("x = 1" + " == 1".repeat(DEEP) + "\nprint(1)").ok()); // true == 1 is an error... of types, not depth
    }

    @Test
    void aChainStillStopsAtTheLinkThatFails() {
        at(run("x = 1" + " + 1".repeat(DEEP) + " + \"s\"").failed(), 1, 5 + 4 * DEEP + 2, "'+' cannot combine a number (100001) and a string");
    }

    @Test
    void aPipelineOfAHundredThousandLayersIsTooLargeAModel() {
        MlpError e = run("a = relu\nm = a" + " |> a".repeat(DEEP)).failed();
        at(e, 2, 5 + 5 * 9_999 + 2, "the model is too large: more than 10000 layers");
        at(run("m = relu |> relu\n" + "m = m |> m\n".repeat(20)).failed(), 14, 7, "the model is too large: more than 10000 layers");
        at(run("r = relu\n" + "r = residual(r)\n".repeat(200)).failed(), 101, 14,
                "the model nests too deeply: more than 100 layers inside one another");
    }

    // ---- the interpreter's limit ----

    @Test
    void aFunctionCallingItselfStopsWithAClearError() {
        String limit = "too deep: more than 400 calls or expressions inside one another (does a function call itself?)";
        at(run("f = x -> f(x)\nf(1)").failed(), 1, 10, limit);
        MlpError e = run("f = x -> 1 + sin(f(x)) * 2\nf(1)").failed(); // at sin( or at f(, wherever the count runs out
        at(e, 1, e.column() == 14 ? 14 : 18, limit);
        at(run("f = x -> grad(f, x)\nf(1)").failed(), 1, 10, limit);
        at(run("f = x -> x |> f\nf(1)").failed(), 1, 10, limit);
        at(run("f = (a, b) -> g(b, a)\ng = (a, b) -> f(a, b)\nf(1, 2)").failed(), 1, 15, limit);
    }

    @Test
    void theInterpreterGoesOnAfterTheLimit() {
        StringBuilder code = new StringBuilder("f = x -> f(x)\n");
        MlpError e = run(code + "f(1)").failed();
        assertTrue(e.plainMessage().startsWith("too deep"));
        // the same interpreter, after the error: its depth count is back to zero
        java.io.StringWriter out = new java.io.StringWriter();
        mlp.eval.Interpreter it = new mlp.eval.Interpreter(Host.quiet(out));
        for (int i = 0; i < 3; i++) assertTrue(Host.on(it, code + "f(1)", out).failed().plainMessage().startsWith("too deep"));
        assertEquals("3\n", Host.on(it, "print(" + "-".repeat(298) + "3)", out).ok());
    }

    // ---- data that nests ----

    @Test
    void listsNestedStatementByStatement() {
        at(run("a = [\"x\"]\n" + "a = [a]\n".repeat(DEEP / 100)).failed(), 101, 5, "lists nested too deeply: more than 100 inside one another");
        // a list holding itself twice doubles: printing it stays bounded, and it cannot grow past the cap
        String doubled = "a = [\"x\"]\n" + "a = [a, a]\n".repeat(16) + "print(a)";
        String printed = run(doubled).ok();
        assertTrue(printed.length() < 20_000 && printed.contains("..."), printed.length() + " characters");
        at(run("a = [\"x\"]\n" + "a = [a, a]\n".repeat(25)).failed(), 21, 5,
                "a list of 1048576 items, counting those in its lists, is too large (the limit is 1000000)");
    }
}
