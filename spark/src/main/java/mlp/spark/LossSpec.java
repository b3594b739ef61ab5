package mlp.spark;

import mlp.train.Loss;
import mlp.train.Losses;

import java.io.Serializable;
import java.util.HashMap;

/** A loss as it travels to the executors: its name and settings (huber's delta), made a Loss again there. */
record LossSpec(String name, HashMap<String, Double> settings) implements Serializable {
    static LossSpec of(Loss loss) {
        HashMap<String, Double> s = new HashMap<>();
        for (String n : loss.settingNames()) s.put(n, loss.setting(n));
        return new LossSpec(loss.name(), s);
    }

    Loss loss() {
        Loss l = Losses.named(name);
        return settings.isEmpty() ? l : l.with(settings);
    }
}
