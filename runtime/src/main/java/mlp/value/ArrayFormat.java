package mlp.value;

import org.ejml.data.DMatrixRMaj;

/**
 * NumPy's {@code str(array)} for 2-D arrays under {@code np.set_printoptions(precision=4)}
 * (numpy/core/arrayprint.py: {@code FloatingFormat}, {@code _formatArray}), with one change:
 * a tensor whose elements are all whole numbers (and finite) prints like a NumPy integer array
 * ({@code [[ 2 -2]]}, not {@code [[ 2. -2.]]}).
 *
 * <ul>
 *   <li>Every element is formatted with the same widths, so columns line up.</li>
 *   <li>Positional notation with up to 4 decimals, unless the numbers are tiny (below 1e-4),
 *       huge (1e8 and up) or spread over more than three orders of magnitude: then scientific.</li>
 *   <li>Rows wider than 75 characters wrap.</li>
 *   <li>More than 1000 elements: only the first and last 3 rows and columns are shown, with
 *       {@code ...} between, and the shape is written after the closing bracket.</li>
 * </ul>
 */
public final class ArrayFormat {
    /** Tensors with more elements than this print elided (NumPy's threshold); a notebook's HTML table elides alike. */
    public static final int THRESHOLD = 1000;
    /** Rows and columns shown at each end of an elided tensor. */
    public static final int EDGE_ITEMS = 3;
    static final int LINE_WIDTH = 75;

    private ArrayFormat() {
    }

    static String format(DMatrixRMaj m) {
        int rows = m.numRows, cols = m.numCols;
        String shape = "(" + rows + "×" + cols + ")";
        if ((long) rows * cols == 0) return "[] " + shape;
        boolean summary = (long) rows * cols > THRESHOLD;
        int[] shownRows = shown(rows, summary), shownCols = shown(cols, summary);
        double[] values = new double[shownRows.length * shownCols.length];
        int k = 0;
        for (int r : shownRows) for (int c : shownCols) values[k++] = m.unsafe_get(r, c);
        Cells cells = Cells.of(values);

        boolean elideRows = shownRows.length < rows, elideCols = shownCols.length < cols;
        StringBuilder out = new StringBuilder("[");
        for (int i = 0; i < shownRows.length; i++) {
            if (i > 0) out.append("\n ");
            if (elideRows && i == EDGE_ITEMS) out.append("...\n ");
            out.append(row(m, shownRows[i], shownCols, elideCols, cells));
        }
        out.append(']');
        if (summary) out.append(' ').append(shape);
        return out.toString();
    }

    /** The indices shown along an axis: all of them, or the first and last few. */
    private static int[] shown(int n, boolean summary) {
        if (!summary || n <= 2 * EDGE_ITEMS) {
            int[] all = new int[n];
            for (int i = 0; i < n; i++) all[i] = i;
            return all;
        }
        int[] ends = new int[2 * EDGE_ITEMS];
        for (int i = 0; i < EDGE_ITEMS; i++) {
            ends[i] = i;
            ends[EDGE_ITEMS + i] = n - EDGE_ITEMS + i;
        }
        return ends;
    }

    /**
     * One row as NumPy lays out the last axis: words separated by a space, wrapped before a word
     * that would pass the width, continuation lines indented by two spaces.
     */
    private static String row(DMatrixRMaj m, int r, int[] cols, boolean elide, Cells cells) {
        final String indent = "  ";
        final int width = LINE_WIDTH - 2; // NumPy: one for each enclosing ']'
        StringBuilder done = new StringBuilder();
        StringBuilder line = new StringBuilder(indent);
        for (int i = 0; i < cols.length; i++) {
            if (elide && i == EDGE_ITEMS) {
                extend(done, line, "...", width, indent);
                line.append(' ');
            }
            extend(done, line, cells.format(m.unsafe_get(r, cols[i])), width, indent);
            if (i < cols.length - 1) line.append(' ');
        }
        done.append(line);
        return "[" + done.substring(indent.length()) + "]";
    }

