package mlp.errors;

import mlp.MlpError;
import mlp.eval.Interpreter;
import mlp.io.Settings;
import mlp.syntax.Source;
import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Bad programs using the forms of LANGUAGE.md's "Blocks and control flow", "Lists", "Functions
 * as layers and losses", "Printing" and "More built-ins", and the habits brought from Python and
 * NumPy: each gives one {@link MlpError} with this message at this line and column, shown with
 * the source line and a caret, and no Java stack trace.
 */
class LanguageErrorsTest {
    private static MlpError run(String code) {
        Interpreter interpreter = new Interpreter(new Settings().out(new PrintWriter(new StringWriter())).progress(null)
                .pictures(Settings.Pictures.OFF));
        return assertThrows(MlpError.class, () -> interpreter.run(new Source("bad.mlp", code)));
    }

    /** Runs {@code code}, which must fail as described. */
    static void fails(String code, int line, int column, String message) {
        MlpError e = run(code);
        ErrorShown.check(e, "bad.mlp", code, line, column, message);
    }

    @Test
    void aMissingCommaBetweenRowsIsAnErrorAtTheSecondRow() {
        fails("w1 = [[1, 1]\n      [-1, -1]]", 2, 7, "missing ',' between rows?");
        fails("w = [[1, 2] [0, 1]]", 1, 13, "missing ',' between rows?");
        fails("w = [[1, 2], [3, 4]\n     [5, 6]]", 2, 6, "missing ',' between rows?");
    }

    @Test
    void conditionsMustBeOneValue() {
        fails("if [1, 2] { 1 }", 1, 4, "a condition must be true or false, a number or a 1×1 tensor, not a tensor (1×2)"
                + " (it has several elements: compare a number, e.g. sum(x > 0) > 0, or choose elementwise with where(c, a, b))");
        fails("x = 0\nif x > 0 { 1 } else if \"yes\" { 2 }", 2, 24,
                "a condition must be true or false, a number or a 1×1 tensor, not a string");
        fails("v = if false { 1 }", 1, 5, "this if gives no value here: no block was taken (add an else { ... })");
        fails("v = { a = 1 }", 1, 5, "this block gives no value: its last statement is an assignment or a loop");
    }

    @Test
    void loopsWalkListsAndTensors() {
        fails("for i in 5 { print(i) }", 1, 10, "for walks the items of a list or a tensor, not a number (5) (to count, write range(5))");
        fails("for [a, b] in [[1, 2, 3], \"x\"] { }", 1, 15, "an item has 3 values but the loop names 2");
        fails("for [a, b] in [\"x\"] { }", 1, 15, "cannot unpack a string into 2 names; each item must be a list");
        fails("for i in range(3) {\n  print(i +)\n}", 2, 12, "expected an expression, found ')'");
        fails("for i in range(3) {\n  print(i)\n", 2, 11, "expected '}' to close '{' at 1:19");
        fails("for i in range(3) { print(i) ]", 1, 30, "expected '}' to close '{' at 1:19");
        fails("x = 1 }", 1, 7, "unexpected '}' with no '{' to close");
    }

    @Test
    void compoundAssignmentsNeedAValueFirst() {
        fails("z += 1", 1, 3, "'z +=' needs a value for 'z' first (unknown name)");
        fails("s = \"a\"\ns -= 1", 2, 3, "'-' cannot combine a string and a number (1)");
    }

    @Test
    void settingAParameterKeepsItsShape() {
        fails("m = linear(2, 2)\nm.weight = eye(3)", 2, 12, "linear(2, 2).weight is (2×2) but the new value is (3×3): the shapes must match");
        fails("m = linear(2, 2) |> relu\nm[0].bias = [1, 2, 3]", 2, 13, "linear(2, 2).bias is (1×2) but the new value is (1×3): the shapes must match");
        fails("m = linear(2, 2)\nm.foo = 1", 2, 9, "linear(2, 2) has no parameter 'foo'");
        fails("m = relu\nm.weight = 1", 2, 12, "relu has no parameter 'weight' (it has no parameters)");
        fails("x = [[1]]\nx.rows = 2", 2, 8, "a tensor (1×1) has no member 'rows' that can be set");
        fails("x = [[1, 2]]\nx[0] = 2", 2, 6, "tensors cannot be changed in place: build a new one (e.g. with where(mask, a, b))");
    }

    @Test
    void anErrorInsideACalledFunctionSaysWhereItWasCalledFrom() {
        String code = "f = x -> {\n  y = x @ [[1, 2]]\n  y\n}\ng = x -> f(x) + 1\nprint(g([[1, 2]]))";
        MlpError e = run(code);
        assertEquals("shape mismatch in '@': (1×2) @ (1×2) — inner sizes 2 and 1 differ", e.plainMessage());
        assertEquals("2:9", e.line() + ":" + e.column());
        assertTrue(e.format().endsWith("\n    y = x @ [[1, 2]]\n          ^\n  called from bad.mlp:5:10\n  called from bad.mlp:6:7"),
                e.format());
        // a function calling itself until the depth limit: the innermost ten calls, then a count
        e = run("f = x -> f(x + 1)\nf(1)");
        assertTrue(e.plainMessage().startsWith("too deep"), e.plainMessage());
        String shown = e.format();
        assertEquals(10, shown.split("called from bad.mlp:1:10", -1).length - 1, shown);
        assertTrue(shown.matches("(?s).*\\n  called from bad.mlp:1:10\\n  \\.\\.\\. and \\d+ more calls$"), shown);
        // a function layer: called from where it stands in the stack
        e = run("m = linear(2, 2) |> (x -> x @ [[1, 2]])\nm([[1, 2]])");
        assertTrue(e.format().endsWith("  called from bad.mlp:1:22"), e.format());
        // a loss function: called from the loss= argument's value
        e = run("train(linear(1, 1), [[1]], [[1]], loss=(p, t) -> mean(p @ [[1, 2]] @ t), progress=false)\n");
        assertTrue(e.format().endsWith("  called from bad.mlp:1:40"), e.format());
    }

