package mlp.syntax;

import mlp.MlpError;
import mlp.syntax.antlr.MlpBaseVisitor;
import mlp.syntax.antlr.MlpParser;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.tree.TerminalNode;

import java.util.ArrayList;
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
            return new Stmt.Assign(pos(a.ID().getSymbol()), a.ID().getText(), visit(a.expr()));
        if (ctx instanceof MlpParser.DestructureContext d) {
            List<String> names = new ArrayList<>();
            for (TerminalNode id : d.ID()) {
                if (names.contains(id.getText()))
                    throw new MlpError("the name '" + id.getText() + "' appears twice", pos(id.getSymbol()));
                names.add(id.getText());
            }
            return new Stmt.Destructure(pos(d.getStart()), names, visit(d.expr()));
        }
        MlpParser.ExprStatementContext e = (MlpParser.ExprStatementContext) ctx;
        Expr expr = visit(e.expr());
        return new Stmt.Eval(expr.pos(), expr);
    }

    private Pos pos(Token t) {
        return SourceParser.pos(source, t);
    }

    @Override
    public Expr visitNumber(MlpParser.NumberContext ctx) {
        double v = Double.parseDouble(ctx.getText());
        if (Double.isInfinite(v)) throw new MlpError("number too large: " + ctx.getText(), pos(ctx.getStart()));
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
                        new Pos(source, ctx.getStart().getLine(), ctx.getStart().getCharPositionInLine() + i));
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
        for (MlpParser.ExprContext e : ctx.expr()) items.add(visit(e));
        return new Expr.ListLit(pos(ctx.getStart()), items);
    }

    @Override
    public Expr visitParen(MlpParser.ParenContext ctx) {
        return visit(ctx.expr());
    }

    @Override
    public Expr visitLambda(MlpParser.LambdaContext ctx) {
        List<String> params = new ArrayList<>();
        for (TerminalNode id : ctx.params().ID()) {
            if (params.contains(id.getText()))
                throw new MlpError("the parameter '" + id.getText() + "' appears twice", pos(id.getSymbol()));
            params.add(id.getText());
        }
        return new Expr.Lambda(pos(ctx.getStart()), params, visit(ctx.expr()));
    }

    @Override
    public Expr visitPipe(MlpParser.PipeContext ctx) {
        return binary(ctx.getChild(1), ctx.expr(0), ctx.expr(1));
    }

    @Override
    public Expr visitCompare(MlpParser.CompareContext ctx) {
        return binary(ctx.op, ctx.expr(0), ctx.expr(1));
    }

    @Override
    public Expr visitAdd(MlpParser.AddContext ctx) {
        return binary(ctx.op, ctx.expr(0), ctx.expr(1));
    }

    @Override
    public Expr visitMultiply(MlpParser.MultiplyContext ctx) {
        return binary(ctx.op, ctx.expr(0), ctx.expr(1));
    }

    @Override
    public Expr visitPower(MlpParser.PowerContext ctx) {
        // ** is spelled ^ inside the tree: one operator, two spellings
        return new Expr.Binary(pos(ctx.op), "^", visit(ctx.expr(0)), visit(ctx.expr(1)));
    }

    private Expr binary(Object op, MlpParser.ExprContext left, MlpParser.ExprContext right) {
        Token t = op instanceof Token tok ? tok : ((TerminalNode) op).getSymbol();
        return new Expr.Binary(pos(t), t.getText(), visit(left), visit(right));
    }

    @Override
    public Expr visitNegate(MlpParser.NegateContext ctx) {
        return new Expr.Negate(pos(ctx.getStart()), visit(ctx.expr()));
    }

    @Override
    public Expr visitTranspose(MlpParser.TransposeContext ctx) {
        return new Expr.Transpose(pos(ctx.getStop()), visit(ctx.expr()));
    }

    @Override
    public Expr visitMember(MlpParser.MemberContext ctx) {
        return new Expr.Member(pos(ctx.ID().getSymbol()), visit(ctx.expr()), ctx.ID().getText());
    }

    @Override
    public Expr visitCall(MlpParser.CallContext ctx) {
        Expr callee = visit(ctx.expr());
        List<Expr.Arg> args = new ArrayList<>();
        if (ctx.arguments() != null) {
            for (MlpParser.ArgumentContext a : ctx.arguments().argument()) {
                if (a instanceof MlpParser.NamedArgumentContext n) {
                    String name = n.ID().getText();
                    for (Expr.Arg seen : args)
                        if (name.equals(seen.name()))
                            throw new MlpError("the argument '" + name + "' is given twice", pos(n.ID().getSymbol()));
                    args.add(new Expr.Arg(pos(n.ID().getSymbol()), name, visit(n.expr())));
                } else {
                    MlpParser.PositionalArgumentContext p = (MlpParser.PositionalArgumentContext) a;
                    if (!args.isEmpty() && args.get(args.size() - 1).name() != null)
                        throw new MlpError("a positional argument cannot follow named ones", pos(p.getStart()));
                    Expr value = visit(p.expr());
                    args.add(new Expr.Arg(value.pos(), null, value));
                }
            }
        }
        return new Expr.Call(callee.pos(), callee, args);
    }

    @Override
    public Expr visitIndexing(MlpParser.IndexingContext ctx) {
        Expr target = visit(ctx.expr());
        Expr.Selector rows = selector(ctx.index(0));
        Expr.Selector cols = ctx.index().size() > 1 ? selector(ctx.index(1)) : null;
        return new Expr.Index(pos(ctx.getChild(org.antlr.v4.runtime.tree.TerminalNode.class, 0).getSymbol()), target, rows, cols);
    }

    private Expr.Selector selector(MlpParser.IndexContext ctx) {
        if (ctx instanceof MlpParser.AtContext at) {
            Expr e = visit(at.expr());
            return new Expr.At(e.pos(), e);
        }
        MlpParser.SliceContext s = (MlpParser.SliceContext) ctx;
        return new Expr.Slice(pos(s.getStart()), s.start == null ? null : visit(s.start),
                s.stop == null ? null : visit(s.stop));
    }
}
