package mlp.robust;

import mlp.MlpError;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import static mlp.robust.Host.at;
import static mlp.robust.Host.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Files that are not what a script expects: pipes and devices (which would block for ever or
 * never end), symbolic links (followed, but never out of the granted folder), a path through a
 * file, files that cannot be read or written. Each is one clear error pointing at the file
 * argument, and no file is changed by a save that fails.
 * (Missing files, folders and bad CSV cells are in mlp.errors.ErrorsTest.)
 */
class FileFaultsTest {
    @TempDir
    Path dir;

    private Path fifo(String name) throws Exception {
        Path p = dir.resolve(name);
        Process mk = new ProcessBuilder("mkfifo", p.toString()).start();
        Assumptions.assumeTrue(mk.waitFor() == 0, "mkfifo is not available: the pipe cases are skipped");
        return p;
    }

    @Test
    void aPipeIsRefusedRatherThanReadForEver() throws Exception {
        fifo("pipe.csv");
        at(run("X = load(\"pipe.csv\")", dir).failed(), 1, 10, "load(file): pipe.csv is not an ordinary file (a device or a pipe?)");
        fifo("pipe.json");
        at(run("m = load(\"pipe.json\")", dir).failed(), 1, 10, "load(file): pipe.json is not an ordinary file (a device or a pipe?)");
        MlpError e = run("save([[1, 2]], \"pipe.csv\")", dir).failed();
        at(e, 1, 16, "it is not an ordinary file (a device or a pipe?)");
        assertTrue(Files.isRegularFile(dir.resolve("pipe.csv"), java.nio.file.LinkOption.NOFOLLOW_LINKS) == false, "the pipe is still a pipe");
    }

    @Test
    void devicesAreRefused() {
        Assumptions.assumeTrue(Files.exists(Path.of("/dev/zero")), "no /dev/zero here");
        MlpError e = run("X = load(\"/dev/zero\")", Path.of("/")).failed();
        at(e, 1, 10, "load(file): /dev/zero is not an ordinary file (a device or a pipe?)");
        e = run("save([[1]], \"/dev/null\")", Path.of("/")).failed();
        at(e, 1, 13, "cannot write /dev/null: it is not an ordinary file (a device or a pipe?)");
        assertTrue(!Files.isRegularFile(Path.of("/dev/null")), "/dev/null is still a device");
    }

    @Test
    void aSaveThroughASymbolicLinkWritesTheFileItNamesAndKeepsTheLink() throws Exception {
        Path real = Files.createDirectory(dir.resolve("real"));
        Files.writeString(real.resolve("data.csv"), "9\n");
        Path link = Files.createSymbolicLink(dir.resolve("data.csv"), real.resolve("data.csv"));
        assertEquals("[[1 2]]\n", run("save([[1, 2]], \"data.csv\")\nprint(load(\"data.csv\"))", dir).ok());
        assertTrue(Files.isSymbolicLink(link), "the link is still a link");
        assertEquals("1,2\n", Files.readString(real.resolve("data.csv")));
    }

    @Test
    void aSymbolicLinkCannotLeadOutOfTheGrantedFolder() throws Exception {
        Path outside = Files.createDirectory(dir.resolve("outside"));
        Files.writeString(outside.resolve("secret.csv"), "42\n");
        Path granted = Files.createDirectory(dir.resolve("granted"));
        Files.createSymbolicLink(granted.resolve("secret.csv"), outside.resolve("secret.csv"));
        Files.createSymbolicLink(granted.resolve("out"), outside);
        MlpError e = run("X = load(\"secret.csv\")", granted).failed();
        at(e, 1, 10, "load(file): file access outside " + granted + " is not allowed: secret.csv leads to " + outside.resolve("secret.csv"));
        e = run("save([[1]], \"secret.csv\")", granted).failed();
        at(e, 1, 13, "file access outside " + granted + " is not allowed");
        e = run("save([[1]], \"out/new.csv\")", granted).failed();
        at(e, 1, 13, "file access outside " + granted + " is not allowed: out/new.csv leads to " + outside.resolve("new.csv"));
        assertEquals("42\n", Files.readString(outside.resolve("secret.csv")));
        assertTrue(!Files.exists(outside.resolve("new.csv")));
    }

