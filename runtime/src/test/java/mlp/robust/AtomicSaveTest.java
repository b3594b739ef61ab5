package mlp.robust;

import mlp.eval.Interpreter;
import mlp.io.Settings;
import mlp.syntax.Source;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Saving is atomic: a child JVM ({@link SaveLoop}) saves two large values in turn over a file
 * that holds an old, good value, and is killed with SIGKILL at random moments. After every kill
 * the file is exactly the old value or exactly one of the two new ones — never a mix or a
 * truncated write — and the only other files are hidden {@code .target.*.tmp} leftovers, which a
 * later save removes once they are stale.
 */
class AtomicSaveTest {
    static final int KILLS = 6;

    @TempDir
    Path dir;

    @Test
    void killingTheProcessDuringATensorSaveLeavesAWholeFile() throws Exception {
        killDuringSaves("csv", "target.csv");
    }

    @Test
    void killingTheProcessDuringAModelSaveLeavesAWholeFile() throws Exception {
        killDuringSaves("json", "target.json");
    }

    private void killDuringSaves(String kind, String name) throws Exception {
        // what whole files look like: the old value, and the two the child saves in turn
        Path reference = Files.createDirectory(dir.resolve("reference"));
        interpreter(reference).run(new Source("ref.mlp", SaveLoop.values(kind) + "save(A, \"a-" + name + "\")\nsave(B, \"b-" + name + "\")\n"
                + (kind.equals("csv") ? "save([[1, 2]], \"old-" + name + "\")" : "save(linear(2, 1), \"old-" + name + "\")")));
        byte[] a = Files.readAllBytes(reference.resolve("a-" + name)), b = Files.readAllBytes(reference.resolve("b-" + name));
        byte[] old = Files.readAllBytes(reference.resolve("old-" + name));
        assertTrue(a.length > 2_000_000 && b.length > 2_000_000, "large files: " + a.length + " and " + b.length + " bytes");

        Path work = Files.createDirectory(dir.resolve("work"));
        Path target = work.resolve(name);
        Files.write(target, old);
        Random random = new Random(42);
        int midWrite = 0, replaced = 0;
        java.util.Set<Path> leftovers = new java.util.HashSet<>();
        for (int kill = 0; kill < KILLS; kill++) {
            Process child = new ProcessBuilder(javaBinary(), "-cp", System.getProperty("java.class.path"),
                    SaveLoop.class.getName(), work.toString(), kind).redirectErrorStream(true).start();
            BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
            long saveMs = waitForSaves(out, 1 + random.nextInt(2), child);
            Thread.sleep(random.nextInt((int) Math.max(1, saveMs * 2)));
            child.destroyForcibly(); // SIGKILL: no shutdown hook, no finally block runs
            child.waitFor();
            byte[] now = Files.readAllBytes(target);
            boolean whole = Arrays.equals(now, old) || Arrays.equals(now, a) || Arrays.equals(now, b);
            if (!whole) fail("after kill " + (kill + 1) + " the file is not whole: " + now.length + " bytes");
            if (!Arrays.equals(now, old)) replaced++;
            for (Path p : list(work)) {
                String n = p.getFileName().toString();
                if (n.equals(name)) continue;
                assertTrue(n.startsWith("." + name + ".") && n.endsWith(".tmp"), "only hidden temporary files are left: " + n);
                if (leftovers.add(p)) midWrite++;
            }
        }
        assertTrue(replaced > 0, "the saves replaced the file");
        System.out.println("AtomicSaveTest " + kind + ": " + KILLS + " kills, " + midWrite + " landed in the middle of a write "
                + "(temporary files left), the file was whole every time");

        // a later save removes leftovers older than an hour, and keeps younger ones (a write in progress)
        List<Path> left = list(work).stream().filter(p -> !p.getFileName().toString().equals(name)).toList();
        Path stale = work.resolve("." + name + ".12345.tmp"), fresh = work.resolve("." + name + ".67890.tmp");
        Files.writeString(stale, "half");
        Files.writeString(fresh, "half");
        Files.setLastModifiedTime(stale, FileTime.fromMillis(System.currentTimeMillis() - 2 * 3600_000L));
        for (Path p : left) Files.setLastModifiedTime(p, FileTime.fromMillis(System.currentTimeMillis() - 2 * 3600_000L));
        interpreter(work).run(new Source("again.mlp", kind.equals("csv") ? "save([[3, 4]], \"" + name + "\")"
                : "save(linear(1, 1), \"" + name + "\")"));
        assertFalse(Files.exists(stale), "the stale temporary file is gone");
        for (Path p : left) assertFalse(Files.exists(p), "the killed child's leftover is gone: " + p.getFileName());
        assertTrue(Files.exists(fresh), "a recent temporary file may be another write in progress: kept");
    }

    private static Interpreter interpreter(Path dir) {
        return new Interpreter(new Settings().out(new PrintWriter(Writer.nullWriter())).progress(null)
                .pictures(Settings.Pictures.OFF).fileRoot(dir).workingDir(dir));
    }

    /** Waits for the child to finish {@code saves} saves; returns how long one took, in ms. */
    private static long waitForSaves(BufferedReader out, int saves, Process child) throws IOException {
        long last = System.nanoTime(), each = 100;
        for (int i = 0; i < saves; i++) {
            String line = out.readLine();
            if (line == null) fail("the child ended: exit " + child.exitValue());
            if (!line.equals("saved")) fail("the child said: " + line);
            long now = System.nanoTime();
            if (i > 0) each = (now - last) / 1_000_000;
            last = now;
        }
        return each;
    }

    private static List<Path> list(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return new ArrayList<>(s.toList());
        }
    }

    private static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
