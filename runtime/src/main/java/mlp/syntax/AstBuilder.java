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
        if (ctx instanceof MlpParser.AssignContext a)
            return new Stmt.Assign(pos(a.ID().getSymbol()), a.ID().getText(), expr(a.expr()));
        if (ctx instanceof MlpParser.DestructureContext d) {
            List<String> names = new ArrayList<>();
            for (TerminalNode id : d.ID()) {
                if (names.contains(id.getText()))
                    throw new MlpError("the name '" + id.getText() + "' appears twice", pos(id.getSymbol()));
                names.add(id.getText());
            }
            return new Stmt.Destructure(pos(d.getStart()), names, expr(d.expr()));
        }
        MlpParser.ExprStatementContext e = (MlpParser.ExprStatementContext) ctx;
        Expr expr = expr(e.expr());
        return new Stmt.Eval(expr.pos(), expr);
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

    @Override
    public Expr visitList(MlpParser.ListContext ctx) {
        List<Expr> items = new ArrayList<>();
        for (MlpParser.ExprContext e : ctx.expr()) items.add(expr(e));
        return new Expr.ListLit(pos(ctx.getStart()), items);
    }

    @Override
    public Expr visitParen(MlpParser.ParenContext ctx) {
        return expr(ctx.expr());
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
        return new Expr.Slice(pos(s.getStart()), s.start == null ? null : expr(s.start),
                s.stop == null ? null : expr(s.stop));
    }
}
