package mlp.eval;

import mlp.train.Optimizer;
import mlp.value.Format;
import mlp.value.Value;

import java.util.HashMap;
import java.util.Map;

/** An optimizer called to change its settings: {@code adam(lr=0.01)}; what is not given stays. */
final class OptimizerCall extends Calls.PartCall {
    private final Optimizer optimizer;

    OptimizerCall(Optimizer optimizer) {
        super(optimizer);
        this.optimizer = optimizer;
    }

    @Override
    public Value call(Args a) {
        a.bind(Signature.of(signature()));
        Map<String, Double> changed = new HashMap<>();
        for (String setting : optimizer.settingNames()) {
            Param name = Param.of(setting, a.sig()); // the signature is made from the settings
            if (!a.has(name)) continue;
            double v = a.number(name);
            boolean belowOne = optimizer.belowOne(setting);
            if (!(v >= 0) || (belowOne && v >= 1))
                throw a.error(name, a.sig().name() + ": " + name + " must be " + (belowOne ? "in [0, 1)" : "a number >= 0")
                        + ", not " + Format.number(v));
            changed.put(setting, v);
        }
        return optimizer.with(changed);
    }

    @Override
    public String signature() {
        return optimizer.signature();
    }
}
