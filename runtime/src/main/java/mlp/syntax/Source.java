package mlp.syntax;

/** A piece of program text with the name it is reported under (a file name, or "<repl>"). */
public final class Source {
    private final String name;
    private final String text;
    private Lines lines; // computed on first use

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
        int[] starts = lines().starts;
        if (line < 1 || line > starts.length) return null;
        int from = starts[line - 1];
        int to = line < starts.length ? starts[line] : text.length();
        while (to > from && (text.charAt(to - 1) == '\n' || text.charAt(to - 1) == '\r')) to--;
        return text.substring(from, to);
    }

    /**
     * The position of the character at {@code index}, counted in code points from the start of
     * the text (as the lexer counts: a character outside the Basic Multilingual Plane is one).
     * Lines end as {@link #lineText} sees them (a lone \r ends one too, which the lexer's own line
     * count misses); columns count code points, so a caret lines up under the character.
     */
    public Pos pos(int index) {
        int[] starts = lines().codePointStarts;
        int i = java.util.Arrays.binarySearch(starts, Math.max(0, index));
        int line = i >= 0 ? i : -i - 2; // 0-based
        return new Pos(this, line + 1, Math.max(0, index) - starts[line] + 1);
    }

    /** Where the lines start, in chars (for substrings) and in code points (for positions). */
    private record Lines(int[] starts, int[] codePointStarts) {
    }

    private Lines lines() {
        if (lines == null) {
            int count = 1;
            for (int i = 0; i < text.length(); i++) if (isLineEnd(i)) count++;
            int[] starts = new int[count], codePoints = new int[count];
            int k = 1, cp = 0;
            for (int i = 0; i < text.length(); i++) {
                if (!Character.isLowSurrogate(text.charAt(i)) || i == 0 || !Character.isHighSurrogate(text.charAt(i - 1))) cp++;
                if (isLineEnd(i)) {
                    starts[k] = i + 1;
                    codePoints[k++] = cp;
                }
            }
            lines = new Lines(starts, codePoints);
        }
        return lines;
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
