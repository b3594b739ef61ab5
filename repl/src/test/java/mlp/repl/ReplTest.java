package mlp.repl;

import mlp.eval.Builtins;
import org.jline.terminal.Terminal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The REPL driven through a JLine terminal on in-memory streams, one input after another. */
class ReplTest {
    @TempDir
    Path folder;

    private List<String> outputs(String keys) {
        return new Driver(folder).outputs(keys);
    }

    @Test
    void expressionsEchoTheirValueAndAssignmentsPrintNothing() {
        assertEquals(List.of(
                        "",
                        "[[ 1.   2.5]\n [ 3.  -4. ]]",
                        "7",
                        "\"hi \\\"there\\\"\"",
                        "[\"X\", \"y\"]",
                        "[2, 2]",
                        "true",
                        "<function linspace(a, b, n)>",
                        "0.3333333333333333",
                        "1"),
                outputs("x = [[1, 2.5], [3, -4]]\nx\n3 + 4\n\"hi \\\"there\\\"\"\n[\"X\", \"y\"]\nx.shape\n1 < 2\nlinspace\n1/3\nprint(1)\n"));
    }

    @Test
    void severalStatementsOnALineEchoEachExpression() {
        assertEquals(List.of("1\n2"), outputs("a = 1; a; b = 2; b\n"));
    }

    @Test
    void anOpenBracketOrATrailingOperatorKeepsReading() {
        assertEquals(List.of("", "[[1 2]\n [3 4]]", "", "6", "[[1]\n [2]]"),
                outputs("y = [[1, 2],\n     [3, 4]]\ny\nz = 1 +\n  2 *\n\n  2.5\nz\nlinspace(1,\n 2,\n 2)\n"));
    }

    @Test
    void aLineStartingWithAPipeContinuesTheStatementBefore() {
        assertEquals(List.of("", "", "[[0 2]]", "[[-1  2]]", "[[0 2]]", "[[0.5    0.8808]]"),
                outputs("v = [[-1, 2]]\n   |> relu\nv\n[[-1, 2]]\n|> relu\n|> sigmoid\n"));
    }

    @Test
    void aCommentOrABlankLineMayComeBetweenButNotAnError() {
        List<String> out = outputs("v = [[-1, 2]]\n# a comment\n\n|> relu\nv\nw = [[-1]] + nope\n|> relu\n");
        assertEquals(List.of("", "", "", "", "[[0 2]]"), out.subList(0, 5));
        assertTrue(out.get(6).startsWith("<repl>:1:1: a line that starts with '|>' continues the statement before it, but there is none"),
                out.get(6));
    }

    @Test
    void aContinuationErrorPointsAtItsOwnLine() {
        List<String> out = outputs("v = [[-1, 2]]\n|> relux\nv\n");
        assertTrue(withoutSuggestion(out.get(1)).startsWith("<repl>:2:4: unknown name 'relux'\n  |> relux\n     ^"), out.get(1));
        assertEquals("[[-1  2]]", out.get(2)); // v is unchanged
    }

    @Test
    void aPipeAfterALambdaJoinsItsBodyAsInAScript() {
        // f = x -> x * 2 |> relu: the lambda's body reaches as far right as it can
        assertEquals(List.of("", "", "0", "6"), outputs("f = x -> x * 2\n|> relu\nf(-3)\nf(3)\n"));
    }

    @Test
    void aPipeWithNothingBeforeItIsAnError() {
        List<String> out = outputs("|> relu\nx = 1; print(x)\n|> relu\n");
        assertTrue(out.get(0).startsWith("<repl>:1:1: a line that starts with '|>' continues the statement before it"), out.get(0));
        assertTrue(out.get(2).contains("gives no value for '|>'"), out.get(2));
    }

    @Test
    void anErrorPointsIntoTheLineAndTheSessionGoesOn() {
        List<String> out = outputs("x = 41\nx + foo\nx + 1\ny = (1 +\n  bar)\nx\n");
        assertEquals("", out.get(0));
        assertEquals("<repl>:1:5: unknown name 'foo'\n  x + foo\n      ^", withoutSuggestion(out.get(1)));
        assertEquals("42", out.get(2));
        assertEquals("<repl>:2:3: unknown name 'bar'\n    bar)\n    ^", withoutSuggestion(out.get(3)));
        assertEquals("41", out.get(4));
    }

