package mlp.repl;

import mlp.MlpError;
import mlp.eval.Suggest;
import mlp.io.FileAccess;
import mlp.syntax.Source;
import mlp.value.Value;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/** The REPL's {@code :commands}: a line that starts with ':' is one of these, not .mlp code. */
final class Commands {
    record Spec(String name, String usage, String help) {
    }

    static final List<Spec> SPECS = List.of(
            new Spec(":help", ":help [NAME]", "every built-in with its signature; :help NAME shows one in full"),
            new Spec(":vars", ":vars", "the names of this session, their kinds and shapes"),
            new Spec(":load", ":load FILE", "runs a script into this session (its names stay defined)"),
            new Spec(":reset", ":reset", "forgets every name and starts a fresh session"),
            new Spec(":quit", ":quit", "leaves the REPL (so does Ctrl-D)"));

    /** How a command went: the REPL goes on after DONE and FAILED, and stops after QUIT. */
    enum Outcome { DONE, FAILED, QUIT }

    private final Session session;
    private final PrintWriter out;
    private final Consumer<String> errors;

    Commands(Session session, PrintWriter out, Consumer<String> errors) {
        this.session = session;
        this.out = out;
        this.errors = errors;
    }

    static boolean isCommand(String input) {
        return input.stripLeading().startsWith(":");
    }

    /** Where the argument of {@code :load} or {@code :help} starts in the line, or -1. */
    static int argumentStart(String line) {
        String lead = line.stripLeading();
        int offset = line.length() - lead.length();
        for (String name : List.of(":load", ":help")) {
            if (lead.startsWith(name + " ")) {
                int i = name.length();
                while (i < lead.length() && lead.charAt(i) == ' ') i++;
                return offset + i;
            }
        }
        return -1;
    }

    /** Runs one command line. */
    Outcome run(String input) {
        String line = input.strip();
        int space = line.indexOf(' ');
        String name = space < 0 ? line : line.substring(0, space);
        String arg = space < 0 ? "" : line.substring(space + 1).strip();
        switch (name) {
            case ":help", ":h", ":?" -> {
                return help(arg) ? Outcome.DONE : Outcome.FAILED;
            }
            case ":vars" -> {
                println(Vars.table(session.interpreter().globals().own()));
                return Outcome.DONE;
            }
            case ":load" -> {
                return load(arg) ? Outcome.DONE : Outcome.FAILED;
            }
            case ":reset" -> {
                session.reset();
                println("a fresh session: every name is forgotten");
                return Outcome.DONE;
            }
            case ":quit", ":q", ":exit" -> {
                return Outcome.QUIT;
            }
            default -> {
                List<String> names = SPECS.stream().map(Spec::name).toList();
                String near = Suggest.nearest(name, names);
                errors.accept("unknown command '" + name + "'" + (near != null ? " — did you mean '" + near + "'?" : "")
                        + " (the commands are " + String.join(" ", names) + ")");
                return Outcome.FAILED;
            }
        }
    }

    private boolean help(String name) {
        if (name.isEmpty()) {
            println(Help.overview());
            return true;
        }
        String text = Help.about(name, session.interpreter().globals().lookup(name));
        if (text == null) {
            errors.accept(Help.unknown(name));
            return false;
        }
        println(text);
        return true;
    }

    private boolean load(String arg) {
        String file = arg.length() >= 2 && arg.startsWith("\"") && arg.endsWith("\"") ? arg.substring(1, arg.length() - 1) : arg;
        if (file.isEmpty()) {
            errors.accept(":load needs a file name, e.g. :load scripts/seed.mlp");
            return false;
        }
        String text;
        try {
            Path path = FileAccess.resolve(session.settings(), file);
            if (Files.isDirectory(path)) throw new MlpError(file + " is a folder, not a script");
            // a pipe would block the session for ever, a device (/dev/zero) never end
            if (Files.exists(path) && !Files.isRegularFile(path)) throw new MlpError(file + " is not an ordinary file (a device or a pipe?)");
            text = Files.readString(path, StandardCharsets.UTF_8);
        } catch (MlpError e) {
            errors.accept(":load: " + e.plainMessage());
            return false;
        } catch (NoSuchFileException e) {
            errors.accept(":load: no such file: " + file);
            return false;
        } catch (IOException | RuntimeException e) {
            errors.accept(":load: cannot read " + file + ": " + e.getMessage());
            return false;
        }
        Map<String, Value> before = new LinkedHashMap<>(session.interpreter().globals().own());
        boolean ok = session.load(new Source(file, text));
        List<String> defined = new ArrayList<>();
        session.interpreter().globals().own().forEach((n, v) -> {
            if (before.get(n) != v) defined.add(n);
        });
        String names = defined.isEmpty() ? "no new names" : "defined " + String.join(", ", defined);
        println((ok ? "loaded " + file : "stopped loading " + file + " at the error") + " (" + names + ")");
        return ok;
    }

    private void println(String text) {
        out.println(text);
        out.flush();
    }
}
