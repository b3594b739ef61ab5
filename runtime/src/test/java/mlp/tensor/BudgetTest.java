package mlp.tensor;

import mlp.MlpError;
import org.junit.jupiter.api.Test;

import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** An evaluation's budget (cap, cores, cancel) reaches every thread that does its work, and no other. */
class BudgetTest {
    private static final Budget SMALL = new Budget(1000, 1, () -> false);

    @Test
    void theCapAndTheCoresAreTheBudgetsDuringItAndTheDefaultAfter() {
        SMALL.during(() -> {
            assertEquals(1000, Limits.maxElements());
            assertEquals(1, Products.threads());
            MlpError e = assertThrows(MlpError.class, () -> Limits.matrix(40, 40));
            assertEquals("a 40×40 tensor is too large (1600 elements; the limit is 1000)", e.getMessage());
        });
        assertSame(Budget.DEFAULT, Budget.current());
        assertEquals(40, Limits.matrix(40, 40).numRows);
    }

    @Test
    void aBudgetInsideAnotherGivesTheOuterOneBackWhenItEnds() {
        Budget big = new Budget(1_000_000, 2, () -> false);
        big.during(() -> {
            SMALL.during(() -> assertThrows(MlpError.class, () -> Limits.check(40, 40)));
            assertSame(big, Budget.current());
            Limits.check(40, 40);
            assertEquals(2, Products.threads());
        });
    }

    @Test
    void twoThreadsSideBySideEachKeepTheirOwnCapAndCores() throws Exception {
        Budget other = new Budget(1_000_000, 2, () -> false);
        CyclicBarrier together = new CyclicBarrier(2);
        AtomicReference<Throwable> failed = new AtomicReference<>();
        Runnable small = () -> SMALL.during(() -> {
            for (int i = 0; i < 200; i++) {
                await(together);
                if (Limits.maxElements() != 1000 || Products.threads() != 1) throw new AssertionError("small sees " + Limits.maxElements());
                assertThrows(MlpError.class, () -> Limits.matrix(40, 40));
            }
        });
        Runnable large = () -> other.during(() -> {
            for (int i = 0; i < 200; i++) {
                await(together);
                if (Limits.maxElements() != 1_000_000 || Products.threads() != 2) throw new AssertionError("large sees " + Limits.maxElements());
                Limits.matrix(40, 40);
            }
        });
        Thread a = guarded(small, failed), b = guarded(large, failed);
        a.start();
        b.start();
        a.join();
        b.join();
        if (failed.get() != null) throw new AssertionError(failed.get());
    }

    @Test
    void aBackgroundDecompositionWorksUnderTheEvaluationsCap() {
        Budget cancellable = new Budget(1000, 1, () -> false);
        String[] where = new String[1];
        MlpError e = cancellable.during(() -> assertThrows(MlpError.class, () -> Interrupt.uninterruptible(() -> {
            where[0] = Thread.currentThread().getName();
            return Limits.matrix(40, 40); // on the background thread: the evaluation's cap, not the default
        })));
        assertEquals("mlp-decomposition", where[0]);
        assertTrue(e.getMessage().contains("the limit is 1000"), e.getMessage());
    }

    @Test
    void aProductOnSeveralThreadsStopsForItsEvaluationsCancel() {
        int n = 600;
        double[] a = new double[n * n], b = new double[n * n], c = new double[n * n];
        java.util.Arrays.fill(a, 1);
        java.util.Arrays.fill(b, 1);
        Budget cancelled = new Budget(Limits.DEFAULT_MAX_ELEMENTS, 2, () -> true);
        MlpError e = assertThrows(MlpError.class, () -> cancelled.during(
                () -> Products.multiply(false, false, n, n, n, a, n, b, n, c, n, false)));
        assertEquals("cancelled", e.getMessage());
        // the same product, not cancelled, on two cores: every element is n
        new Budget(Limits.DEFAULT_MAX_ELEMENTS, 2, () -> false).during(
                () -> Products.multiply(false, false, n, n, n, a, n, b, n, c, n, false));
        for (double v : c) assertEquals(n, v);
    }

    private static void await(CyclicBarrier barrier) {
        try {
            barrier.await();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static Thread guarded(Runnable work, AtomicReference<Throwable> failed) {
        return new Thread(() -> {
            try {
                work.run();
            } catch (Throwable t) {
                failed.compareAndSet(null, t);
            }
        });
    }
}