    /** The interpreter's "did you mean" depends on the built-ins there are; the REPL's part is the rest. */
    private static String withoutSuggestion(String error) {
        return error.replaceAll(" — did you mean '[^']*'\\?", "");
    }

    @Test
    void aSyntaxErrorIsReportedOnceAndNothingOfTheLineRuns() {
        List<String> out = outputs("print(1); x = )\nx = 2\nx\n");
        assertTrue(out.get(0).startsWith("<repl>:1:15: "), out.get(0));
        assertTrue(out.get(0).endsWith("  print(1); x = )\n                ^"), out.get(0));
        assertEquals(List.of("", "2"), out.subList(1, 3));
    }

    @Test
    void varsListsNamesKindsAndShapes() {
        List<String> out = outputs(":vars\nX = randn(100, 2)\nlr = 0.01\nname = \"iris\"\nf = x -> x\n:vars\n");
        assertTrue(out.get(0).startsWith("no names yet"), out.get(0));
        assertEquals("""
                name  kind      shape / value
                X     tensor    100×2
                lr    number    0.01
                name  string    "iris"
                f     function  lambda (x)""", out.get(5));
    }

    @Test
    void loadRunsAScriptIntoTheSession() throws IOException {
        Files.writeString(folder.resolve("setup.mlp"), "a = [[1, 2]]\nb = a * 2\nb\nprint(\"set up\")\n");
        List<String> out = outputs(":load setup.mlp\nb + a\n");
        assertEquals("set up\nloaded setup.mlp (defined a, b)", out.get(0)); // a script does not echo b
        assertEquals("[[3 6]]", out.get(1));
    }

    @Test
    void loadStopsAtTheScriptsErrorAndKeepsWhatRanBefore() throws IOException {
        Files.writeString(folder.resolve("broken.mlp"), "a = 1\n\nb = a + missing_name\nc = 3\n");
        List<String> out = outputs(":load broken.mlp\na\nc\n:load missing.mlp\n:load\n");
        assertTrue(out.get(0).startsWith("broken.mlp:3:9: unknown name 'missing_name'\n  b = a + missing_name\n          ^"), out.get(0));
        assertTrue(out.get(0).endsWith("stopped loading broken.mlp at the error (defined a)"), out.get(0));
        assertEquals("1", out.get(1));
        assertTrue(out.get(2).startsWith("<repl>:1:1: unknown name 'c'"), out.get(2));
        assertEquals(":load: no such file: missing.mlp", out.get(3));
        assertTrue(out.get(4).startsWith(":load needs a file name"), out.get(4));
    }

    @Test
    void resetForgetsEveryName() {
        List<String> out = outputs("x = 1\n:reset\nx\n");
        assertEquals("a fresh session: every name is forgotten", out.get(1));
        assertTrue(out.get(2).startsWith("<repl>:1:1: unknown name 'x'"), out.get(2));
    }

    @Test
    void helpListsEveryBuiltInWithItsSignatureFromTheRegistry() {
        String help = outputs(":help\n").get(0);
        for (Builtins.Entry e : Builtins.standard().entries().values()) {
            assertTrue(help.contains("  " + e.signature()), "missing " + e.signature());
            assertTrue(help.contains(e.summary()), "missing the summary of " + e.name());
        }
        for (String category : Builtins.standard().categories()) assertTrue(help.contains("\n" + category + "\n") || help.startsWith(category + "\n"));
        for (Commands.Spec c : Commands.SPECS) assertTrue(help.contains(c.usage()));
    }

    @Test
    void helpOfANameShowsItsWholeText() {
        List<String> out = outputs(":help grad\n:help linspce\nw = [[1, 2]]\n:help w\n:help :load\n");
        Builtins.Entry grad = Builtins.standard().get("grad");
        assertEquals(grad.signature() + "\n\n" + grad.help(), out.get(0));
        assertEquals("no built-in or command named 'linspce' — did you mean 'linspace'? (:help lists them all)", out.get(1));
        assertEquals("w is a tensor (1×2), defined in this session", out.get(3));
        assertTrue(out.get(4).startsWith(":load FILE\n\n"), out.get(4));
    }

    @Test
    void anUnknownCommandSaysWhichExist() {
        assertEquals("unknown command ':var' — did you mean ':vars'? (the commands are :help :vars :load :reset :quit)",
                outputs(":var\n").get(0));
    }

