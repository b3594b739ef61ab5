package mlp.eval;

import mlp.MlpError;
import mlp.autograd.Ops;
import mlp.syntax.Expr;
import mlp.syntax.Stmt;
import mlp.value.Bool;
import mlp.value.ListValue;
import mlp.value.MemberSettable;
import mlp.value.Num;
import mlp.value.Tensor;
import mlp.value.Value;

import java.util.ArrayList;
import java.util.List;

/**
 * Blocks and control flow: {@code { ... }}, {@code if}/{@code else}, {@code for}, the compound
 * assignments {@code += -= *= /=} and {@code target.member = value}. Blocks and loops run in the
 * scope they are written in (a name bound inside is visible after); only a lambda call opens a
 * scope of its own.
 */
final class Blocks {
    private Blocks() {
    }

    /** A block's value: its last statement's (nothing when that is an assignment or a loop). */
    static Value block(Interpreter in, Expr.Block b, Scope scope) {
        Value last = null;
        for (Stmt s : b.body()) {
            if (in.cancellation().requested()) throw new MlpError("cancelled", s.pos());
            last = in.execute(s, scope);
        }
        return last;
    }

    /** {@code if c { } else if d { } else { }}: the value of the block taken, nothing when none is. */
    static Value conditional(Interpreter in, Expr.If i, Scope scope) {
        for (Expr e = i; ; ) {
            Expr.If branch = (Expr.If) e;
            if (truth(in, in.value(branch.cond(), scope), branch.cond()))
                return block(in, branch.then(), scope);
            e = branch.otherwise();
            if (e == null) return null;
            if (e instanceof Expr.Block b) return block(in, b, scope);
        }
    }

    /** A condition: a boolean, a number (non-zero is true) or a 1×1 tensor. */
    static boolean truth(Interpreter in, Value v, Expr where) {
        if (v instanceof Bool b) return b.value();
        if (v instanceof Num n) return n.value() != 0;
        if (v instanceof Tensor t && t.rows() == 1 && t.cols() == 1) {
            if (in.compiling() && t.node().requiresGrad())
                throw new MlpError("a condition inside a function layer or loss cannot depend on its input: the training"
                        + " graph is built once (use where(c, a, b) to choose elementwise)", where.pos());
            return t.get(0, 0) != 0;
        }
        String hint = v instanceof Tensor ? " (it has several elements: compare a number, e.g. sum(x > 0) > 0, or choose"
                + " elementwise with where(c, a, b))" : "";
        throw new MlpError("a condition must be true or false, a number or a 1×1 tensor, not "
                + Interpreter.describe(v) + hint, where.pos());
    }

    /** {@code for x in xs { }}: a list's items; a one-row or one-column tensor's numbers; else its rows. */
    static Value forLoop(Interpreter in, Stmt.For f, Scope scope) {
        Value items = in.value(f.items(), scope);
        List<Value> each = items(items, f);
        for (Value item : each) {
            if (in.cancellation().requested()) throw new MlpError("cancelled", f.pos());
            if (f.unpack()) unpack(item, f, scope);
            else scope.define(f.names().get(0), item);
            block(in, f.body(), scope);
        }
        return null;
    }

    /** What {@code for} walks in a value. */
    static List<Value> items(Value v, Stmt.For f) {
        List<Value> out = new ArrayList<>();
        if (v instanceof ListValue l) return l.items();
        if (v instanceof Tensor t) {
            if (t.rows() == 1 || t.cols() == 1) {
                for (int r = 0; r < t.rows(); r++)
                    for (int c = 0; c < t.cols(); c++) out.add(t.node().requiresGrad()
                            ? new Tensor(Ops.slice(t.node(), r, r + 1, c, c + 1)) : new Num(t.get(r, c)));
            } else {
                for (int r = 0; r < t.rows(); r++) out.add(new Tensor(Ops.slice(t.node(), r, r + 1, 0, t.cols())));
            }
            return out;
        }
        String hint = v instanceof Num n && n.value() == Math.rint(n.value()) && n.value() > 0
                ? " (to count, write range(" + n + "))" : "";
        throw new MlpError("for walks the items of a list or a tensor, not " + Interpreter.describe(v) + hint, f.items().pos());
    }

    private static void unpack(Value item, Stmt.For f, Scope scope) {
        List<Value> parts;
        if (item instanceof ListValue l) parts = l.items();
        else if (item instanceof Tensor t && t.rows() == 1) {
            parts = new ArrayList<>();
            for (int c = 0; c < t.cols(); c++) parts.add(new Num(t.get(0, c)));
        } else
            throw new MlpError("cannot unpack " + Interpreter.describe(item) + " into " + f.names().size()
                    + " names; each item must be a list", f.items().pos());
        if (parts.size() != f.names().size())
            throw new MlpError("an item has " + parts.size() + (parts.size() == 1 ? " value" : " values")
                    + " but the loop names " + f.names().size(), f.items().pos());
        for (int i = 0; i < parts.size(); i++) scope.define(f.names().get(i), parts.get(i));
    }

    /** {@code x += e}: x op e, bound in the current scope. */
    static Value compound(Interpreter in, Stmt.Compound c, Scope scope) {
        Value old = scope.lookup(c.name());
        if (old == null)
            throw new MlpError("'" + c.name() + " " + c.op() + "=' needs a value for '" + c.name() + "' first (unknown name)", c.pos());
        Value right = in.value(c.value(), scope);
        Value result;
        try {
            result = Operators.binary(c.op(), old, right);
        } catch (MlpError e) {
            throw e.at(c.pos());
        }
        scope.define(c.name(), result);
        return null;
    }

    /** {@code target.name = value}: a layer's parameter, same shape as before. */
    static Value setMember(Interpreter in, Stmt.SetMember m, Scope scope) {
        Value target = in.value(m.target(), scope);
        Value value = in.value(m.value(), scope);
        if (!(target instanceof MemberSettable s))
            throw new MlpError(Interpreter.describe(target) + " has no member '" + m.name() + "' that can be set", m.pos());
        try {
            s.setMember(m.name(), value);
        } catch (MlpError e) {
            throw e.at(m.value().pos());
        }
        return null;
    }
}
