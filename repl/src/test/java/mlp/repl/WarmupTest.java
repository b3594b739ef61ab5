package mlp.repl;

import mlp.eval.Interpreter;
import mlp.io.Settings;
import mlp.syntax.Source;
import mlp.train.Run;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

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

    /** Warm-up runs that stopped training (a changed layer or trainer) would silently leave the first run slow. */
    @Test
    void itsRunsTrainAndPrintNothing() {
        PrintStream out = System.out, err = System.err;
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        List<Run> runs;
        try (PrintStream capture = new PrintStream(printed, true, StandardCharsets.UTF_8)) {
            System.setOut(capture);
            System.setErr(capture);
            runs = Warmup.runs();
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
        assertEquals("", printed.toString(StandardCharsets.UTF_8));
        assertEquals(List.of(Warmup.LINEAR_EPOCHS, Warmup.STACK_EPOCHS), runs.stream().map(Run::epochs).toList());
        for (Run r : runs) assertTrue(r.loss(r.epochs() - 1) < r.loss(0) / 2, "trained: " + r.loss(0) + " → " + r.loss(r.epochs() - 1));
    }

    /** The script's numbers are the same bits whether the warm-up's runs train beside it or not. */
    @Test
    void aTrainingScriptGivesTheSameNumbersWithTheWarmUpBesideIt() throws InterruptedException {
        String program = "seed(3); X = randn(50, 2); y = X @ [[1, 2], [3, 4]]\n"
                + "run = train(linear(2, 2) |> relu |> residual |> batchnorm |> linear(2), X, y, lr=0.01, epochs=300, progress=false)\n"
                + "run2 = train(linear(2, 2), X, y, lr=0.01, epochs=300, progress=false)\n"
                + "print(run.loss[-1]); print(sum(run.loss)); print(run2.loss[-1])";
        String alone = output(program);
        AtomicBoolean done = new AtomicBoolean();
        Thread beside = new Thread(() -> { // the warm-up's runs, again and again, while the script runs
            while (!done.get()) Warmup.runs();
        });
        beside.setDaemon(true);
        beside.start();
        try {
            assertEquals(alone, output(program));
            assertEquals(alone, output(program));
        } finally {
            done.set(true);
            beside.join(60_000);
        }
        CommandLineTest.Result viaCommandLine = CommandLineTest.mlp("-e", program); // starts the warm-up thread itself
        assertEquals(new CommandLineTest.Result(0, alone, ""), viaCommandLine);
    }

    private static String output(String program) {
        StringWriter out = new StringWriter();
        new Interpreter(new Settings().out(new PrintWriter(out, true)).progress(null)).run(new Source("<script>", program));
        return out.toString();
    }

    /** A fresh JVM starts the warm-up for a training script, and not with MLP_WARMUP=off or on one core. */
    @Test
    void offWithTheSwitchOrOnOneCore() throws IOException, InterruptedException {
        if (Runtime.getRuntime().availableProcessors() >= 2) assertEquals("started", startedInAFreshJvm(List.of(), null));
        assertEquals("not started", startedInAFreshJvm(List.of(), "off"));
        assertEquals("not started", startedInAFreshJvm(List.of("-XX:ActiveProcessorCount=1"), null));
    }

    /** Prints whether {@link Warmup#startFor} started a thread, in a JVM of its own. */
    public static void main(String[] args) {
        System.out.print(Warmup.startFor("run = train(linear(2, 2), X, y)") != null ? "started" : "not started");
    }

    private static String startedInAFreshJvm(List<String> jvmOptions, String warmupSetting) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), WarmupTest.class.getName()));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().remove("MLP_WARMUP");
        if (warmupSetting != null) pb.environment().put("MLP_WARMUP", warmupSetting);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), out);
        return out.trim();
    }
}
