package mlp.jupyter;

import mlp.MlpError;
import mlp.embed.MlpBuiltin;
import mlp.embed.MlpProgram;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The notebook's help while typing: TAB completion of names (the session's, then the built-ins
 * from the same registry as the REPL's), Shift-TAB's text about the name at the cursor (a
 * built-in's {@code :help} text), and whether a cell is a whole program yet.
 */
final class Assist {
    private final Map<String, MlpBuiltin> builtins = new LinkedHashMap<>();

    Assist() {
        for (MlpBuiltin b : MlpBuiltin.all()) builtins.put(b.name(), b);
    }

    /** A word of the code: where it starts and ends. */
    record Word(String text, int start, int end) {
    }

    /** The name the cursor is in or just after. */
    static Word wordAt(String code, int cursor) {
        int c = Math.max(0, Math.min(cursor, code.length()));
        int start = c, end = c;
        while (start > 0 && isNamePart(code.charAt(start - 1))) start--;
        while (end < code.length() && isNamePart(code.charAt(end))) end++;
        return new Word(code.substring(start, end), start, end);
    }

    static boolean isNamePart(char ch) {
        return Character.isLetterOrDigit(ch) || ch == '_';
    }

    /** The names that complete the word before the cursor: the session's first, then the built-ins. */
    List<String> complete(String prefix, Set<String> sessionNames) {
        List<String> out = new ArrayList<>();
        for (String n : sessionNames) if (n.startsWith(prefix) && !n.startsWith("(")) out.add(n);
        for (String n : builtins.keySet()) if (n.startsWith(prefix) && !out.contains(n)) out.add(n);
        return out;
    }

    /**
     * The name Shift-TAB asks about: the one under the cursor, or else the function whose call the
     * cursor is in ({@code train(model, |}).
     */
    static String subject(String code, int cursor) {
        Word w = wordAt(code, cursor);
        if (!w.text().isEmpty() && !Character.isDigit(w.text().charAt(0))) return w.text();
        int depth = 0;
        for (int i = Math.min(cursor, code.length()) - 1; i >= 0; i--) {
            char ch = code.charAt(i);
            if (ch == ')' || ch == ']') depth++;
            else if (ch == '[') depth = Math.max(0, depth - 1);
            else if (ch == '(') {
                if (depth > 0) depth--;
                else {
                    Word callee = wordAt(code, i);
                    return callee.text().isEmpty() ? null : callee.text();
                }
            }
        }
        return null;
    }

    /** A built-in's signature and help, as {@code :help NAME} shows it; null when it is not one. */
    String help(String name) {
        MlpBuiltin b = builtins.get(name);
        return b == null ? null : b.signature() + "\n\n" + b.help();
    }

    /** Jupyter's is_complete: "complete", "incomplete" (a bracket open, an operator at the end) or "invalid". */
    static String status(String code) {
        try {
            MlpProgram.parse(code, "<cell>");
            return "complete";
        } catch (MlpError e) {
            return e.incomplete() ? "incomplete" : "invalid";
        } catch (RuntimeException | StackOverflowError e) {
            return "invalid";
        }
    }
}
