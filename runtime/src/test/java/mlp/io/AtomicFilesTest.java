package mlp.io;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** A file written atomically looks like one written directly: its contents and its permissions. */
class AtomicFilesTest {
    @TempDir
    Path dir;

    private static void write(Path target, String text) {
        AtomicFiles.write(target, out -> out.write(text.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void aNewFileGetsThePermissionsOfAFileCreatedDirectly() throws Exception {
        Path direct = Files.createFile(dir.resolve("direct.txt")); // what the umask gives a new file
        Path target = dir.resolve("new.csv");
        write(target, "1,2\n");
        assertEquals("1,2\n", Files.readString(target));
        Set<PosixFilePermission> expected = Files.getPosixFilePermissions(direct);
        assertEquals(PosixFilePermissions.toString(expected), PosixFilePermissions.toString(Files.getPosixFilePermissions(target)));
        assertEquals(Set.of("direct.txt", "new.csv"), Set.of(dir.toFile().list()), "no temporary file is left");
    }

    @Test
    void replacingAFileKeepsItsPermissions() throws Exception {
        Path target = dir.resolve("model.json");
        Files.writeString(target, "old");
        Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rw-r-----"));
        write(target, "new");
        assertEquals("new", Files.readString(target));
        assertEquals("rw-r-----", PosixFilePermissions.toString(Files.getPosixFilePermissions(target)));
    }
}
