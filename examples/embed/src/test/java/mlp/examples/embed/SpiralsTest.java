package mlp.examples.embed;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** The example keeps working: it trains, and the predictions it uses in Java are good ones. */
class SpiralsTest {
    @Test
    void theExampleLearnsTheSpirals() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        double accuracy = Spirals.run(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        String out = bytes.toString(StandardCharsets.UTF_8);
        assertTrue(accuracy > 0.95, "accuracy " + accuracy + "\n" + out);
        assertTrue(out.contains("trained: run: 1500 epochs"), out);   // the script's print reached the host's stream
        assertTrue(out.contains("epoch 1500/1500"), out);              // the host's progress listener ran
        // a 2-class map: both classes appear on it
        assertTrue(out.contains(".") && out.contains(":") && out.contains("o") && out.contains("x"), out);
    }
}
