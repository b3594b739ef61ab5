package mlp.repl;

import mlp.eval.Builtins;
import mlp.eval.Suggest;
import mlp.value.Value;

import java.util.ArrayList;
import java.util.List;

/**
 * The text of {@code :help}, made from the one registry of built-ins ({@link Builtins}): every
 * signature and help text lives there, so {@code :help} and the README's reference agree.
 */
final class Help {
    private static final int SIGNATURE_COLUMN = 24;

    /** How input works, shown under the overview. */
    static final String INPUT = """
            :help NAME shows the whole text of a built-in. TAB completes names, named arguments and
            members. A statement goes on to the next line while a bracket is open or the line ends
            with an operator; a line that starts with |> continues the statement before it.
            Ctrl-C stops what is running (training keeps the epochs done); Ctrl-D leaves.""";

    private Help() {
    }

    /** Every built-in with its signature and one line, grouped by category; then the commands. */
    static String overview() {
        Builtins builtins = Builtins.standard();
        StringBuilder out = new StringBuilder();
        for (String category : builtins.categories()) {
            out.append(category).append('\n');
            for (Builtins.Entry e : builtins.entries().values())
                if (e.category().equals(category)) line(out, e.signature(), e.summary());
            out.append('\n');
        }
        out.append("Commands\n");
        for (Commands.Spec c : Commands.SPECS) line(out, c.usage(), c.help());
        out.append('\n').append(INPUT);
        return out.toString();
    }

    private static void line(StringBuilder out, String signature, String summary) {
        out.append("  ").append(signature);
        if (signature.length() < SIGNATURE_COLUMN) out.append(" ".repeat(SIGNATURE_COLUMN - signature.length()));
        else out.append("\n  ").append(" ".repeat(SIGNATURE_COLUMN));
        out.append("  ").append(summary).append('\n');
    }

    /**
     * The full text about one name: a built-in's signature and help, a command's usage,
     * or what a name of the session holds; null when the name is unknown.
     */
    static String about(String name, Value sessionValue) {
        Builtins.Entry e = Builtins.standard().get(name);
        if (e != null) return e.signature() + "\n\n" + e.help();
        for (Commands.Spec c : Commands.SPECS)
            if (c.name().equals(name) || c.name().equals(":" + name)) return c.usage() + "\n\n" + c.help();
        if (sessionValue != null) return name + " is " + Vars.describe(sessionValue) + ", defined in this session";
        return null;
    }

    /** The message for a name {@code :help} does not know, with the nearest one if any. */
    static String unknown(String name) {
        List<String> known = new ArrayList<>(Builtins.standard().entries().keySet());
        for (Commands.Spec c : Commands.SPECS) known.add(c.name());
        String near = Suggest.nearest(name, known);
        return "no built-in or command named '" + name + "'" + (near != null ? " — did you mean '" + near + "'?" : "")
                + " (:help lists them all)";
    }
}
