package mlp.jupyter;

import mlp.embed.MlpValue;
import mlp.value.ArrayFormat;
import mlp.value.Format;
import org.dflib.jjava.jupyter.kernel.display.DisplayData;
import org.ejml.data.DMatrixRMaj;

import java.util.List;

/**
 * A cell's last value as a notebook shows it ({@code Out[n]}): its text as the REPL echoes it,
 * and for a tensor an HTML table (elided as the text is: the first and last rows and columns of a
 * large one), for a model its summary as an HTML table.
 */
final class Displays {
    private Displays() {
    }

    private static final String TABLE = "<table class=\"mlp-table\" style=\"font-family:monospace;border-collapse:collapse\">";

    /** The display of a value, or null for none (an assignment, or a picture already shown inline). */
    static DisplayData of(MlpValue value) {
        if (value == null) return null;
        String text = value.toString();
        if (value.kind().equals("chart") && text.endsWith(", shown inline>")) return null;
        DisplayData d = new DisplayData(text);
        if (value.isTensor()) d.putHTML(tensor(value.asMatrix()));
        else if (value.summaryRows() != null) d.putHTML(summary(value.summaryRows()));
        return d;
    }

    /** A tensor as a table with its shape under it; more than 1000 elements: 3 rows and columns at each end. */
    static String tensor(DMatrixRMaj m) {
        boolean elide = (long) m.numRows * m.numCols > ArrayFormat.THRESHOLD;
        int[] rows = shown(m.numRows, elide), cols = shown(m.numCols, elide);
        StringBuilder html = new StringBuilder(TABLE);
        for (int r : rows) {
            html.append("<tr>");
            for (int c : cols) {
                String cell = r < 0 || c < 0 ? "&hellip;" : Format.number(m.get(r, c));
                html.append("<td style=\"text-align:right;padding:1px 8px\">").append(cell).append("</td>");
            }
            html.append("</tr>");
        }
        return html.append("</table><div style=\"color:#777;font-size:smaller\">tensor ")
                .append(m.numRows).append("&times;").append(m.numCols).append("</div>").toString();
    }

    /** The indices to show: all, or the ends with -1 standing for the elided middle. */
    static int[] shown(int n, boolean elide) {
        int edge = ArrayFormat.EDGE_ITEMS;
        if (!elide || n <= 2 * edge) {
            int[] all = new int[n];
            for (int i = 0; i < n; i++) all[i] = i;
            return all;
        }
        int[] ends = new int[2 * edge + 1];
        for (int i = 0; i < edge; i++) {
            ends[i] = i;
            ends[edge + 1 + i] = n - edge + i;
        }
        ends[edge] = -1;
        return ends;
    }

    /** The summary table: header, layers, total (its parameter count in bold). */
    static String summary(List<List<String>> rows) {
        StringBuilder html = new StringBuilder(TABLE);
        for (int i = 0; i < rows.size(); i++) {
            boolean head = i == 0, total = i == rows.size() - 1;
            html.append("<tr").append(head || total ? " style=\"font-weight:bold\"" : "").append('>');
            List<String> row = rows.get(i);
            for (int c = 0; c < row.size(); c++) {
                String tag = head ? "th" : "td";
                html.append('<').append(tag).append(" style=\"padding:1px 10px;text-align:").append(c == 2 ? "right" : "left")
                        .append(total ? ";border-top:1px solid #999" : head ? ";border-bottom:1px solid #999" : "").append("\">")
                        .append(escape(row.get(c))).append("</").append(tag).append('>');
            }
            html.append("</tr>");
        }
        return html.append("</table>").toString();
    }

    static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
