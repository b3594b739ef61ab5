package mlp.repl;

import mlp.MlpError;
import mlp.eval.EvaluationWorker;
import mlp.eval.Interpreter;
import mlp.io.Settings;
import mlp.syntax.Source;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * The {@code mlp} command: runs scripts ({@code mlp FILE...}), a line of code ({@code -e}), or the
 * REPL. Exit codes: 0 fine, 1 an error in the program, 2 bad usage of the command.
 */
@Command(name = "mlp", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "A small language for neural networks. With no FILE and no -e, starts the REPL.",
        sortOptions = false, usageHelpAutoWidth = true)
public final class Main implements Callable<Integer> {
    @Parameters(paramLabel = "FILE", arity = "0..*", description = "scripts to run, in order")
    List<Path> files = new ArrayList<>();

    @Option(names = "-e", paramLabel = "CODE", description = "run this code (may be given several times)")
    List<String> code = new ArrayList<>();

    @Option(names = "--plots", paramLabel = "DIR", description = "where pictures are written when headless (default: plots)")
    Path plots = Path.of("plots");

    @Option(names = "--headless", description = "never open a window: pictures are written to files")
    boolean headless;

    @Option(names = "--threads", paramLabel = "N", description = "cores for large matrix products and elementwise passes (default: all)")
    Integer threads;

    public static void main(String[] args) {
        if (System.getenv("MLP_ERASE_WARNING") != null) eraseIncubatorWarning();
        Warmup.startForArguments(args); // the JIT compiles the training loop on another core meanwhile
        int[] code = {0};
        // the interpreter recurses over the syntax tree: give it a deep stack of its own
        try {
            EvaluationWorker.runDeep("mlp", () -> code[0] = run(args, System.out, System.err));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        System.exit(code[0]);
    }

    /**
     * The launcher starts the JVM with the Vector API's incubator module, and the JVM says so on
     * stderr before main runs; on a terminal (the only case the launcher asks for this) the line
     * just above the cursor is that warning: move up and clear it.
     */
    private static void eraseIncubatorWarning() {
        if (ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent()) {
            System.err.print("\033[1A\033[2K");
            System.err.flush();
        }
    }

    /** Runs the command line and returns its exit code (what {@link #main} passes to System.exit). */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        return run(args, System.in, out, err);
    }

    /**
     * As {@link #run(String[], PrintStream, PrintStream)}, reading {@code in} when there is no
     * file and no -e (the REPL is interactive only on the real stdin, and only if it is a terminal).
     */
    public static int run(String[] args, InputStream in, PrintStream out, PrintStream err) {
        Main main = new Main();
        CommandLine cli = new CommandLine(main);
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        cli.setParameterExceptionHandler((ex, argv) -> {
            err.println("mlp: " + ex.getMessage());
            err.println("Try 'mlp --help' for more information.");
            return 2;
        });
        main.in = in;
        main.out = out;
        main.err = err;
        return cli.execute(args);
    }

    private InputStream in = System.in;
    private PrintStream out = System.out;
    private PrintStream err = System.err;

    @Override
    public Integer call() {
        if (threads != null && threads < 1) {
            err.println("mlp: --threads must be at least 1, not " + threads);
            return 2;
        }
        if (headless) System.setProperty("java.awt.headless", "true");
        for (Path f : files) {
            if (!Files.isRegularFile(f)) {
                err.println("mlp: " + f + (Files.isDirectory(f) ? ": is a folder, not a script" : ": no such file"));
                return 2;
            }
        }
        try {
            if (files.isEmpty() && code.isEmpty()) return noArguments();
            List<String> texts = new ArrayList<>();
            for (Path f : files) texts.add(Files.readString(f, StandardCharsets.UTF_8));
            List<String> all = new ArrayList<>(code);
            all.addAll(texts);
            Warmup.startFor(all.toArray(new String[0])); // (started already in main(); here for Main.run's callers)
            Interpreter interpreter = new Interpreter(settings());
            for (String line : code) interpreter.run(new Source("<-e>", line));
            for (int i = 0; i < files.size(); i++) interpreter.run(new Source(files.get(i).toString(), texts.get(i)));
            mlp.plot.Windows.awaitAllClosed(); // like plt.show(): stay while a picture is open
            return 0;
        } catch (MlpError e) {
            err.println(e.format());
            return 1;
        } catch (IOException e) {
            err.println("mlp: cannot read " + e.getMessage());
            return 2;
        } catch (RuntimeException | Error e) {
            err.println("mlp: internal error: " + e);
            if (System.getenv("MLP_DEBUG") != null) e.printStackTrace(err);
            return 1;
        }
    }

    private Settings settings() {
        return new Settings()
                .out(new PrintWriter(out, true))
                .progress(err)
                .progressIsTerminal(System.console() != null)
                .pictures(headless ? Settings.Pictures.FILES : Settings.Pictures.WINDOWS)
                .plotsDir(plots)
                .fileRoot(Path.of("/"))
                .threads(threads == null ? Runtime.getRuntime().availableProcessors() : threads);
    }

    /**
     * No file and no -e: the REPL. With stdin not a terminal, its input is run statement by
     * statement without prompts or colours, and the exit code says whether any statement failed.
     */
    private int noArguments() throws IOException {
        if (in == System.in && System.console() != null) {
            try (Terminal terminal = TerminalBuilder.builder().system(true).name("mlp").build()) {
                // a REPL never waits for picture windows: at :quit they close with it
                return new Repl(terminal, historyFile(), settings().out(terminal.writer())).run();
            }
        }
        BufferedReader lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        int code = new PipedInput(lines, settings(), err).run();
        mlp.plot.Windows.awaitAllClosed(); // like a script: stay while a picture is open
        return code;
    }

    /** ~/.mlp_history, or $MLP_HISTORY (empty: no history file). */
    private static Path historyFile() {
        String env = System.getenv("MLP_HISTORY");
        if (env != null) return env.isBlank() ? null : Path.of(env);
        return Path.of(System.getProperty("user.home"), ".mlp_history");
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = Main.class.getPackage().getImplementationVersion();
            return new String[]{"mlp " + (v == null ? "0.1.0" : v), "matrix products: " + mlp.tensor.Products.describe()};
        }
    }
}
