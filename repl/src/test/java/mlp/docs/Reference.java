package mlp.docs;

import mlp.eval.Builtins;

/**
 * The README's reference of built-ins, rendered from the one registry ({@link Builtins}) that
 * the REPL's {@code :help} reads: for each category, each built-in's signature and its help text
 * exactly as {@code :help NAME} prints it. {@link ReferenceTest} checks that README.md holds this
 * text between the two marker comments, and rewrites it there when asked.
 */
final class Reference {
    static final String REGENERATE = "mvn -B -q -pl repl -am test -Dtest=ReferenceTest -Dsurefire.failIfNoSpecifiedTests=false -Dmlp.writeReadme=true";
    static final String START = "<!-- reference:start — generated from the built-ins' :help texts; to regenerate: " + REGENERATE + " -->";
    static final String END = "<!-- reference:end -->";

    private Reference() {
    }

    /** The markdown of every built-in, by category, in the registry's order. */
    static String markdown(Builtins builtins) {
        StringBuilder md = new StringBuilder();
        md.append("| category | built-ins |\n|---|---|\n");
        for (String category : builtins.categories()) {
            md.append("| ").append(category).append(" |");
            String sep = " ";
            for (Builtins.Entry e : builtins.entries().values()) {
                if (!e.category().equals(category)) continue;
                md.append(sep).append('`').append(e.name()).append('`');
                sep = ", ";
            }
            md.append(" |\n");
        }
        for (String category : builtins.categories()) {
            md.append("\n### ").append(category).append('\n');
            for (Builtins.Entry e : builtins.entries().values()) {
                if (!e.category().equals(category)) continue;
                md.append("\n#### `").append(e.signature()).append("`\n\n");
                md.append("```text\n").append(e.help().strip()).append("\n```\n");
            }
        }
        return md.toString();
    }

    /** README's text between the markers (without them), or null when a marker is missing. */
    static String section(String readme) {
        int start = readme.indexOf(START), end = readme.indexOf(END);
        if (start < 0 || end < start) return null;
        return readme.substring(start + START.length(), end).strip() + "\n";
    }

    /** README with the text between the markers replaced by {@code generated}. */
    static String withSection(String readme, String generated) {
        int start = readme.indexOf(START), end = readme.indexOf(END);
        if (start < 0 || end < start)
            throw new IllegalStateException("README.md has no reference markers; put these two lines where the reference goes:\n"
                    + START + "\n" + END);
        return readme.substring(0, start + START.length()) + "\n\n" + generated + "\n" + readme.substring(end);
    }
}
