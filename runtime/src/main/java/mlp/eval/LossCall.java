package mlp.eval;

import mlp.autograd.Node;
import mlp.autograd.Ops;
import mlp.train.Loss;
import mlp.MlpError;
import mlp.value.Format;
import mlp.value.Num;
import mlp.value.Tensor;
import mlp.value.Value;

import java.util.HashMap;
import java.util.Map;

/** A loss called as a function: {@code mse(model(X), y)} gives a number (a tensor under grad). */
final class LossCall extends Calls.PartCall {
    /** The pred and y of every registered loss, checked once. */
    private static final Param PRED = Param.of("pred", registered()), Y = Param.of("y", registered());

    private static Signature[] registered() {
        return mlp.train.Losses.ALL.stream().map(l -> Signature.of(l.signature())).toArray(Signature[]::new);
    }

    private final Loss loss;

    LossCall(Loss loss) {
        super(loss);
        this.loss = loss;
    }

    @Override
    public Value call(Args args) {
        Signature signature = Signature.of(signature());
        args.bind(signature);
        Loss l = loss;
        if (!l.settingNames().isEmpty()) {
            Map<String, Double> changed = new HashMap<>();
            for (String setting : l.settingNames()) {
                Param name = Param.of(setting, signature); // the signature is made from the settings
                if (!args.has(name)) continue;
                double v = args.number(name);
                if (!(v > 0) || Double.isInfinite(v))
                    throw args.error(name, signature.name() + ": " + name + " must be a number > 0, not " + Format.number(v));
                changed.put(setting, v);
            }
            l = l.with(changed);
        }
        if (args.get(PRED) instanceof mlp.train.Scorable s) { // distributed predictions reduce where they are
            try {
                return new Num(s.loss(l, args.get(Y)));
            } catch (MlpError e) {
                throw e.pos() != null ? e : args.error(Y, signature + ": " + e.plainMessage());
            }
        }
        Tensor p = args.tensor(PRED), y = args.tensor(Y);
        String why = l.mismatch(p.rows(), p.cols(), y.data(), "pred");
        if (why != null) throw args.error(Y, signature + ": " + why);
        if (p.rows() == 0) throw args.error(PRED, signature + ": pred is empty");
        String bad = l.badPrediction(p.data().data);
        if (bad != null) throw args.error(PRED, bad);
        Node out = l.build(Ops.transpose(p.node()), Ops.transpose(y.node()));
        if (out.requiresGrad()) return new Tensor(out);
        return new Num(out.value.data[0]);
    }

    @Override
    public String signature() {
        return loss.signature();
    }
}
