package org.memarl.algorithms.classical;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.memarl.InvalidModelException;
import org.memarl.algorithms.RunConfig;

/** The episodic loop and the preconditions shared by the tabular learners ({@link TabularQLearning}, games' learners). */
class LearnerEpisodesTest {
    @Test
    void everyEpisodeStartsFromTheInitialDistributionAndTakesItsSteps() {
        List<Integer> episodesDone = new ArrayList<>();
        RunConfig c = RunConfig.builder().seed(3).episodes(4).episodeLength(5)
                .progress((it, residual, bound) -> episodesDone.add(it)).build();
        List<Integer> visited = new ArrayList<>();
        long steps = TabularQLearning.episodes(c, new double[] {0, 0, 1}, (rng, s) -> {
            visited.add(s);
            return (s + 1) % 3;
        });
        assertEquals(20, steps);
        // each episode starts in state 2 (the initial distribution's only state) and walks 2, 0, 1, 2, 0
        List<Integer> one = List.of(2, 0, 1, 2, 0);
        List<Integer> expected = new ArrayList<>();
        for (int e = 0; e < 4; e++) {
            expected.addAll(one);
        }
        assertEquals(expected, visited);
        assertEquals(List.of(1, 2, 3, 4), episodesDone);
    }

    @Test
    void learnersNeedAnInfiniteHorizonAndGammaBelowOne() {
        TabularQLearning.checkLearnable("q-learning", 0, 0.99);
        assertEquals("horizon: q-learning learns the infinite-horizon fixed point; remove horizon",
                assertThrows(InvalidModelException.class, () -> TabularQLearning.checkLearnable("q-learning", 2, 0.5))
                        .getMessage());
        assertEquals("gamma: 1.0; foe-q-learning needs gamma < 1",
                assertThrows(InvalidModelException.class, () -> TabularQLearning.checkLearnable("foe-q-learning", 0, 1.0))
                        .getMessage());
    }
}
