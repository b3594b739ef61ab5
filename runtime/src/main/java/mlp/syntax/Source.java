package mlp.syntax;

/** A piece of program text with the name it is reported under (a file name, or "<repl>"). */
public final class Source {
    private final String name;
    private final String text;
    private int[] lineStarts; // computed on first use: only error reports need it

    public Source(String name, String text) {
        this.name = name;
        this.text = text;
    }

    public String name() {
        return name;
    }

    public String text() {
        return text;
    }

    /** The text of a 1-based line without its line end, or null when out of range. */
    public String lineText(int line) {
        int[] starts = lineStarts();
        if (line < 1 || line > starts.length) return null;
        int from = starts[line - 1];
        int to = line < starts.length ? starts[line] : text.length();
        while (to > from && (text.charAt(to - 1) == '\n' || text.charAt(to - 1) == '\r')) to--;
        return text.substring(from, to);
    }

    private int[] lineStarts() {
        if (lineStarts == null) {
            int count = 1;
            for (int i = 0; i < text.length(); i++) if (isLineEnd(i)) count++;
            int[] starts = new int[count];
            int k = 1;
            for (int i = 0; i < text.length(); i++) if (isLineEnd(i)) starts[k++] = i + 1;
            lineStarts = starts;
        }
        return lineStarts;
    }

    // \r\n counts once (at its \n); a lone \r is a line end too, as the lexer sees it
    private boolean isLineEnd(int i) {
        char c = text.charAt(i);
        return c == '\n' || (c == '\r' && (i + 1 >= text.length() || text.charAt(i + 1) != '\n'));
    }

    @Override
    public String toString() {
        return name;
    }
}
