package mlp.bench;

import mlp.eval.Interpreter;
import mlp.io.Settings;
import mlp.syntax.Source;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A bench runner for writing GIFs: the tutorial's animations ({@code scripts/seed.mlp} trained
 * once, untimed), each written as a file with {@code animate(run, ..., file=...)} again and again
 * in this JVM, timed around the statement. The first round is the cold one (what a first
 * {@code mlp --headless scripts/seed.mlp} sees), later rounds are warm.
 * <pre>
 *   mvn -B -q -pl bench -am package -DskipTests
 *   java -Djava.awt.headless=true -cp bench/target/benchmarks.jar mlp.bench.GifBench [script] [rounds] [out folder]
 * </pre>
 * Prints one line per animation and round: {@code name round seconds cpu-seconds bytes}
 * (CPU: all the JVM's threads, so that work moved to another thread is still counted).
 */
public final class GifBench {
    private GifBench() {
    }

    public static void main(String[] args) throws IOException {
        Path script = Path.of(args.length > 0 ? args[0] : "scripts/seed.mlp");
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 6;
        Path out = Path.of(args.length > 2 ? args[2] : "bench/target/gifs");
        Files.createDirectories(out);

        // each `animate(run, ARGS)` line becomes `gif_run_K = run`; its ARGS are kept for later
        List<String> calls = new ArrayList<>();
        StringBuilder training = new StringBuilder();
        for (String line : Files.readAllLines(script)) {
            String t = line.strip();
            if (t.startsWith("animate(run")) {
                String rest = t.substring("animate(run".length(), t.lastIndexOf(')'));
                training.append("gif_run_").append(calls.size()).append(" = run\n");
                calls.add(rest);
            } else {
                training.append(line).append('\n');
            }
        }
        Interpreter in = new Interpreter(new Settings().out(new PrintWriter(Writer.nullWriter())).progress(null)
                .pictures(Settings.Pictures.FILES).plotsDir(out).fileRoot(out).workingDir(out));
        in.run(new Source(script.toString(), training.toString()));

        com.sun.management.OperatingSystemMXBean os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        for (int round = 0; round < rounds; round++) {
            for (int k = 0; k < calls.size(); k++) {
                Path file = out.resolve("anim" + k + ".gif");
                String code = "animate(gif_run_" + k + calls.get(k) + ", file=\"" + file.getFileName() + "\")";
                long c0 = os.getProcessCpuTime(), t0 = System.nanoTime();
                in.run(new Source("bench.mlp", code));
                double seconds = (System.nanoTime() - t0) / 1e9, cpu = (os.getProcessCpuTime() - c0) / 1e9;
                System.out.printf(Locale.ROOT, "anim%d %s %.4f %.4f %d%n", k, round == 0 ? "first" : Integer.toString(round), seconds, cpu, Files.size(file));
            }
        }
    }
}
