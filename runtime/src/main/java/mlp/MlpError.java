package mlp;

import mlp.syntax.Pos;

/**
 * The one error type of mlp: everything a user can cause becomes an {@code MlpError} before it
 * leaves the runtime. It carries the plain message and, once known, the source position
 * ({@link #file()}, {@link #line()}, {@link #column()}); {@link #format()} renders it as
 * {@code file:line:col: message}, the source line, and a caret under the column.
 *
 * <p>Code deep in the kernels throws it without a position; the interpreter gives it the
 * position of the expression being evaluated ({@link #at(Pos)}), so the innermost position wins.
 * An error never changes once made: {@code at} returns a positioned copy.
 */
public class MlpError extends RuntimeException {
    private final String plainMessage;
    private final Pos pos;
    private final boolean incomplete;

    public MlpError(String message) {
        this(message, null, false);
    }

    public MlpError(String message, Pos pos) {
        this(message, pos, false);
    }

    /**
     * @param incomplete true for a syntax error at the end of the input (an open bracket, a
     *                   trailing operator): the REPL reads another line instead of reporting it
     */
    public MlpError(String message, Pos pos, boolean incomplete) {
        this(message, pos, incomplete, java.util.List.of());
    }

    private MlpError(String message, Pos pos, boolean incomplete, java.util.List<Pos> calls) {
        super(message, null, false, false); // no Java stack trace: users never see one
        this.plainMessage = clipped(message);
        this.pos = pos;
        this.incomplete = incomplete;
        this.calls = calls;
    }

    /** Messages longer than this (a 10 MB name or file name quoted in one) are shortened in the middle. */
    static final int LONGEST_MESSAGE = 500;

    private static String clipped(String message) {
        if (message == null || message.length() <= LONGEST_MESSAGE) return message;
        int head = whole(message, 300), tail = whole(message, message.length() - 150);
        return message.substring(0, head) + " ... (" + (tail - head) + " characters left out) ... " + message.substring(tail);
    }

    /** This error at {@code where} if it has no position yet (a copy), else this error itself. */
    public MlpError at(Pos where) {
        if (pos != null || where == null) return this;
        return positioned(where);
    }

    /** A copy of this error at {@code where}; a subclass returns one of its own kind. */
    protected MlpError positioned(Pos where) {
        return new MlpError(plainMessage, where, incomplete);
    }

    /** The calls on the way to the error, innermost first: one "called from" line each. */
    private final java.util.List<Pos> calls;

    /**
     * This error as seen from a call at {@code where} of the function it happened in: a copy
     * with one more "called from" position (only once the error has a position of its own
     * inside the function; the outermost call comes last). A subclass (a stop, say) is
     * returned as it is, keeping its kind.
     */
    public MlpError calledFrom(Pos where) {
        if (pos == null || where == null || where.equals(pos) || getClass() != MlpError.class) return this;
        java.util.List<Pos> more = new java.util.ArrayList<>(calls);
        more.add(where);
        return new MlpError(plainMessage, pos, incomplete, java.util.List.copyOf(more));
    }

    /** How many "called from" lines {@link #format()} shows before it counts the rest. */
    static final int SHOWN_CALLS = 10;

    /** The "called from" positions, innermost first. */
    public java.util.List<Pos> calls() {
        return calls;
    }

    /** The message without position or source line. */
    public String plainMessage() {
        return plainMessage;
    }

    /** Where the error happened, or null when it has no place in source code. */
    public Pos pos() {
        return pos;
    }

    public String file() {
        return pos == null ? null : pos.source().name();
    }

    /** 1-based line, or 0 when unknown. */
    public int line() {
        return pos == null ? 0 : pos.line();
    }

    /** 1-based column, or 0 when unknown. */
    public int column() {
        return pos == null ? 0 : pos.col();
    }

    /** True when the input ended in the middle of a statement. */
    public boolean incomplete() {
        return incomplete;
    }

    @Override
    public String getMessage() {
        return pos == null ? plainMessage : pos + ": " + plainMessage;
    }

    /** Longer source lines are shown clipped around the column (a 10 MB line is not echoed whole). */
    static final int SHOWN = 200;

    /**
     * {@code file:line:col: message}, then the source line and a caret under the column. Control
     * characters in the line or the message are shown as '?' (a hostile file must not drive the
     * terminal), tabs as spaces.
     */
    public String format() {
        if (pos == null) return visible(plainMessage, false);
        StringBuilder out = new StringBuilder(visible(getMessage(), false));
        String text = pos.source().lineText(pos.line());
        if (text != null) {
            String shown = visible(text, true);
            int caret = Math.max(0, Math.min(pos.col() - 1, shown.codePointCount(0, shown.length())));
            int at = shown.offsetByCodePoints(0, caret);
            if (shown.length() > SHOWN) {
                int from = whole(shown, Math.max(0, Math.min(at - SHOWN / 2, shown.length() - SHOWN)));
                int to = whole(shown, Math.min(shown.length(), from + SHOWN));
                caret = shown.codePointCount(from, at) + (from > 0 ? 3 : 0);
                shown = (from > 0 ? "..." : "") + shown.substring(from, to) + (to < shown.length() ? "..." : "");
            }
            out.append("\n  ").append(shown).append("\n  ").append(" ".repeat(caret)).append('^');
        }
        // a function calling itself 400 deep would print 400 lines: the innermost few, then a count
        int shown = calls.size() <= SHOWN_CALLS + 2 ? calls.size() : SHOWN_CALLS;
        for (int i = 0; i < shown; i++) out.append("\n  called from ").append(visible(calls.get(i).toString(), true));
        if (shown < calls.size()) out.append("\n  ... and ").append(calls.size() - shown).append(" more calls");
        return out.toString();
    }

    /** An index moved off the second half of a surrogate pair, so that a cut never splits a character. */
    private static int whole(String s, int i) {
        return i > 0 && i < s.length() && Character.isLowSurrogate(s.charAt(i)) ? i - 1 : i;
    }

    private static String visible(String s, boolean oneLine) {
        StringBuilder out = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            // a tab is a space everywhere (a message holds one only when it quotes the user's text);
            // a line end is kept in a message, shown as '?' in the source line
            boolean control = c == '\t' || (c < 0x20 && c != '\n') || (c == '\n' && oneLine) || (c >= 0x7f && c < 0xa0);
            if (control && out == null) out = new StringBuilder(s.length()).append(s, 0, i);
            if (out != null) out.append(control ? (c == '\t' ? ' ' : '?') : c);
        }
        return out == null ? s : out.toString();
    }
}
