package mlp.spark;

import mlp.MlpError;
import mlp.eval.Args;
import mlp.io.CsvFiles;
import mlp.io.FileAccess;
import mlp.value.Value;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.io.LongWritable;
import org.apache.hadoop.io.Text;
import org.apache.hadoop.mapreduce.InputSplit;
import org.apache.hadoop.mapreduce.lib.input.FileSplit;
import org.apache.hadoop.mapreduce.lib.input.TextInputFormat;
import org.apache.spark.api.java.JavaNewHadoopRDD;
import org.apache.spark.api.java.JavaRDD;
import scala.Tuple2;

import java.io.IOException;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * {@code c.load("data/*.csv")}: the rows of CSV files read where Spark puts them, in as many
 * partitions as Spark's splits of the files (or {@code partitions=}). Each file's first line is
 * a header, and skipped, as {@code load} decides: when a cell of it is not a number, or when it
 * has fewer cells than the line after it (scikit-learn's {@code 150,4,setosa,...}).
 */
final class CsvLoad {
    private CsvLoad() {
    }

    /** The rows one partition read, and where its first row came from (for a ragged-rows error). */
    record Block(List<double[]> rows, String file, long offset) implements Serializable {
        int cols() {
            return rows.isEmpty() ? -1 : rows.get(0).length;
        }
    }

    static Value load(Cluster c, Args a) {
        String name = a.string(SparkBuiltins.FILES);
        int partitions = a.count(SparkBuiltins.PARTITIONS);
        String path = name.contains("://") ? name : resolve(a, name);
        Configuration conf = new Configuration(c.context().hadoopConfiguration());
        JavaRDD<Block> blocks;
        List<long[]> stats; // per partition: rows, columns
        try {
            @SuppressWarnings("unchecked")
            JavaNewHadoopRDD<LongWritable, Text> raw = (JavaNewHadoopRDD<LongWritable, Text>)
                    c.context().newAPIHadoopFile(path, TextInputFormat.class, LongWritable.class, Text.class, conf);
            blocks = raw.mapPartitionsWithInputSplit(CsvLoad::parse, true).cache();
            List<Block> firsts = blocks.map(b -> new Block(List.of(), b.file(), b.offset())).collect();
            stats = blocks.map(b -> new long[]{b.rows().size(), b.cols()}).collect();
            checkColumns(firsts, stats);
        } catch (MlpError e) {
            throw a.error(SparkBuiltins.FILES, "load: " + e.plainMessage());
        } catch (CsvProblem e) {
            throw a.error(SparkBuiltins.FILES, "load: " + e.describe(a.interpreter().settings().workingDir()));
        } catch (Exception e) { // Spark's SparkException is checked, thrown from Scala undeclared
            if (String.valueOf(e.getMessage()).contains("matches 0 files") || String.valueOf(e.getMessage()).contains("does not exist"))
                throw a.error(SparkBuiltins.FILES, "load: no file matches " + name);
            MlpError m = Errors.of(e, a.interpreter().settings().workingDir());
            throw a.error(SparkBuiltins.FILES, "load: " + m.plainMessage());
        }
        long total = 0;
        int cols = -1;
        for (long[] s : stats) {
            total += s[0];
            if (s[1] >= 0 && cols < 0) cols = (int) s[1];
        }
        if (total == 0) throw a.error(SparkBuiltins.FILES, "load: " + name + " has no rows of numbers");
        JavaRDD<double[]> rows = blocks.flatMap(b -> b.rows().iterator());
        long[] counts = new long[stats.size()];
        for (int i = 0; i < counts.length; i++) counts[i] = stats.get(i)[0];
        DistTensor d = new DistTensor(c, rows, counts, cols);
        if (partitions > 0 && partitions != counts.length) d = d.repartition(partitions);
        return d;
    }

    private static String resolve(Args a, String name) {
        try {
            return FileAccess.resolve(a.interpreter().settings(), name).toString();
        } catch (MlpError e) {
            throw a.error(SparkBuiltins.FILES, "load: " + e.plainMessage());
        }
    }

    /** Rows of different lengths in different partitions: the first row of the later one is named. */
    private static void checkColumns(List<Block> firsts, List<long[]> stats) {
        long cols = -1;
        for (int i = 0; i < stats.size(); i++) {
            long c = stats.get(i)[1];
            if (c < 0) continue;
            if (cols < 0) cols = c;
            else if (c != cols)
                throw new CsvProblem(firsts.get(i).file(), firsts.get(i).offset(), 0,
                        "has " + c + (c == 1 ? " column" : " columns") + ", but the rows before it have " + cols);
        }
    }

    /** One split of one file, parsed on an executor. */
    private static Iterator<Block> parse(InputSplit split, Iterator<Tuple2<LongWritable, Text>> lines) {
        String file = ((FileSplit) split).getPath().toUri().toString();
        List<double[]> rows = new ArrayList<>();
        String[] first = null; // a file's first line of numbers, until the next line tells whether it is a header
        long firstOffset = -1, blockOffset = -1;
        int cols = -1;
        while (lines.hasNext()) {
            Tuple2<LongWritable, Text> t = lines.next();
            long offset = t._1().get();
            String line = t._2().toString();
            if (offset == 0 && line.startsWith("\uFEFF")) line = line.substring(1);
            if (line.isBlank()) continue;
            String[] cells = cells(line, file, offset);
            if (offset == 0) {
                boolean names = false;
                for (String cell : cells) names |= !CsvFiles.isNumber(cell.trim());
                if (!names) {
                    first = cells;
                    firstOffset = offset;
                }
                continue;
            }
            if (first != null) { // a shorter first line is scikit-learn's header; else it is a row
                if (first.length >= cells.length) {
                    cols = add(rows, first, cols, file, firstOffset);
                    blockOffset = firstOffset;
                }
                first = null;
            }
            if (blockOffset < 0) blockOffset = offset;
            cols = add(rows, cells, cols, file, offset);
        }
        if (first != null) {
            add(rows, first, cols, file, firstOffset);
            blockOffset = firstOffset;
        }
        return List.of(new Block(rows, file, Math.max(blockOffset, 0))).iterator();
    }

    private static int add(List<double[]> rows, String[] cells, int cols, String file, long offset) {
        if (cols >= 0 && cells.length != cols)
            throw new CsvProblem(file, offset, 0, "has " + cells.length + (cells.length == 1 ? " column" : " columns")
                    + ", but the rows before it have " + cols);
        double[] row = new double[cells.length];
        for (int c = 0; c < cells.length; c++) {
            String cell = cells[c].trim();
            if (!CsvFiles.isNumber(cell)) throw new CsvProblem(file, offset, c + 1, CsvFiles.why(cell));
            row[c] = CsvFiles.parse(cell);
        }
        rows.add(row);
        return cells.length;
    }

    /** The cells of one line: split at commas, or by Commons CSV when the line quotes a cell. */
    private static String[] cells(String line, String file, long offset) {
        if (line.indexOf('"') < 0) return line.split(",", -1);
        try (CSVParser p = CSVParser.parse(line, CSVFormat.DEFAULT)) {
            for (CSVRecord r : p) return r.values();
            return new String[0];
        } catch (IOException | RuntimeException e) {
            throw new CsvProblem(file, offset, 0, "is not a CSV row it can read (a quoted cell that spans lines?)");
        }
    }
}
