package mlp.repl;

import mlp.io.Settings;
import org.jline.terminal.Terminal;
import org.jline.terminal.impl.ExternalTerminal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * A person at a full (non-dumb) terminal: the REPL runs on its own thread behind a JLine
 * terminal with a line discipline (Ctrl-C is a signal, TAB completes, emacs keys edit), and keys
 * are typed only once the screen shows what a person would wait for.
 */
final class Keyboard implements AutoCloseable {
    private static final Pattern ANSI = Pattern.compile("\u001B\\[[0-9;?]*[A-Za-z]|\u001B[=>]");

    private final PipedOutputStream keys = new PipedOutputStream();
    private final ByteArrayOutputStream screen = new ByteArrayOutputStream();
    private final Terminal terminal;
    private final CompletableFuture<Integer> exit;

    Keyboard(Path folder) {
        try {
            PipedInputStream in = new PipedInputStream(keys, 1 << 16);
            terminal = new ExternalTerminal("test", "xterm", in, synchronizedScreen(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Settings settings = new Settings().out(terminal.writer()).progress(null).pictures(Settings.Pictures.OFF)
                .fileRoot(folder).workingDir(folder);
        exit = CompletableFuture.supplyAsync(() -> new Repl(terminal, folder.resolve("history"), settings).run());
    }

    private java.io.OutputStream synchronizedScreen() {
        return new java.io.OutputStream() {
            @Override
            public void write(int b) {
                synchronized (screen) {
                    screen.write(b);
                }
            }

            @Override
            public void write(byte[] b, int off, int len) {
                synchronized (screen) {
                    screen.write(b, off, len);
                }
            }
        };
    }

    /** The screen so far, without colours and cursor movements. */
    String screen() {
        synchronized (screen) {
            return ANSI.matcher(screen.toString(StandardCharsets.UTF_8)).replaceAll("").replace("\r", "");
        }
    }

    /** Waits until the screen shows {@code text} {@code times} times (at most 10 s). */
    Keyboard waitFor(String text, int times) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (count(screen(), text) < times) {
            if (System.nanoTime() > deadline)
                throw new AssertionError("waited for " + times + "× '" + text + "'; the screen is:\n" + screen());
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
        }
        return this;
    }

    /** Waits for the n-th prompt, then types. */
    Keyboard atPrompt(int n, String typed) {
        waitFor(Repl.PROMPT, n);
        return type(typed);
    }

    Keyboard type(String typed) {
        try {
            keys.write(typed.getBytes(StandardCharsets.UTF_8));
            keys.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    private static int count(String haystack, String needle) {
        int n = 0;
        for (int i = haystack.indexOf(needle); i >= 0; i = haystack.indexOf(needle, i + needle.length())) n++;
        return n;
    }

    /** Ends the input (Ctrl-D at an empty prompt) and returns the exit code. */
    int quit() throws Exception {
        type("\u0004");
        return exit.get(10, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws IOException {
        keys.close();
        terminal.close();
    }
}
