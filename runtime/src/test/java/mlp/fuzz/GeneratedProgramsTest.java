package mlp.fuzz;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;

/**
 * Property tests with fixed seeds (the same programs on every run, a few seconds in all):
 * every generated program satisfies {@link Harness}'s property — it runs, or stops with an
 * MlpError positioned inside it; nothing else escapes, nothing hangs. On a failure QuickTheories
 * shrinks the program and prints it. A longer run: {@code -Dmlp.fuzz.examples=100000}.
 */
class GeneratedProgramsTest {
    static final int EXAMPLES = Integer.getInteger("mlp.fuzz.examples", 1500);
    static final long SEED = Long.getLong("mlp.fuzz.seed", 20_261_128L);

    @Test
    void grammarAwareProgramsRunOrFailCleanly() {
        int[] errors = {0};
        qt().withFixedSeed(SEED).withExamples(EXAMPLES).forAll(Programs.grammar())
                .checkAssert(p -> {
                    if (!Harness.run(p).ok()) errors[0]++;
                });
        // the generator reaches past the first error often enough to be worth running
        assertTrue(errors[0] < EXAMPLES, errors[0] + " of " + EXAMPLES + " programs failed");
    }

    @Test
    void aSessionGoesOnAfterEachError() {
        int[] failed = {0}, pieces = {0};
        qt().withFixedSeed(SEED + 1).withExamples(EXAMPLES / 3).forAll(Programs.grammar()).checkAssert(p -> {
            java.util.List<String> lines = java.util.List.of(p.split("\n"));
            pieces[0] += lines.size();
            failed[0] += Harness.session(lines);
        });
        assertTrue(failed[0] < pieces[0] / 2, failed[0] + " of " + pieces[0] + " statements failed");
    }

    /** Found by a 20,000-example run (seed 13): a function defined on one line fails when a later line calls it. */
    @Test
    void anErrorInAFunctionOfAnEarlierLineLeadsBackToTheLineThatCalledIt() {
        int failed = Harness.session(java.util.List.of("X = x -> 0 + seed(n=0, epoch=0)", "print(0 |> X)"));
        assertTrue(failed == 1, failed + " statements failed");
    }

    @Test
    void tokenSequencesParseOrFailCleanly() {
        qt().withFixedSeed(SEED).withExamples(EXAMPLES * 2).forAll(Programs.tokens()).checkAssert(Harness::run);
    }

    @Test
    void mutationsOfTheExampleScriptsRunOrFailCleanly() {
        assertTrue(Programs.SEEDS.size() >= 5, "the scripts and the golden corpus are found: " + Programs.SEEDS.size());
        qt().withFixedSeed(SEED).withExamples(EXAMPLES).forAll(Programs.mutants()).checkAssert(Harness::run);
    }
}
