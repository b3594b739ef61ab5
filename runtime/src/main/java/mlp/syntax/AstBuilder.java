package mlp.syntax;

import mlp.MlpError;
import mlp.syntax.antlr.MlpBaseVisitor;
import mlp.syntax.antlr.MlpParser;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.tree.TerminalNode;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/** Builds the immutable {@link Expr}/{@link Stmt} tree from ANTLR's parse tree. */
final class AstBuilder extends MlpBaseVisitor<Expr> {
    private final Source source;

    AstBuilder(Source source) {
        this.source = source;
    }

    List<Stmt> program(MlpParser.ProgramContext ctx) {
        List<Stmt> out = new ArrayList<>();
        for (MlpParser.StatementContext s : ctx.statement()) out.add(statement(s));
        return out;
    }

    private Stmt statement(MlpParser.StatementContext ctx) {
        if (ctx instanceof MlpParser.CompoundContext c)
            return new Stmt.Compound(pos(c.op), c.ID().getText(), Op.of(c.op.getText().substring(0, 1)), expr(c.expr()));
        if (ctx instanceof MlpParser.ForContext f) return forLoop(f);
        MlpParser.ExprStatementContext e = (MlpParser.ExprStatementContext) ctx;
        Expr expr = expr(e.target);
        if (e.value == null) return new Stmt.Eval(expr.pos(), expr);
        return assignment(expr, ((TerminalNode) e.getChild(1)).getSymbol(), e.value);
    }

    /**
     * {@code target = value}: a name, a list of names ({@code [a, b] = ...}), or a member
     * ({@code model[0].weight = ...}); anything else is an error at the '='.
     */
    private Stmt assignment(Expr target, Token assign, MlpParser.ExprContext valueCtx) {
        if (target instanceof Expr.Name n) return new Stmt.Assign(n.pos(), n.name(), expr(valueCtx));
        if (target instanceof Expr.ListLit l && !l.items().isEmpty() && l.items().stream().allMatch(i -> i instanceof Expr.Name)) {
            List<String> names = new ArrayList<>();
            for (Expr item : l.items()) {
                String name = ((Expr.Name) item).name();
                if (names.contains(name)) throw new MlpError("the name '" + name + "' appears twice", item.pos());
                names.add(name);
            }
            return new Stmt.Destructure(l.pos(), names, expr(valueCtx));
        }
        if (target instanceof Expr.Member m)
            return new Stmt.SetMember(pos(assign), m.target(), m.name(), expr(valueCtx));
        if (target instanceof Expr.Index)
            throw new MlpError("tensors cannot be changed in place: build a new one (e.g. with where(mask, a, b))", pos(assign));
        throw new MlpError("only a name or a list of names like [a, b] can be assigned to", pos(assign));
    }

    private Stmt forLoop(MlpParser.ForContext f) {
        List<String> names = new ArrayList<>();
        for (TerminalNode id : f.ID()) {
            if (names.contains(id.getText()))
                throw new MlpError("the name '" + id.getText() + "' appears twice", pos(id.getSymbol()));
            names.add(id.getText());
        }
        boolean unpack = f.getChild(1) instanceof TerminalNode n && n.getSymbol().getType() == mlp.syntax.antlr.MlpLexer.LBRACK;
        return new Stmt.For(pos(f.getStart()), names, unpack, expr(f.expr()), block(f.block()));
    }

    Expr.Block block(MlpParser.BlockContext ctx) {
        int saved = listDepth;
        listDepth = 0;
        try {
            List<Stmt> body = new ArrayList<>();
            for (MlpParser.StatementContext s : ctx.statement()) body.add(statement(s));
            return new Expr.Block(pos(ctx.getStart()), body);
        } finally {
            listDepth = saved;
        }
    }

    @Override
    public Expr visitBlockExpr(MlpParser.BlockExprContext ctx) {
        return block(ctx.block());
    }

    @Override
    public Expr visitConditional(MlpParser.ConditionalContext ctx) {
        return ifExpr(ctx.ifExpr());
    }

    private Expr ifExpr(MlpParser.IfExprContext ctx) {
        int saved = listDepth;
        listDepth = 0;
        try {
            Expr otherwise = ctx.ifExpr() != null ? ifExpr(ctx.ifExpr()) : ctx.otherwise != null ? block(ctx.otherwise) : null;
            return new Expr.If(pos(ctx.getStart()), expr(ctx.cond), block(ctx.then), otherwise);
        } finally {
            listDepth = saved;
        }
    }

    private Pos pos(Token t) {
        return SourceParser.pos(source, t);
    }

