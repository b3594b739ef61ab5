package mlp.embed;

import mlp.MlpError;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Where an embedded interpreter's pictures go: nowhere by default, else where the host says. */
class PicturesEmbedTest {
    private static final String DATA = "seed(1)\nX = randn(50, 2)\nY = X * 2\n";

    private static long files(Path dir) throws Exception {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile).count();
        }
    }

    @Test
    void picturesAreOffByDefault(@TempDir Path dir) throws Exception {
        StringWriter out = new StringWriter();
        try (MlpInterpreter mlp = MlpInterpreter.builder().output(out).allowFiles(dir).build()) {
            mlp.eval(DATA + "scatter(X, Y, title=\"points\")\nscatter(X, Y, file=\"named.png\")");
        }
        assertEquals(0, files(dir), "nothing written, even where files are allowed");
        assertEquals("", out.toString());
    }

    @Test
    void picturesGoToTheHostsFolderWithoutGrantingFileAccess(@TempDir Path dir) throws Exception {
        Path plots = dir.resolve("plots");
        StringWriter out = new StringWriter();
        try (MlpInterpreter mlp = MlpInterpreter.builder().output(out).picturesToFiles(plots).build()) {
            mlp.eval(DATA + "scatter(X, Y, title=\"the points\")");
            assertTrue(Files.size(plots.resolve("the_points.png")) > 1000);
            // a file the script names is still a file access, and refused
            MlpError e = assertThrows(MlpError.class, () -> mlp.eval("scatter(X, Y, file=\"../escape.png\")"));
            assertTrue(e.plainMessage().contains("file access is not allowed here"), e.plainMessage());
            assertEquals(1, e.line());
            assertEquals(20, e.column()); // at the file name
            assertThrows(MlpError.class, () -> mlp.eval("load(\"plots/the_points.png\")"), "pictures grant no load/save");
        }
        assertEquals(1, files(dir));
    }
}
