package mlp.robust;

import mlp.MlpError;
import mlp.eval.Interpreter;
import mlp.io.Settings;
import mlp.syntax.Source;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Runs a program the way a host program would on an ordinary thread: with the JVM's default 1 MB
 * stack (not the command line's 512 MB), so that a limit that only holds on a big stack fails
 * here. Anything but an MlpError thrown by the program fails the test.
 */
final class Host {
    static final long STACK = 1L << 20;

    private Host() {
    }

    /** What a program printed, or the error it stopped with. */
    record Result(String out, MlpError error) {
        MlpError failed() {
            assertNotNull(error, "expected an error, but the program printed: " + out);
            return error;
        }

        String ok() {
            if (error != null) fail("expected no error, got: " + error.format());
            return out;
        }
    }

    static Settings quiet(StringWriter out) {
        return new Settings().out(new PrintWriter(out, true)).progress(null).pictures(Settings.Pictures.OFF);
    }

    static Result run(String code) {
        return run(code, null);
    }

    /** Runs {@code code} in a fresh interpreter, with files allowed in {@code dir} when it is not null. */
    static Result run(String code, Path dir) {
        StringWriter out = new StringWriter();
        Settings settings = quiet(out);
        if (dir != null) settings.fileRoot(dir).workingDir(dir);
        return on(new Interpreter(settings), code, out);
    }

    static Result on(Interpreter interpreter, String code, StringWriter out) {
        AtomicReference<Object> outcome = new AtomicReference<>();
        Thread t = new Thread(null, () -> {
            try {
                interpreter.run(new Source("hostile.mlp", code));
                outcome.set("ok");
            } catch (Throwable e) {
                outcome.set(e);
            }
        }, "host", STACK);
        t.start();
        try {
            t.join(120_000);
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
        assertTrue(!t.isAlive(), "the program did not finish within 2 minutes");
        Object o = outcome.get();
        if (o instanceof MlpError e) return new Result(out.toString(), e);
        if (o instanceof Throwable t2) throw new AssertionError("not an MlpError: " + t2, t2);
        return new Result(out.toString(), null);
    }

    /** The error is at line:col, its message contains {@code fragment}, and it formats. */
    static void at(MlpError e, int line, int col, String fragment) {
        assertTrue(e.plainMessage().contains(fragment), "message \"" + e.plainMessage() + "\" should contain \"" + fragment + "\"");
        assertEquals(line + ":" + col, e.line() + ":" + e.column(), "position of: " + e.plainMessage());
        String shown = e.format();
        assertTrue(shown.startsWith("hostile.mlp:" + line + ":" + col + ": "), shown);
        for (String l : shown.split("\n")) assertTrue(l.length() < 600, "a shown line is clipped: " + l.length() + " characters");
    }
}
