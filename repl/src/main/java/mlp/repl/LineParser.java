package mlp.repl;

import mlp.MlpError;
import mlp.syntax.Source;
import mlp.syntax.SourceParser;
import org.jline.reader.CompletingParsedLine;
import org.jline.reader.EOFError;
import org.jline.reader.ParsedLine;
import org.jline.reader.Parser;

import java.util.List;

/**
 * JLine's parser hook. On Enter it decides whether the input is a whole statement: while a
 * bracket is open or the text ends with an operator, the language's own parser says the input is
 * incomplete, and JLine is told to keep reading (an {@link EOFError}). For completion it cuts out
 * the word under the cursor: a name, a {@code :command}, or the file name after {@code :load}.
 */
final class LineParser implements Parser {
    @Override
    public ParsedLine parse(String line, int cursor, ParseContext context) {
        if (context == ParseContext.ACCEPT_LINE && incomplete(line))
            throw new EOFError(-1, -1, "the statement goes on", "...");
        return Word.at(line, cursor);
    }

    /** True when more lines are needed to finish the statement. */
    static boolean incomplete(String text) {
        String t = text.stripLeading();
        if (t.startsWith(":")) return false; // a :command is one line
        // "|> relu" continues the statement before it (see Session); complete it with a stand-in
        if (t.startsWith("|>")) t = "previous " + t;
        try {
            SourceParser.parse(new Source("<repl>", t));
            return false;
        } catch (MlpError e) {
            return e.incomplete();
        }
    }

    /** The word under the cursor, the way the completer and JLine want it. */
    record Word(String line, int cursor, String word, int wordCursor, List<String> words, int wordIndex)
            implements CompletingParsedLine {

        static Word at(String line, int cursor) {
            int c = Math.max(0, Math.min(cursor, line.length()));
            String before = line.substring(0, c);
            int start;
            int end;
            String lead = before.stripLeading();
            int command = Commands.argumentStart(line);
            if (command >= 0 && c >= command) { // the argument of :load or :help, up to the cursor
                start = command;
                end = line.length();
            } else if (lead.startsWith(":") && !lead.contains(" ")) { // a :command being typed
                start = before.length() - lead.length();
                end = c;
                while (end < line.length() && isNamePart(line.charAt(end))) end++;
            } else {
                start = c;
                while (start > 0 && isNamePart(line.charAt(start - 1))) start--;
                end = c;
                while (end < line.length() && isNamePart(line.charAt(end))) end++;
            }
            String word = line.substring(start, end);
            return new Word(line, c, word, c - start, List.of(word), 0);
        }

        static boolean isNamePart(char ch) {
            return Character.isLetterOrDigit(ch) || ch == '_';
        }

        @Override
        public CharSequence escape(CharSequence candidate, boolean complete) {
            return candidate; // nothing in .mlp needs quoting where completion inserts text
        }

        @Override
        public int rawWordCursor() {
            return wordCursor;
        }

        @Override
        public int rawWordLength() {
            return word.length();
        }
    }
}