    private static void extend(StringBuilder done, StringBuilder line, String word, int width, String indent) {
        boolean wrap = line.length() + word.length() > width && line.length() > indent.length();
        if (wrap) {
            int end = line.length();
            while (end > 0 && line.charAt(end - 1) == ' ') end--;
            done.append(line, 0, end).append('\n');
            line.setLength(0);
            line.append(indent);
        }
        line.append(word);
    }

    /** The common format of the shown elements: a mode and the widths every element is padded to. */
    private static final class Cells {
        enum Mode { WHOLE, POSITIONAL, SCIENTIFIC }

        private final Mode mode;
        private final int padLeft;   // width of the part before the point (whole: of the number)
        private final int padRight;  // width of the part after the point
        private final int digits;    // scientific: fraction digits; positional: unused
        private final int expDigits; // scientific: exponent digits

        private Cells(Mode mode, int padLeft, int padRight, int digits, int expDigits) {
            this.mode = mode;
            this.padLeft = padLeft;
            this.padRight = padRight;
            this.digits = digits;
            this.expDigits = expDigits;
        }

        static Cells of(double[] values) {
            boolean whole = true, negInf = false, nonFinite = false;
            double maxAbs = 0, minAbs = Double.POSITIVE_INFINITY;
            for (double v : values) {
                if (!Double.isFinite(v)) {
                    nonFinite = true;
                    negInf |= v == Double.NEGATIVE_INFINITY;
                    continue;
                }
                whole &= Format.isWhole(v);
                double a = Math.abs(v);
                if (a != 0) {
                    maxAbs = Math.max(maxAbs, a);
                    minAbs = Math.min(minAbs, a);
                }
            }
            if (whole && !nonFinite) {
                int w = 0;
                for (double v : values) w = Math.max(w, Long.toString((long) v).length());
                return new Cells(Mode.WHOLE, w, 0, 0, 0);
            }
            boolean sci = minAbs != Double.POSITIVE_INFINITY && (maxAbs >= 1e8 || minAbs < 1e-4 || maxAbs / minAbs > 1000);
            int padLeft = 0, padRight, digits = 0, expDigits = 0;
            if (sci) {
                for (double v : values) {
                    if (!Double.isFinite(v)) continue;
                    String[] p = Format.scientific(v, Format.PRECISION);
                    padLeft = Math.max(padLeft, p[0].length());
                    digits = Math.max(digits, p[1].length());
                    expDigits = Math.max(expDigits, p[2].length() - 1);
                }
                padRight = expDigits + 2 + digits;
            } else {
                padRight = 0;
                for (double v : values) {
                    if (!Double.isFinite(v)) continue;
                    String[] p = Format.positional(v, Format.PRECISION);
                    padLeft = Math.max(padLeft, p[0].length());
                    padRight = Math.max(padRight, p[1].length());
                }
            }
            if (nonFinite) { // room for nan and inf, right-aligned
                int offset = padRight + 1;
                padLeft = Math.max(padLeft, Math.max(3 - offset, (negInf ? 4 : 3) - offset));
            }
            return new Cells(sci ? Mode.SCIENTIFIC : Mode.POSITIONAL, padLeft, padRight, digits, expDigits);
        }

        String format(double v) {
            if (!Double.isFinite(v)) {
                String s = Double.isNaN(v) ? "nan" : v > 0 ? "inf" : "-inf";
                return pad(s, padLeft + padRight + 1);
            }
            if (mode == Mode.WHOLE) return pad(Long.toString((long) v), padLeft);
            if (mode == Mode.POSITIONAL) {
                String[] p = Format.positional(v, Format.PRECISION);
                return pad(p[0], padLeft) + "." + p[1] + " ".repeat(padRight - p[1].length());
            }
            String[] p = Format.scientific(v, Format.PRECISION);
            String exp = p[2].substring(1);
            while (exp.length() < expDigits) exp = "0" + exp;
            return pad(p[0], padLeft) + "." + p[1] + "0".repeat(digits - p[1].length()) + "e" + p[2].charAt(0) + exp;
        }

        private static String pad(String s, int width) {
            return s.length() >= width ? s : " ".repeat(width - s.length()) + s;
        }
    }
}
