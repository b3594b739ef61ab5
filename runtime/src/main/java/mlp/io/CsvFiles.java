package mlp.io;

import mlp.MlpError;
import mlp.tensor.Limits;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.ejml.data.DMatrixRMaj;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Numeric CSV files as they come from the world (Apache Commons CSV does the quoting and the line
 * ends). Errors are thrown without a source position; the text names the file as the user wrote
 * it, and the line and column in it. Its cell rules are public for mlp-spark, which reads the
 * rows of a CSV file on a cluster's executors.
 */
public final class CsvFiles {
    private static final CSVFormat FORMAT = CSVFormat.DEFAULT.builder().setIgnoreEmptyLines(true).get();
    private static final Pattern NON_FINITE = Pattern.compile("[+-]?(nan|inf|infinity)", Pattern.CASE_INSENSITIVE);

    private CsvFiles() {
    }

    /** One row of the file: its cells and the line it starts on. */
    private record Row(String[] cells, int line) {
    }

    /**
     * Reads the numbers of a CSV text. The first row is a header, and skipped, when a cell of it
     * is not a number, or when it has fewer cells than the row after it (scikit-learn's files
     * start with {@code 150,4,setosa,versicolor,virginica}). Blank lines are ignored.
     */
    public static DMatrixRMaj read(String text, String name) {
        if (text.startsWith("\uFEFF")) text = text.substring(1); // a byte order mark, as Excel writes
        List<Row> rows = rows(text, name);
        if (!rows.isEmpty() && isHeader(rows)) rows = rows.subList(1, rows.size());
        if (rows.isEmpty()) throw new MlpError(name + " has no rows of numbers");
        int cols = rows.get(0).cells().length;
        DMatrixRMaj m = Limits.matrix(rows.size(), cols);
        for (int r = 0; r < rows.size(); r++) {
            Row row = rows.get(r);
            if (row.cells().length != cols)
                throw new MlpError(name + " line " + row.line() + " has " + count(row.cells().length, "column")
                        + ", but the rows before it have " + cols);
            for (int c = 0; c < cols; c++) {
                String cell = row.cells()[c].trim();
                if (!isNumber(cell))
                    throw new MlpError(name + " line " + row.line() + ", column " + (c + 1) + ": " + why(cell));
                m.data[r * cols + c] = parse(cell);
            }
        }
        return m;
    }

    private static List<Row> rows(String text, String name) {
        int[] lineStarts = lineStarts(text);
        List<Row> rows = new ArrayList<>();
        try (CSVParser parser = CSVParser.parse(text, FORMAT)) {
            try {
                for (CSVRecord record : parser) {
                    String[] cells = record.values();
                    if (cells.length == 1 && cells[0].isBlank()) continue; // a line of spaces
                    rows.add(new Row(cells, line(lineStarts, record.getCharacterPosition())));
                }
            } catch (UncheckedIOException e) {
                String cause = e.getCause() == null ? "" : String.valueOf(e.getCause().getMessage());
                if (cause.contains("EOF"))
                    throw new MlpError(name + " line " + line(lineStarts, unclosedQuote(text))
                            + ": a quoted cell is not closed (a '\"' is missing)");
                String why = cause.contains("invalid char between encapsulated token")
                        ? "a quoted cell has text after its closing '\"'" : "this is not a CSV file it can read";
                throw new MlpError(name + " line " + Math.max(1, parser.getCurrentLineNumber()) + ": " + why);
            }
        } catch (IOException e) {
            throw new MlpError("cannot read " + name + ": " + e.getMessage());
        }
        return rows;
    }

