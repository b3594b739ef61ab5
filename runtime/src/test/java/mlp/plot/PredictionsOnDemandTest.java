package mlp.plot;

import mlp.Mlp;
import mlp.syntax.Source;
import mlp.train.Run;
import mlp.train.TrainingListener;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

import java.io.StringWriter;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** What a listener that asks for the predictions only now and then (as the live window does) gets from train. */
class PredictionsOnDemandTest {
    private static final String TRAIN = "seed(3)\nX = randn(20, 2)\ny = X * 2 + 1\n"
            + "train(linear(2, 2), X, y, epochs=100, lr=0.05, progress=false, frames=";

    @Test
    void theEpochsAListenerAsksForGetThatEpochsPredictions() {
        Map<Integer, DMatrixRMaj> asked = new HashMap<>();
        var interpreter = Mlp.interpreter(new StringWriter());
        interpreter.settings().trainingListener(new TrainingListener() {
            @Override
            public void epoch(int epoch, double loss, Supplier<DMatrixRMaj> predictions) {
                if (epoch == 1 || epoch == 37 || epoch == 99) asked.put(epoch, predictions.get().copy());
            }
        });
        interpreter.run(new Source("t.mlp", TRAIN + "2)")); // keeps only the start and epoch 100: 37 and 99 are made on demand
        // the same run again, keeping every epoch, to compare with
        Run every = (Run) Mlp.interpreter(new StringWriter()).run(new Source("t.mlp", TRAIN + "101)"));
        assertEquals(3, asked.size());
        for (int epoch : asked.keySet()) {
            int frame = every.frameEpochs().indexOf(epoch);
            assertArrayEquals(every.frames().get(frame).data, asked.get(epoch).data, 0, "epoch " + epoch);
        }
    }
}
