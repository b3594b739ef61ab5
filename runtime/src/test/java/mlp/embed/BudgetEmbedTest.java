package mlp.embed;

import mlp.MlpError;
import org.junit.jupiter.api.Test;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Two interpreters in one JVM, each with its own cap, evaluating at the same time, do not affect each other. */
class BudgetEmbedTest {
    private static MlpInterpreter withCap(long cap) {
        return MlpInterpreter.builder().outputOff().progressOff().picturesOff().maxElements(cap).threads(1).build();
    }

    @Test
    void twoInterpretersSideBySideKeepTheirOwnCaps() throws Exception {
        try (MlpInterpreter small = withCap(1000); MlpInterpreter large = withCap(1_000_000)) {
            CyclicBarrier together = new CyclicBarrier(2);
            CompletableFuture<Void> a = CompletableFuture.runAsync(() -> {
                for (int i = 0; i < 30; i++) {
                    await(together);
                    MlpError e = assertThrows(MlpError.class, () -> small.eval("zeros(40, 40)"));
                    assertTrue(e.plainMessage().endsWith("the limit is 1000)"), e.plainMessage());
                }
            });
            CompletableFuture<Void> b = CompletableFuture.runAsync(() -> {
                for (int i = 0; i < 30; i++) {
                    await(together);
                    assertEquals(1600.0, large.eval("sum(ones(40, 40))").asDouble());
                }
            });
            a.get();
            b.get();
        }
    }

    @Test
    void aValueMadeByOneInterpreterIsBoundByTheCapOfTheOneThatWorksOnIt() {
        try (MlpInterpreter small = withCap(1000); MlpInterpreter large = withCap(1_000_000)) {
            MlpValue x = large.eval("ones(40, 40)");
            small.set("x", x.asMatrix());
            // reading it is fine; a new 40×40 result is the small interpreter's work, under its cap
            assertEquals(1.0, small.eval("x[0, 0]").asDouble());
            MlpError e = assertThrows(MlpError.class, () -> small.eval("x + 1"));
            assertTrue(e.plainMessage().endsWith("the limit is 1000)"), e.plainMessage());
            large.set("x", x.asMatrix());
            assertEquals(3200.0, large.eval("sum(x + 1)").asDouble());
        }
    }

    private static void await(CyclicBarrier barrier) {
        try {
            barrier.await();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