    /**
     * A first row with a cell that is not a number is a header. So is scikit-learn's all-number
     * header ({@code 150,4}: the number of rows, the number of features), recognised by being
     * shorter than the next row and starting with the number of rows after it.
     */
    /** Where the quote that is never closed opens ("" inside quotes toggles twice: no change). */
    private static int unclosedQuote(String text) {
        int open = 0;
        boolean inside = false;
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) != '"') continue;
            inside = !inside;
            if (inside) open = i;
        }
        return open;
    }

    private static boolean isHeader(List<Row> rows) {
        String[] first = rows.get(0).cells();
        for (String cell : first) if (!isNumber(cell.trim())) return true;
        return rows.size() > 1 && first.length < rows.get(1).cells().length
                && parse(first[0].trim()) == rows.size() - 1;
    }

    public static boolean isNumber(String cell) {
        return isDecimal(cell) || NON_FINITE.matcher(cell).matches();
    }

    /**
     * Whether the whole cell is a decimal number, {@code [+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?}
     * (ASCII digits), scanned once from left to right: linear in the cell's length. Not a regex:
     * the JIT's C2 compile of the regex matcher, which the cells of a few small files made hot, was
     * a ~40 kB method that took its only compiler thread 0.3–1.4 s, delaying the compiles of a
     * script's first training runs (bench/training/README.md).
     */
    static boolean isDecimal(String cell) {
        int n = cell.length(), i = 0;
        if (i < n && (cell.charAt(i) == '+' || cell.charAt(i) == '-')) i++;
        int start = i;
        while (i < n && isDigit(cell.charAt(i))) i++;
        int digits = i - start;
        if (i < n && cell.charAt(i) == '.') {
            start = ++i;
            while (i < n && isDigit(cell.charAt(i))) i++;
            digits += i - start;
        }
        if (digits == 0) return false;
        if (i < n && (cell.charAt(i) == 'e' || cell.charAt(i) == 'E')) {
            i++;
            if (i < n && (cell.charAt(i) == '+' || cell.charAt(i) == '-')) i++;
            start = i;
            while (i < n && isDigit(cell.charAt(i))) i++;
            if (i == start) return false;
        }
        return i == n;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    public static double parse(String cell) {
        if (isDecimal(cell)) return Double.parseDouble(cell);
        boolean negative = cell.startsWith("-");
        if (cell.toLowerCase().contains("nan")) return Double.NaN;
        return negative ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
    }

    public static String why(String cell) {
        if (cell.isEmpty()) return "the cell is empty (load needs a number in every cell)";
        String shown = cell.length() > 40 ? cell.substring(0, 40) + "..." : cell;
        String hint = "";
        if (cell.indexOf(';') >= 0 || cell.indexOf('\t') >= 0) hint = " (load reads cells separated by commas)";
        else if (Character.isLetter(cell.charAt(0))) hint = " (load reads numbers only: write classes as 0, 1, 2, ...)";
        return "cannot read '" + shown + "' as a number" + hint;
    }

    private static String count(int n, String word) {
        return n + " " + word + (n == 1 ? "" : "s");
    }

    /** The offsets at which lines start (\r\n, \n and a lone \r each end a line). */
    private static int[] lineStarts(String text) {
        int[] starts = new int[16];
        int n = 1;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean end = c == '\n' || (c == '\r' && (i + 1 == text.length() || text.charAt(i + 1) != '\n'));
            if (end) {
                if (n == starts.length) starts = Arrays.copyOf(starts, n * 2);
                starts[n++] = i + 1;
            }
        }
        return Arrays.copyOf(starts, n);
    }

    private static int line(int[] lineStarts, long offset) {
        int i = Arrays.binarySearch(lineStarts, (int) offset);
        return (i >= 0 ? i : -i - 2) + 1;
    }

    // ---- writing ----

    /** Writes the tensor as CSV, atomically, each number with enough digits to read back exactly. */
    public static void write(DMatrixRMaj m, Path path) {
        AtomicFiles.write(path, out -> {
            Writer w = new java.io.OutputStreamWriter(out, StandardCharsets.UTF_8);
            StringBuilder line = new StringBuilder();
            for (int r = 0; r < m.numRows; r++) {
                line.setLength(0);
                for (int c = 0; c < m.numCols; c++) {
                    if (c > 0) line.append(',');
                    line.append(cell(m.unsafe_get(r, c)));
                }
                w.write(line.append('\n').toString());
            }
            w.flush();
        });
    }

    /** The shortest text that reads back as exactly this double. */
    public static String cell(double v) {
        if (Double.isNaN(v)) return "nan";
        if (Double.isInfinite(v)) return v > 0 ? "inf" : "-inf";
        if (v == 0) return 1 / v < 0 ? "-0.0" : "0";
        if (v == Math.rint(v) && Math.abs(v) < 1e15) return Long.toString((long) v);
        return Double.toString(v); // Java's shortest round-trip form, e.g. 0.1 or 1.0E-5
    }
}
