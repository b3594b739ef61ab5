package mlp.spark;

import mlp.MlpError;
import mlp.value.Tensor;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** c.load, D.rows/cols, slices, collect, predictions, metrics and save on Spark local[*]. */
class DistributedDataTest {
    @TempDir
    static Path dir;

    /** Two files of 6 and 5 rows, 3 columns; the first with a header of names, the second with scikit-learn's. */
    @BeforeAll
    static void files() throws Exception {
        Files.createDirectories(dir.resolve("data"));
        StringBuilder a = new StringBuilder("x1,x2,label\n"), b = new StringBuilder("5,2,a,b\n");
        for (int i = 0; i < 6; i++) a.append(i).append(',').append(i * 0.5).append(',').append(i % 2).append('\n');
        for (int i = 6; i < 11; i++) b.append(i).append(',').append(i * 0.5).append(',').append(i % 2).append('\n');
        Files.writeString(dir.resolve("data/a.csv"), a);
        Files.writeString(dir.resolve("data/b.csv"), b);
    }

    private static double[][] expected(int from, int to) {
        double[][] rows = new double[11][];
        for (int i = 0; i < 11; i++) rows[i] = java.util.Arrays.copyOfRange(new double[]{i, i * 0.5, i % 2}, from, to);
        return rows;
    }

    static double[][] rows(org.ejml.data.DMatrixRMaj m) {
        double[][] r = new double[m.numRows][m.numCols];
        for (int i = 0; i < m.numRows; i++) for (int j = 0; j < m.numCols; j++) r[i][j] = m.get(i, j);
        return r;
    }

    @Test
    void loadsEveryFileWithoutItsHeaderAndSlicesColumnsLazily() {
        assertEquals("11 3 11 2\n", Scripts.run(dir, """
                c = spark()
                D = c.load("data/*.csv")
                X = D[:, 0:2]
                print(D.rows, D.cols, X.rows, X.cols)
                """));
        Tensor all = (Tensor) Scripts.eval(dir, "c = spark()\nc.collect(c.load(\"data/*.csv\"))");
        assertArrayEquals(expected(0, 3), rows(all.data())); // no header row, files in order
        Tensor x = (Tensor) Scripts.eval(dir, "c = spark()\nc.collect(c.load(\"data/*.csv\", partitions=4)[:, 1:3])");
        assertArrayEquals(expected(1, 3), rows(x.data()));
        Tensor rows = (Tensor) Scripts.eval(dir, "c = spark()\nc.collect(c.load(\"data/*.csv\", partitions=3)[4:9, 0:1])");
        assertArrayEquals(java.util.Arrays.copyOfRange(expected(0, 1), 4, 9), rows(rows.data()));
    }

    @Test
    void predictionsAndMetricsEqualTheLocalOnes() {
        String local = Scripts.run(dir, """
                seed(3)
                m = linear(2, 2) |> relu |> linear(2, 1)
                X = load("data/a.csv")
                y = X[:, 2:3]
                X = X[:, 0:2]
                P = m(X)
                print(mse(P, y), mae(P, y), accuracy(P, y))
                save(m, "m.json")
                """);
        String spark = Scripts.run(dir, """
                c = spark()
                m = load("m.json")
                D = c.load("data/a.csv", partitions=3)
                P = m(D[:, 0:2])
                print(mse(P, D[:, 2:3]), mae(P, D[:, 2:3]), accuracy(P, D[:, 2:3]))
                """);
        String[] l = local.trim().split(" "), s = spark.trim().split(" ");
        for (int i = 0; i < 3; i++) assertEquals(Double.parseDouble(l[i]), Double.parseDouble(s[i]), 1e-12 * Math.abs(Double.parseDouble(l[i])) + 1e-15);
    }

    @Test
    void savesAFolderOfCsvPartsThatLoadsBack() throws Exception {
        Scripts.run(dir, """
                c = spark()
                D = c.load("data/*.csv", partitions=2)
                save(D[:, 0:2], "out/")
                save(D[:, 0:2], "out/")
                """);
        List<Path> parts;
        try (Stream<Path> s = Files.list(dir.resolve("out"))) {
            parts = s.filter(p -> p.getFileName().toString().startsWith("part-")).sorted().toList();
        }
        assertEquals(2, parts.size());
        assertEquals("0,0\n1,0.5\n2,1\n3,1.5\n4,2\n5,2.5\n", Files.readString(parts.get(0))); // a.csv's rows
        Tensor back = (Tensor) Scripts.eval(dir, "c = spark()\nc.collect(c.load(\"out/part-*\"))");
        assertArrayEquals(expected(0, 2), rows(back.data()));
    }

    @Test
    void badDataIsNamedByFileLineAndColumn() throws Exception {
        Files.createDirectories(dir.resolve("bad"));
        Files.writeString(dir.resolve("bad/text.csv"), "1,2\n3,4\n5,x\n");
        MlpError e = Scripts.fail(dir, "c = spark()\nD = c.load(\"bad/text.csv\")");
        assertEquals("test.mlp:2:12: load: bad/text.csv line 3, column 2: cannot read 'x' as a number "
                + "(load reads numbers only: write classes as 0, 1, 2, ...)", e.getMessage().lines().findFirst().orElse(""));
        Files.createDirectories(dir.resolve("ragged"));
        Files.writeString(dir.resolve("ragged/r.csv"), "1,2\n3,4\n5,6,7\n");
        e = Scripts.fail(dir, "c = spark()\nD = c.load(\"ragged/r.csv\")");
        assertTrue(e.getMessage().contains("load: ragged/r.csv line 3 has 3 columns, but the rows before it have 2"), e.getMessage());
        e = Scripts.fail(dir, "c = spark()\nD = c.load(\"nothing/*.csv\")");
        assertTrue(e.getMessage().contains("load: no file matches nothing/*.csv"), e.getMessage());
    }

    @Test
    void anUnreachableMasterIsAClearErrorAtOnce() {
        MlpError e = Scripts.fail(dir, "c = spark(\"spark://127.0.0.1:1\")");
        assertTrue(e.getMessage().startsWith("test.mlp:1:5: spark: cannot reach the master at spark://127.0.0.1:1 (Connection refused"), e.getMessage());
    }
}