    @Test
    void quitStopsReadingAndCtrlDToo() {
        String screen = new Driver(folder).type("print(1)\n:quit\nprint(99)\n");
        assertTrue(screen.contains("1\n"));
        assertFalse(screen.contains("99"));
        // the end of the input is Ctrl-D: the REPL returns 0 (Driver checks it)
        assertEquals(List.of("1"), outputs("print(1)\n"));
    }

    @Test
    void ctrlCWhileAnInputRunsStopsItAndTheNextInputRuns() {
        // The first print "presses" Ctrl-C: the terminal raises SIGINT while the input is running,
        // exactly as the line discipline does when a person presses it.
        Terminal[] terminal = {null};
        Driver driver = new Driver(folder);
        String screen = driver.type("print(1); print(2)\nprint(3)\n", t -> {
            terminal[0] = t;
            PrintWriter out = new PrintWriter(new Writer() {
                @Override
                public void write(char[] buf, int off, int len) {
                    t.writer().write(buf, off, len);
                    if (new String(buf, off, len).equals("1")) t.raise(Terminal.Signal.INT);
                }

                @Override
                public void flush() {
                    t.writer().flush();
                }

                @Override
                public void close() {
                }
            }, true);
            return driver.settings(t).out(out);
        });
        assertTrue(screen.contains("1\n<repl>:1:11: cancelled\n  print(1); print(2)\n            ^"), screen);
        assertFalse(screen.contains("2\n"), screen);
        assertTrue(screen.contains("3\n"), screen);
    }

    @Test
    void ctrlCDuringTrainingStopsItKeepsTheRunAndTheModelWorks() {
        // the user presses Ctrl-C as epoch 30 ends (once): the terminal raises SIGINT then
        java.util.concurrent.atomic.AtomicBoolean pressed = new java.util.concurrent.atomic.AtomicBoolean();
        Driver driver = new Driver(folder);
        String keys = """
                seed(1)
                X = randn(20, 2); y = X @ [[1, 2], [3, 4]]
                model = linear(2, 2) |> relu |> residual
                before = model(X)
                run = train(model, X, y, epochs=1000, lr=0.01); print("not reached")
                run.epochs
                run.loss.rows
                sum(model(X) != before) > 0
                again = train(model, X, y, epochs=50)
                again.epochs
                """;
        String[] screen = driver.type(keys, t -> driver.settings(t).trainingListener(new mlp.train.TrainingListener() {
            @Override
            public void epoch(int epoch, double loss, org.ejml.data.DMatrixRMaj predictions) {
                if (epoch == 30 && !pressed.getAndSet(true)) t.raise(Terminal.Signal.INT);
            }
        })).split(java.util.regex.Pattern.quote(Repl.PROMPT));
        // train returned the run so far and the assignment happened; the next statement was not run
        assertTrue(screen[5].startsWith("<repl>:1:49: cancelled"), screen[5]);
        assertEquals("30\n", screen[6]);   // the epochs finished before the stop
        assertEquals("30\n", screen[7]);   // and their losses
        assertEquals("true\n", screen[8]); // the model learnt from them and still works
        assertEquals("50\n", screen[10]); // the next input trains in full: the request was cleared
    }

    @Test
    void aModelEchoesItsSummaryAndARunOneLine() {
        List<String> out = outputs("model = linear(2, 3) |> relu\nmodel\nrun = train(model, [[1, 2]], [[1, 0, 1]], epochs=5, progress=false)\nrun\n");
        assertEquals(mlp.value.Format.repr(new mlp.eval.Interpreter().run(new mlp.syntax.Source("t", "linear(2, 3) |> relu"))), out.get(1));
        assertTrue(out.get(1).contains("linear(2, 3)") && out.get(1).contains("relu"), out.get(1));
        assertTrue(out.get(3).matches("run: 5 epochs, final loss [0-9.e-]+, [0-9.]+ s, [0-9.]+ it/s"), out.get(3));
    }

    @Test
    void historyIsKeptAcrossSessionsInTheGivenFile() throws IOException {
        Driver driver = new Driver(folder);
        driver.type("x = 41\nm = [1,\n2]\n");
        String saved = Files.readString(driver.history);
        assertTrue(saved.contains("x = 41"), saved);
        assertTrue(saved.contains("m = [1,\\n2]"), saved); // a multi-line input is one entry
    }
}
