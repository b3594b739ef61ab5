package mlp.repl;

import mlp.eval.Interpreter;
import mlp.io.Settings;
import mlp.syntax.Source;
import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The JIT warm-up thread of a script that trains: when it starts, that it runs, that it changes nothing. */
class WarmupTest {
    @Test
    void startsOnceAndOnlyForAScriptThatTrains() throws InterruptedException {
        boolean before = Warmup.started(); // another test's script may have started it in this JVM
        assertNull(Warmup.startFor("x = 1", "print(randn(2, 2))"));
        assertEquals(before, Warmup.started(), "no warm-up for a script that does not train");
        Thread t = Warmup.startFor("x = 1", "run = train(linear(2, 1), X, y, epochs=10)");
        if (Runtime.getRuntime().availableProcessors() >= 2 && !"off".equals(System.getenv("MLP_WARMUP"))) {
            assertTrue(Warmup.started());
            if (t != null) {
                assertTrue(t.isDaemon(), "never keeps the process alive");
                t.join(60_000);
            }
        }
        assertNull(Warmup.startFor("run = train(linear(2, 1), X, y, epochs=10)"), "once per JVM");
    }

    /** A warm-up script that stopped running (a changed built-in) would silently leave the first run slow. */
    @Test
    void itsScriptRunsWithoutErrorAndPrintsNothing() {
        StringWriter out = new StringWriter();
        Interpreter in = new Interpreter(new Settings().out(new PrintWriter(out, true)).progress(null).threads(1));
        in.run(new Source("<warm-up>", Warmup.SCRIPT + "print(run.loss[-1] < run.loss[0])"));
        assertEquals("[[1]]\n", out.toString()); // the last loss below the first: it trained
    }

    /** The script's numbers are the same bits whether the warm-up ran beside it or not. */
    @Test
    void aTrainingScriptGivesTheSameNumbersWithTheWarmUpBesideIt() {
        String program = "seed(3); X = randn(50, 2); y = X @ [[1, 2], [3, 4]]\n"
                + "run = train(linear(2, 2) |> relu |> batchnorm |> linear(2), X, y, lr=0.01, epochs=300, progress=false)\n"
                + "print(run.loss[-1]); print(sum(run.loss))";
        StringWriter alone = new StringWriter();
        new Interpreter(new Settings().out(new PrintWriter(alone, true)).progress(null)).run(new Source("<alone>", program));
        CommandLineTest.Result beside = CommandLineTest.mlp("-e", program); // starts the warm-up thread
        assertEquals(new CommandLineTest.Result(0, alone.toString(), ""), beside);
    }
}
