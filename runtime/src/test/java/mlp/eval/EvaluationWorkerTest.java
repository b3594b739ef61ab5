package mlp.eval;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The one worker's time limit: what happens, not how fast (the limits are short, the waits for behaviour long). */
class EvaluationWorkerTest {
    @Test
    void withoutALimitItWaitsForTheResultAndNeverStops() throws Exception {
        try (EvaluationWorker w = new EvaluationWorker("test-worker")) {
            AtomicBoolean stopped = new AtomicBoolean();
            assertEquals(42, EvaluationWorker.await(w.submit(() -> 42), null, Duration.ofSeconds(1), () -> stopped.set(true)));
            assertFalse(stopped.get());
        }
    }

    @Test
    void pastTheLimitItStopsTheWorkAndReturnsWhatTheStoppedWorkGives() throws Exception {
        try (EvaluationWorker w = new EvaluationWorker("test-worker")) {
            CountDownLatch stop = new CountDownLatch(1);
            String got = EvaluationWorker.await(w.submit(() -> {
                assertTrue(stop.await(60, TimeUnit.SECONDS), "never stopped");
                return "stopped at its check";
            }), Duration.ofMillis(50), Duration.ofSeconds(60), stop::countDown);
            assertEquals("stopped at its check", got);
        }
    }

    @Test
    void workThatDoesNotStopWithinTheGraceIsReported() throws Exception {
        EvaluationWorker w = new EvaluationWorker("test-worker");
        CountDownLatch release = new CountDownLatch(1);
        AtomicBoolean stopped = new AtomicBoolean();
        try {
            assertThrows(TimeoutException.class, () -> EvaluationWorker.await(w.submit(() -> release.await(60, TimeUnit.SECONDS)),
                    Duration.ofMillis(20), Duration.ofMillis(20), () -> stopped.set(true)));
            assertTrue(stopped.get(), "the stop ran first");
        } finally {
            release.countDown();
            w.close();
        }
    }

    @Test
    void theWordingOfTheLimit() {
        assertEquals("stopped: the time limit of 2 s was reached", EvaluationWorker.timeLimitReached(Duration.ofSeconds(2)));
        assertTrue(EvaluationWorker.timeLimitReachedInside(Duration.ofMillis(1500))
                .startsWith("stopped: the time limit of 1.5 s was reached, in the middle of an operation that cannot be interrupted"));
    }
}
