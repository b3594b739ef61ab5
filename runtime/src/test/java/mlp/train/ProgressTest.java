package mlp.train;

import mlp.eval.Interpreter;
import mlp.io.Settings;
import mlp.syntax.Source;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The progress bar: tqdm's format, live on a terminal, one line elsewhere, silent when asked. */
class ProgressTest {
    private static String progressOf(String trainArgs, boolean terminal) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        Interpreter it = new Interpreter(new Settings().out(new PrintWriter(new StringWriter()))
                .progress(new PrintStream(bytes, true, StandardCharsets.UTF_8)).progressIsTerminal(terminal)
                .pictures(Settings.Pictures.OFF));
        it.run(new Source("t.mlp", "seed(1)\nX = randn(50, 2)\nrun = train(linear(2, 2), X, X" + trainArgs + ")"));
        return bytes.toString(StandardCharsets.UTF_8);
    }

    private static final String LINE = "100%\\|██████████\\| 300/300 \\[\\d\\d:\\d\\d<00:00, \\d+\\.\\d it/s, loss=[0-9.e+-]+]";

    @Test
    void notATerminalGetsOneLineAtTheEnd() {
        String out = progressOf(", epochs=300", false);
        assertFalse(out.contains("\r"), "no carriage returns in a log");
        assertTrue(out.matches(LINE + "\n"), out);
    }

    @Test
    void aTerminalGetsALiveBarRedrawnInPlace() {
        String out = progressOf(", epochs=300", true);
        assertTrue(out.startsWith("\r"), out);
        String last = out.substring(out.lastIndexOf('\r') + 1);
        assertTrue(last.strip().matches(LINE), out.replace("\r", "<CR>"));
        assertTrue(out.endsWith("\n"), out.replace("\r", "<CR>"));
    }

    @Test
    void progressFalseOrNoStreamIsSilent() {
        assertEquals("", progressOf(", epochs=30, progress=false", false));
        Interpreter it = new Interpreter(new Settings().progress(null).pictures(Settings.Pictures.OFF));
        it.run(new Source("t.mlp", "X = zeros(3, 2)\nrun = train(linear(2, 2), X, X, epochs=3)")); // nothing to write to, no error
    }

    @Test
    void theLineHasTqdmsLayout() {
        assertEquals(" 45%|████▌     | 450/1000 [00:00<00:00, 2650.3 it/s, loss=0.0213]",
                TrainingProgress.Tqdm.line(450, 1000, 450 / 2650.3, "loss=0.0213"));
        assertEquals(" 45%|████▌     | 450/1000 [00:01<00:02, 265.0 it/s, loss=0.0213]",
                TrainingProgress.Tqdm.line(450, 1000, 450 / 265.0, "loss=0.0213"));
        assertEquals("  0%|          | 0/10 [00:00<?, 0.0 it/s]", TrainingProgress.Tqdm.line(0, 10, 0, null));
        assertEquals("100%|██████████| 10/10 [1:01:05<00:00, 0.0 it/s]", TrainingProgress.Tqdm.line(10, 10, 3665, ""));
        assertEquals("██▌       ", TrainingProgress.Tqdm.cells(0.25));
        assertEquals("█▏        ", TrainingProgress.Tqdm.cells(0.1125));
    }

    @Test
    void ratesAreWrittenWithOneDecimal() {
        assertEquals("2650.3", Digits.fixed(2650.25, 1));
        assertEquals("0.0", Digits.fixed(0.04, 1));
    }
}
