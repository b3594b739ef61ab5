package mlp.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;

import java.nio.charset.StandardCharsets;

/**
 * Coverage-guided fuzzing of the whole language with Jazzer: the input's bytes, read as UTF-8,
 * are parsed and run; {@link Harness} checks the property (an MlpError inside the source, or
 * success; nothing else, no hang). Without JAZZER_FUZZ this replays the inputs in
 * {@code src/test/resources/mlp/fuzz/InterpreterFuzzTestInputs/} (seeds and past findings); see
 * README.md in this folder for a real fuzzing run.
 */
class InterpreterFuzzTest {
    @FuzzTest(maxDuration = "10m")
    void run(byte[] input) {
        Harness.run(new String(input, StandardCharsets.UTF_8));
    }

    @FuzzTest(maxDuration = "10m")
    void parse(byte[] input) {
        Harness.parse(new String(input, StandardCharsets.UTF_8));
    }
}
