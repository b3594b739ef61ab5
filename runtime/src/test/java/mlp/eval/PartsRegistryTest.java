package mlp.eval;

import mlp.Mlp;
import mlp.nn.Activation;
import mlp.nn.Activations;
import mlp.train.Loss;
import mlp.train.Losses;
import mlp.train.Optimizer;
import mlp.train.Optimizers;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Activations, losses and optimizers are each listed once (Activations.ALL, Losses.ALL,
 * Optimizers.ALL); the built-ins, their help and train's error messages come from those lists.
 */
class PartsRegistryTest {
    private static Builtins.Entry entry(String name) {
        Builtins.Entry e = Builtins.standard().get(name);
        assertTrue(e != null, name + " is a built-in");
        return e;
    }

    @Test
    void everyListedPartIsABuiltInWithItsOwnHelp() {
        for (Activation a : Activations.ALL) {
            assertSame(a, entry(a.name()).value());
            assertEquals(a.help(), entry(a.name()).help());
            assertEquals("Layers", entry(a.name()).category());
        }
        for (Loss l : Losses.ALL) {
            assertSame(l, entry(l.name()).value());
            assertEquals(l.help(), entry(l.name()).help());
            assertEquals(l.signature(), entry(l.name()).signature());
        }
        for (Optimizer o : Optimizers.ALL) {
            assertSame(o, entry(o.name()).value());
            assertEquals(o.help(), entry(o.name()).help());
            assertEquals(o.signature(), entry(o.name()).signature());
        }
    }

    @Test
    void trainNamesEveryLossAndOptimizerWhenGivenAnother() {
        String loss = Mlp.fail("train(linear(1, 1), [[1]], [[1]], loss=\"nope\")").plainMessage();
        for (Loss l : Losses.ALL) assertTrue(loss.contains(l.name()), loss);
        String opt = Mlp.fail("train(linear(1, 1), [[1]], [[1]], optimizer=\"nope\")").plainMessage();
        for (Optimizer o : Optimizers.ALL) assertTrue(opt.contains(o.name() + "(...)"), opt);
        String help = entry("train").help();
        for (Loss l : Losses.ALL) assertTrue(help.contains(l.name()), "train's help names " + l.name());
        for (Optimizer o : Optimizers.ALL) assertTrue(help.contains(o.name()), "train's help names " + o.name());
    }

    @Test
    void aLossOrOptimizerIsNamedByItsStringToo() {
        for (Loss l : Losses.ALL) assertSame(l, Losses.of(new mlp.value.Str(l.name())));
        for (Optimizer o : Optimizers.ALL) assertSame(o, Optimizers.of(new mlp.value.Str(o.name())));
    }
}
