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
            for (String name : l.settingNames()) {
                if (!args.has(name)) continue;
                double v = args.number(name);
                if (!(v > 0) || Double.isInfinite(v))
                    throw args.error(name, signature.name() + ": " + name + " must be a number > 0, not " + Format.number(v));
                changed.put(name, v);
            }
            l = l.with(changed);
        }
        if (args.get("pred") instanceof mlp.train.Scorable s) { // distributed predictions reduce where they are
            try {
                return new Num(s.loss(l, args.get("y")));
            } catch (MlpError e) {
                throw e.pos() != null ? e : args.error("y", signature + ": " + e.plainMessage());
            }
        }
        Tensor p = args.tensor("pred"), y = args.tensor("y");
        String why = l.mismatch(p.rows(), p.cols(), y.data(), "pred");
        if (why != null) throw args.error("y", signature + ": " + why);
        if (p.rows() == 0) throw args.error("pred", signature + ": pred is empty");
        String bad = l.badPrediction(p.data().data);
        if (bad != null) throw args.error("pred", bad);
        Node out = l.build(Ops.transpose(p.node()), Ops.transpose(y.node()));
        if (out.requiresGrad()) return new Tensor(out);
        return new Num(out.value.data[0]);
    }

    @Override
    public String signature() {
        return loss.signature();
    }
}