    @Test
    void functionLayersAndLossesNameWhatHasNoGradient() {
        fails("train(linear(2, 2) |> (x -> round(x)), [[1, 2]], [[1, 2]], progress=false)", 1, 35,
                "round has no gradient: it cannot be used on the input of grad(f, x), of a function layer or of a loss"
                        + " (only on data that does not depend on it)");
        fails("train(linear(2, 2), [[1, 2]], [[1, 2]], loss=(p, t) -> sum(argmax(p, dim=1)), progress=false)", 1, 67,
                "argmax has no gradient: it cannot be used on the input of grad(f, x), of a function layer or of a loss"
                        + " (only on data that does not depend on it)");
        fails("train(linear(2, 2) |> (x -> if sum(x) > 0 { x } else { -x }), [[1, 2]], [[1, 2]], progress=false)", 1, 39,
                "a condition inside a function layer or loss cannot depend on its input: the training graph is built once"
                        + " (use where(c, a, b) to choose elementwise)");
        fails("m = linear(2, 2) |> (x -> x[:, 0])\nm([[1, 2]])", 1, 22,
                "function (line 1) must keep its input's shape (1×2) (a function in a stack is a layer of the same width),"
                        + " but gave (1×1)");
        fails("m = linear(2, 2) |> ((a, b) -> a)", 1, 22, "a function in a stack is a layer of one argument (x -> ...), but this one takes 2");
        fails("train(linear(1, 1), [[1], [2]], [[1], [2]], loss=(p, t) -> p - t, progress=false)", 1, 50,
                "the loss function must give a number or a 1×1 tensor (e.g. mean(...)), but gave a tensor (2×1)");
        fails("train(linear(1, 1), [[1]], [[1]], loss=p -> p)", 1, 40,
                "a loss function takes two arguments, (pred, y) -> ..., but this one takes 1");
    }

    @Test
    void indexTensorsMasksAndSteps() {
        String x = "X = [[1, 2], [3, 4], [5, 6]]\n";
        fails(x + "X[[0, 5]]", 2, 3, "row index 5 is out of range for a tensor (3×2) (valid: -3 to 2)");
        fails(x + "X[[[1], [2], [0]]]", 2, 3, "a mask must hold only 0 and 1, but row 1 is 2");
        fails(x + "X[[[0, 1], [1, 0]]]", 2, 3, "an index tensor must be one row of positions (like [0, 2, 5]) or a 0/1"
                + " column with one entry per row of a tensor (3×2) (a mask), not (2×2)");
        fails(x + "X[[[1], [0]]]", 2, 3, "an index tensor must be one row of positions (like [0, 2, 5]) or a 0/1"
                + " column with one entry per row of a tensor (3×2) (a mask), not (2×1)");
        fails(x + "X[:, [0.5]]", 2, 6, "an index must be a whole number, not 0.5");
        fails(x + "X[::0]", 2, 5, "a slice step cannot be zero");
        fails(x + "reshape(X, 4, 2)", 2, 15, "reshape: X (3×2) has 6 elements, which cannot be 4×2 (8)");
        fails(x + "clip(X, 2, 1)", 2, 12, "clip(x, lo, hi): lo must not be above hi");
    }

    @Test
    void listsAndStrings() {
        fails("range(1, 5, 0)", 1, 13, "range: step cannot be 0");
        fails("append([[1, 2]], 3)", 1, 8, "append(xs, v): xs must be a list (start with []), not a tensor (1×2) (join tensors with cat)");
        fails("len(3)", 1, 5, "len(v) takes a list, a tensor or a string, not a number (3)");
        fails("[1, \"a\"][2]", 1, 10, "item index 2 is out of range for a list of 2 (valid: -2 to 1)");
        fails("\"loss: \" + 0.5", 1, 10, "'+' cannot combine a string and a number (0.5) (to join them as text, turn the number"
                + " into a string with str(...))");
        fails("format(pi, 0)", 1, 12, "format(x, digits): digits must be 1 to 17, not 0");
        fails("m = [1, 2]\nm = map(m, (a, b) -> a)", 2, 12, "lambda (a, b) takes 2 arguments but was given 1");
    }

    @Test
    void habitsFromPythonAndNumPySayWhatToWrite() {
        fails("X = [[1, 2]]\nX.T", 2, 3, "mlp transposes with a quote: write X' (not X.T)");
        fails("s = 'text'", 1, 5, "strings use double quotes: write \"text\", not 'text' (a quote after a value transposes it: X')");
        fails("help(train)", 1, 1, "unknown name 'help' — for help type :help at the prompt, or :help NAME for one built-in"
                + " (e.g. :help train)");
        fails("exit", 1, 1, "unknown name 'exit' — to leave the REPL type :quit (or press Ctrl-D)");
        fails("quit()", 1, 1, "unknown name 'quit' — to leave the REPL type :quit (or press Ctrl-D)");
        fails("train(linear(2, 2), [[1, 2]], [[1, 2]], batch_size=2)", 1, 41, "unknown argument 'batch_size' — did you mean 'batch'?");
        fails("X = [[1, 2], [3, 4]]\nX[0][1]", 2, 5, "for one element write [i, j], not [i][j]: the second [ ] would index the row"
                + " the first one gave");
        fails("train(linear(2, 1), [[1, 2], [3, 4], [5, 6]], [[1, 2, 3]], progress=false)", 1, 47,
                "train: X has 3 rows but y has 1 (one target row per sample); y is a row: did you mean y'?");
    }
}
