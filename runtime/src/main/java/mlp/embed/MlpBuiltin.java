package mlp.embed;

import java.util.List;

/**
 * One name of mlp's standard library as the REPL's {@code :help} shows it: for a host's own
 * completion and help (a notebook's TAB and Shift-TAB). Read from the one registry of built-ins.
 *
 * @param name      {@code train}
 * @param signature {@code train(model, X, y, epochs=100, ...)}
 * @param category  {@code Training}
 * @param help      the whole help text; its first line is the summary
 */
public record MlpBuiltin(String name, String signature, String category, String help) {
    /** Every built-in, in the order {@code :help} lists them. */
    public static List<MlpBuiltin> all() {
        return mlp.eval.Builtins.standard().entries().values().stream()
                .map(e -> new MlpBuiltin(e.name(), e.signature(), e.category(), e.help()))
                .toList();
    }

    /** The first line of the help text. */
    public String summary() {
        int nl = help.indexOf('\n');
        return nl < 0 ? help : help.substring(0, nl);
    }
}