    @Override
    public Expr visitNumber(MlpParser.NumberContext ctx) {
        double v = Double.parseDouble(ctx.getText());
        if (Double.isInfinite(v)) {
            String text = ctx.getText();
            throw new MlpError("number too large: " + (text.length() > 40 ? text.substring(0, 30) + "... (" + text.length()
                    + " characters)" : text) + " (the largest is about 1.8e308)", pos(ctx.getStart()));
        }
        return new Expr.Num(pos(ctx.getStart()), v);
    }

    @Override
    public Expr visitString(MlpParser.StringContext ctx) {
        String raw = ctx.getText();
        StringBuilder s = new StringBuilder(raw.length());
        for (int i = 1; i < raw.length() - 1; i++) {
            char c = raw.charAt(i);
            if (c != '\\') {
                s.append(c);
                continue;
            }
            char n = raw.charAt(++i);
            switch (n) {
                case '"', '\\' -> s.append(n);
                case 'n' -> s.append('\n');
                case 't' -> s.append('\t');
                default -> throw new MlpError("unknown escape '\\" + n + "' in a string (use \\\" \\\\ \\n or \\t)",
                        source.pos(ctx.getStart().getStartIndex() + raw.codePointCount(0, i - 1)));
            }
        }
        return new Expr.Str(pos(ctx.getStart()), s.toString());
    }

    @Override
    public Expr visitBool(MlpParser.BoolContext ctx) {
        return new Expr.Bool(pos(ctx.getStart()), ctx.TRUE() != null);
    }

    @Override
    public Expr visitName(MlpParser.NameContext ctx) {
        return new Expr.Name(pos(ctx.getStart()), ctx.getText());
    }

    /**
     * How many bracket literals the expression being built sits in (reset inside brackets of
     * calls, parentheses and blocks): a literal indexed there is a missing comma between rows.
     */
    private int listDepth;

    @Override
    public Expr visitList(MlpParser.ListContext ctx) {
        List<Expr> items = new ArrayList<>();
        listDepth++;
        try {
            for (MlpParser.ExprContext e : ctx.expr()) items.add(expr(e));
        } finally {
            listDepth--;
        }
        return new Expr.ListLit(pos(ctx.getStart()), items);
    }

    @Override
    public Expr visitParen(MlpParser.ParenContext ctx) {
        int saved = listDepth;
        listDepth = 0;
        try {
            return expr(ctx.expr());
        } finally {
            listDepth = saved;
        }
    }

    @Override
    public Expr visitLambda(MlpParser.LambdaContext ctx) {
        List<String> params = new ArrayList<>();
        for (TerminalNode id : ctx.params().ID()) {
            if (params.contains(id.getText()))
                throw new MlpError("the parameter '" + id.getText() + "' appears twice", pos(id.getSymbol()));
            params.add(id.getText());
        }
        return new Expr.Lambda(pos(ctx.getStart()), params, expr(ctx.expr()));
    }

    /**
     * An expression. Left-associative chains ({@code a + b + c}, {@code x |> f |> g},
     * {@code f(1)(2)}, {@code a.b.c}, {@code x''}) nest on their left, as deep as they are long:
     * their left side is walked in a loop, so that a chain of 100,000 operators builds without
     * 100,000 levels of recursion.
     */
    Expr expr(MlpParser.ExprContext ctx) {
        Deque<MlpParser.ExprContext> chain = new ArrayDeque<>();
        MlpParser.ExprContext c = ctx;
        for (MlpParser.ExprContext left = leftOperand(c); left != null; left = leftOperand(c)) {
            chain.push(c);
            c = left;
        }
        Expr e = c.accept(this);
        while (!chain.isEmpty()) e = extend(chain.pop(), e);
        return e;
    }

    private static MlpParser.ExprContext leftOperand(MlpParser.ExprContext c) {
        if (c instanceof MlpParser.CallContext x) return x.expr();
        if (c instanceof MlpParser.IndexingContext x) return x.expr();
        if (c instanceof MlpParser.MemberContext x) return x.expr();
        if (c instanceof MlpParser.TransposeContext x) return x.expr();
        if (c instanceof MlpParser.MultiplyContext x) return x.expr(0);
        if (c instanceof MlpParser.AddContext x) return x.expr(0);
        if (c instanceof MlpParser.CompareContext x) return x.expr(0);
        if (c instanceof MlpParser.PipeContext x) return x.expr(0);
        return null;
    }