    @Test
    void aPathThroughAFile() throws Exception {
        Files.writeString(dir.resolve("data.csv"), "1,2\n");
        at(run("X = load(\"data.csv/x.csv\")", dir).failed(), 1, 10,
                "load(file): no such file: data.csv/x.csv (" + dir.resolve("data.csv") + " is a file, not a folder)");
        at(run("save([[1]], \"data.csv/x.csv\")", dir).failed(), 1, 13, "is a file, not a folder");
        assertEquals("1,2\n", Files.readString(dir.resolve("data.csv")));
    }

    @Test
    void filesThatCannotBeReadOrWritten() throws Exception {
        boolean root = "root".equals(System.getProperty("user.name"));
        if (!root) {
            Path locked = dir.resolve("locked.csv");
            Files.writeString(locked, "1,2\n");
            Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("---------"));
            at(run("X = load(\"locked.csv\")", dir).failed(), 1, 10, "load(file): cannot read locked.csv: permission denied");
            Path readOnly = Files.createDirectory(dir.resolve("ro"));
            Files.setPosixFilePermissions(readOnly, PosixFilePermissions.fromString("r-xr-xr-x"));
            at(run("save([[1]], \"ro/x.csv\")", dir).failed(), 1, 13, "permission denied");
            return;
        }
        // as root, permission bits do not stop anything: use what even root may not do
        System.out.println("FileFaultsTest: running as root, so file modes cannot deny access; using /sys and /proc/1/environ instead");
        Assumptions.assumeTrue(Files.isDirectory(Path.of("/sys")) && Files.exists(Path.of("/proc/1/environ")),
                "no /sys or /proc here: the permission cases are skipped");
        MlpError e = run("save([[1]], \"/sys/x.csv\")", Path.of("/")).failed();
        at(e, 1, 13, "save(value, file, precision=): cannot write /sys/x.csv: ");
        assertTrue(e.plainMessage().matches(".*: (permission denied|Read-only file system)"), e.plainMessage());
        e = run("X = load(\"/proc/1/environ\")", Path.of("/")).failed();
        at(e, 1, 10, "load(file): cannot read /proc/1/environ: ");
    }

    @Test
    void aFileThatCannotBeReplacedIsLeftAsItWas() throws Exception {
        Path kept = dir.resolve("kept.csv");
        Files.writeString(kept, "1,2\n");
        Process p = new ProcessBuilder("chattr", "+i", kept.toString()).redirectErrorStream(true).start();
        Assumptions.assumeTrue(p.waitFor() == 0, "chattr +i is not possible here: the immutable-file case is skipped");
        try {
            MlpError e = run("save([[3, 4]], \"kept.csv\")", dir).failed();
            at(e, 1, 16, "save(value, file, precision=): cannot write " + kept + ": ");
            assertEquals("1,2\n", Files.readString(kept));
            try (var s = Files.list(dir)) {
                assertEquals(1, s.count(), "no temporary file is left behind");
            }
        } finally {
            new ProcessBuilder("chattr", "-i", kept.toString()).start().waitFor();
        }
    }

    @Test
    void anEmptyOrOddFileName() throws IOException {
        at(run("X = load(\"\")", dir).failed(), 1, 10, "load(file): the file name is empty");
        at(run("save([[1]], \"  \")", dir).failed(), 1, 13, "save(value, file, precision=): the file name is empty");
        at(run("X = load(\"a\\u0000b\")".replace("\\u0000", "\u0000"), dir).failed(), 1, 10, "load(file): ");
        at(run("X = load(\"" + "x".repeat(5000) + ".csv\")", dir).failed(), 1, 10, "load(file): ");
    }
}
