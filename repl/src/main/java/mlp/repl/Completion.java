package mlp.repl;

import mlp.eval.Builtin;
import mlp.eval.Builtins;
import mlp.eval.Signature;
import mlp.syntax.antlr.MlpLexer;
import mlp.value.HasMembers;
import mlp.value.Value;
import org.antlr.v4.runtime.Token;
import org.jline.builtins.Completers;
import org.jline.reader.Candidate;
import org.jline.reader.Completer;
import org.jline.reader.LineReader;
import org.jline.reader.ParsedLine;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * TAB completion: the names in scope (the session's, then the built-ins and layers), the
 * {@code :commands}, the named arguments of the call the cursor is in ({@code train(model, X, y,
 * ep} → {@code epochs=}), the members after a dot, and file names after {@code :load}.
 */
final class Completion implements Completer {
    private final Session session;
    private final Completer files = new Completers.FileNameCompleter();

    Completion(Session session) {
        this.session = session;
    }

    @Override
    public void complete(LineReader reader, ParsedLine line, List<Candidate> candidates) {
        try {
            offer(reader, line, candidates);
        } catch (RuntimeException e) { // a completion that goes wrong offers nothing; the REPL goes on
            candidates.clear();
        }
    }

    private void offer(LineReader reader, ParsedLine line, List<Candidate> candidates) {
        String text = line.line();
        String lead = text.stripLeading();
        int argument = Commands.argumentStart(text);
        if (argument >= 0 && line.cursor() >= argument) {
            if (lead.startsWith(":load")) files.complete(reader, line, candidates);
            else names(line.word(), candidates, true);
            return;
        }
        if (lead.startsWith(":")) {
            for (Commands.Spec c : Commands.SPECS)
                candidates.add(new Candidate(c.name(), c.name(), "commands", c.help(), null, null, true));
            return;
        }
        Context context = Context.of(text.substring(0, line.cursor() - line.wordCursor()));
        if (context.memberOf != null) {
            if (session.interpreter().globals().lookup(context.memberOf) instanceof HasMembers h)
                for (String m : h.memberNames()) candidates.add(plain(m, "members", null));
            return;
        }
        if (context.callee != null) arguments(context, candidates);
        names(line.word(), candidates, false);
    }

    /** The named arguments of the call around the cursor that are not given yet. */
    private void arguments(Context context, List<Candidate> candidates) {
        Signature sig = signatureOf(context.callee);
        if (sig == null) return;
        List<Signature.Param> params = sig.params();
        for (int i = 0; i < params.size(); i++) {
            Signature.Param p = params.get(i);
            if (context.named.contains(p.name()) || (p.positional() && i < context.positionalGiven)) continue;
            String descr = p.required() ? "required" : p.defaultText().isEmpty() ? "optional" : "default " + p.defaultText();
            candidates.add(new Candidate(p.name() + "=", p.name() + "=", "arguments of " + context.callee, descr, null, null, false));
        }
    }

    /**
     * The signature of the built-in a name is bound to (a built-in function, or a registry value
     * such as a layer that is also a function); null for anything else (a lambda takes no names).
     */
    Signature signatureOf(String name) {
        Value v = session.interpreter().globals().lookup(name);
        if (v instanceof Builtin b) return b.sig();
        Builtins.Entry e = Builtins.standard().get(name);
        if (e != null && v == e.value() && e.signature().contains("(")) return Signature.parse(e.signature());
        return null;
    }

    private void names(String word, List<Candidate> candidates, boolean withCommands) {
        Map<String, Value> own = session.interpreter().globals().own();
        for (Map.Entry<String, Value> e : own.entrySet())
            if (!e.getKey().startsWith("(")) candidates.add(plain(e.getKey(), "names", Vars.describe(e.getValue())));
        for (Builtins.Entry e : Builtins.standard().entries().values())
            if (!own.containsKey(e.name())) candidates.add(plain(e.name(), e.category(), null));
        if (withCommands)
            for (Commands.Spec c : Commands.SPECS) candidates.add(plain(c.name(), "commands", null));
    }

    private static Candidate plain(String value, String group, String descr) {
        // complete=false: no space after a name, as "(" or "." usually follows
        return new Candidate(value, value, group, descr, null, null, false);
    }

    /**
     * What the text before the word being completed says about it: the call it is an argument of
     * (if it starts an argument) and the names already given there, or the name before a dot.
     */
    static final class Context {
        String callee;
        String memberOf;
        final Set<String> named = new HashSet<>();
        int positionalGiven;

        static Context of(String before) {
            Context c = new Context();
            List<Token> tokens = tokens(before);
            Token last = tokens.isEmpty() ? null : tokens.get(tokens.size() - 1);
            if (last != null && last.getType() == MlpLexer.DOT) {
                Token target = tokens.size() >= 2 ? tokens.get(tokens.size() - 2) : null;
                if (target != null && target.getType() == MlpLexer.ID) c.memberOf = target.getText();
                return c;
            }
            if (last == null || (last.getType() != MlpLexer.LPAREN && last.getType() != MlpLexer.COMMA)) return c;
            // find the innermost open bracket; it must be a call's "(" right after a name
            Deque<Integer> open = new ArrayDeque<>();
            for (int i = 0; i < tokens.size(); i++) {
                int type = tokens.get(i).getType();
                if (type == MlpLexer.LPAREN || type == MlpLexer.LBRACK) open.push(i);
                else if ((type == MlpLexer.RPAREN || type == MlpLexer.RBRACK) && !open.isEmpty()) open.pop();
            }
            if (open.isEmpty()) return c;
            int paren = open.peek();
            if (tokens.get(paren).getType() != MlpLexer.LPAREN || paren == 0 || tokens.get(paren - 1).getType() != MlpLexer.ID)
                return c;
            c.callee = tokens.get(paren - 1).getText();
            // the arguments already given at this call's own depth: name= ones, and how many positional
            int depth = 0;
            boolean named = false;
            for (int i = paren + 1; i < tokens.size(); i++) {
                int type = tokens.get(i).getType();
                if (type == MlpLexer.LPAREN || type == MlpLexer.LBRACK) depth++;
                else if (type == MlpLexer.RPAREN || type == MlpLexer.RBRACK) depth--;
                else if (depth == 0 && type == MlpLexer.ID && i + 1 < tokens.size()
                        && tokens.get(i + 1).getType() == MlpLexer.ASSIGN) {
                    c.named.add(tokens.get(i).getText());
                    named = true;
                } else if (depth == 0 && type == MlpLexer.COMMA) {
                    if (!named) c.positionalGiven++;
                    named = false;
                }
            }
            return c;
        }

        static List<Token> tokens(String text) {
            return Highlighting.tokens(text).stream().filter(t -> t.getType() != MlpLexer.NL).toList();
        }
    }
}