    /** One link of a chain, given its left side already built. */
    private Expr extend(MlpParser.ExprContext c, Expr left) {
        if (c instanceof MlpParser.CallContext x) return call(x, left);
        if (c instanceof MlpParser.IndexingContext x) return indexing(x, left);
        if (c instanceof MlpParser.MemberContext x) return new Expr.Member(pos(x.ID().getSymbol()), left, x.ID().getText());
        if (c instanceof MlpParser.TransposeContext x) return new Expr.Transpose(pos(x.getStop()), left);
        if (c instanceof MlpParser.MultiplyContext x) return binary(x.op, left, x.expr(1));
        if (c instanceof MlpParser.AddContext x) return binary(x.op, left, x.expr(1));
        if (c instanceof MlpParser.CompareContext x) return binary(x.op, left, x.expr(1));
        MlpParser.PipeContext x = (MlpParser.PipeContext) c;
        return binary(((TerminalNode) x.getChild(1)).getSymbol(), left, x.expr(1));
    }

    @Override
    public Expr visitPower(MlpParser.PowerContext ctx) {
        // ** is spelled ^ inside the tree: one operator, two spellings
        return new Expr.Binary(pos(ctx.op), Op.POW, expr(ctx.expr(0)), expr(ctx.expr(1)));
    }

    private Expr binary(Token op, Expr left, MlpParser.ExprContext right) {
        return new Expr.Binary(pos(op), Op.of(op.getText()), left, expr(right));
    }

    @Override
    public Expr visitNegate(MlpParser.NegateContext ctx) {
        return new Expr.Negate(pos(ctx.getStart()), expr(ctx.expr()));
    }

    private Expr call(MlpParser.CallContext ctx, Expr callee) {
        int saved = listDepth;
        listDepth = 0;
        try {
            return callWithArgs(ctx, callee);
        } finally {
            listDepth = saved;
        }
    }

    private Expr callWithArgs(MlpParser.CallContext ctx, Expr callee) {
        List<Expr.Arg> args = new ArrayList<>();
        if (ctx.arguments() != null) {
            for (MlpParser.ArgumentContext a : ctx.arguments().argument()) {
                if (a instanceof MlpParser.NamedArgumentContext n) {
                    String name = n.ID().getText();
                    for (Expr.Arg seen : args)
                        if (name.equals(seen.name()))
                            throw new MlpError("the argument '" + name + "' is given twice", pos(n.ID().getSymbol()));
                    args.add(new Expr.Arg(pos(n.ID().getSymbol()), name, expr(n.expr())));
                } else {
                    MlpParser.PositionalArgumentContext p = (MlpParser.PositionalArgumentContext) a;
                    if (!args.isEmpty() && args.get(args.size() - 1).name() != null)
                        throw new MlpError("a positional argument cannot follow named ones", pos(p.getStart()));
                    Expr value = expr(p.expr());
                    args.add(new Expr.Arg(value.pos(), null, value));
                }
            }
        }
        return new Expr.Call(callee.pos(), callee, args);
    }

    private Expr indexing(MlpParser.IndexingContext ctx, Expr target) {
        // [[1, 2] [3, 4]] (a comma forgotten between rows) would index the first row by the second
        if (listDepth > 0 && ctx.expr() instanceof MlpParser.ListContext)
            throw new MlpError("missing ',' between rows?", pos(ctx.getChild(TerminalNode.class, 0).getSymbol()));
        int saved = listDepth;
        listDepth = 0;
        try {
            return indexingWith(ctx, target);
        } finally {
            listDepth = saved;
        }
    }

    private Expr indexingWith(MlpParser.IndexingContext ctx, Expr target) {
        Expr.Selector rows = selector(ctx.index(0));
        Expr.Selector cols = ctx.index().size() > 1 ? selector(ctx.index(1)) : null;
        return new Expr.Index(pos(ctx.getChild(TerminalNode.class, 0).getSymbol()), target, rows, cols);
    }

    private Expr.Selector selector(MlpParser.IndexContext ctx) {
        if (ctx instanceof MlpParser.AtContext at) {
            Expr e = expr(at.expr());
            return new Expr.At(e.pos(), e);
        }
        MlpParser.SliceContext s = (MlpParser.SliceContext) ctx;
        if (s.COLON().size() > 1)
            return new Expr.StepSlice(pos(s.getStart()), s.start == null ? null : expr(s.start),
                    s.stop == null ? null : expr(s.stop), s.step == null ? null : expr(s.step));
        return new Expr.Slice(pos(s.getStart()), s.start == null ? null : expr(s.start),
                s.stop == null ? null : expr(s.stop));
    }
}
