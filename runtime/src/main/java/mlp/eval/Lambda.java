package mlp.eval;

import mlp.MlpError;
import mlp.syntax.Expr;
import mlp.value.Value;

import java.util.List;

/** {@code x -> body}: a function with the scope it was written in. */
final class Lambda implements Callable {
    private final Expr.Lambda code;
    private final Scope closure;

    Lambda(Expr.Lambda code, Scope closure) {
        this.code = code;
        this.closure = closure;
    }

    @Override
    public Value call(Args args) {
        if (!args.namedNames().isEmpty())
            throw new MlpError(signature() + " takes no named arguments", args.callPos());
        List<String> params = code.params();
        if (args.positionalCount() != params.size())
            throw new MlpError(signature() + " takes " + params.size() + (params.size() == 1 ? " argument" : " arguments")
                    + " but was given " + args.positionalCount(), args.callPos());
        Scope scope = new Scope(closure);
        for (int i = 0; i < params.size(); i++) scope.define(params.get(i), args.positional(i));
        try {
            return args.interpreter().eval(code.body(), scope);
        } catch (MlpError e) {
            throw e.calledFrom(args.callPos());
        }
    }

    @Override
    public String signature() {
        return "lambda (" + String.join(", ", code.params()) + ")";
    }

    @Override
    public int arity() {
        return code.params().size();
    }

    @Override
    public mlp.syntax.Pos definedAt() {
        return code.pos();
    }

    @Override
    public String kind() {
        return "function";
    }

    @Override
    public String toString() {
        return "<" + signature() + ">";
    }
}
