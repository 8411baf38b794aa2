package org.memarl.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.memarl.algorithms.soft.SoftValueIteration;
import org.memarl.io.Json;
import org.memarl.ledger.RandomMdps;
import org.memarl.model.Mdp;
import org.memarl.solve.ChainBellman;
import org.memarl.solve.FixedPoint;
import org.memarl.solve.FixedPointDriver;
import org.memarl.solve.IterationOptions;
import org.memarl.solve.Sweep;

/**
 * Issue 14: a matrix game (gamma = 0) used to print {@code "residual": 1.74} (the change from the start vector 0)
 * next to {@code "converged": true} and {@code "errorBound": 0}. At gamma = 0 the backup does not depend on the
 * values, so the one sweep is exact: the result says converged, 1 iteration, residual 0 and bound 0, and the
 * residual means what it means elsewhere, the change a further sweep makes (checked here by making that sweep).
 */
class GammaZeroResultFieldsTest {
    static final List<String> MATRIX_GAMES = List.of("matching-pennies", "rock-paper-scissors", "thesis-3-1-zero-sum",
            "thesis-3-1-cooperative", "climbing", "penalty", "prisoners-dilemma");
    static final List<String> CLASSICAL = List.of("minimax", "friend-q", "foe-q", "nash-q");
    static final List<String> SOFT = List.of("rommeo", "pr2", "gr2", "balancing-q", "probabilistic-balancing-q");

    @Test
    @DisplayName("every game solver on every bundled matrix game: converged, 1 iteration, residual 0, bound 0")
    void matrixGames() throws Exception {
        for (String ex : MATRIX_GAMES) {
            for (String alg : CLASSICAL) {
                if (!alg.equals("minimax") && !alg.equals("foe-q") || isZeroSum(ex)) {
                    fields(ex, Cli.run("solve", "--example", ex, "--algorithm", alg, "--no-progress"));
                }
            }
            for (String alg : SOFT) {
                fields(ex, Cli.run("solve", "--example", ex, "--algorithm", alg, "--no-progress"));
            }
            fields(ex, Cli.run("solve", "--example", ex, "--chain", "examples/chains/pr2.json", "--param", "beta=-2",
                    "--no-progress"));
        }
    }

    private static boolean isZeroSum(String ex) {
        return List.of("matching-pennies", "rock-paper-scissors", "thesis-3-1-zero-sum").contains(ex);
    }

    private static void fields(String ex, Cli.Run r) throws Exception {
        r.assertExit(0);
        JsonNode d = Json.mapper().readTree(r.out());
        String where = ex + " " + d.get("algorithm").asText();
        assertTrue(d.get("converged").asBoolean(), where);
        assertEquals(1, d.get("iterations").asInt(), where);
        assertEquals(0.0, d.get("residual").asDouble(-1), 0.0, where);
        assertEquals(0.0, d.get("errorBound").asDouble(-1), 0.0, where);
    }

    @Test
    @DisplayName("gamma = 0 in the driver: residual 0 is the change of a further sweep, exactly, for both sweeps")
    void driverResidualIsTheChangeOfAFurtherSweep() {
        SplittableRandom rng = new SplittableRandom(14);
        for (int rep = 0; rep < 30; rep++) {
            Mdp mdp = RandomMdps.mdp(rng, 1 + rng.nextInt(5), 1 + rng.nextInt(4), 0.0);
            double beta = new double[] {Double.NEGATIVE_INFINITY, -3, 0, 0.5, 7, Double.POSITIVE_INFINITY}[rng.nextInt(6)];
            for (Sweep sweep : Sweep.values()) {
                ChainBellman op = SoftValueIteration.operator(mdp, beta);
                // a start far from the answer: the first sweep's change is large, and must not be reported
                double[] start = new double[mdp.numStates()];
                java.util.Arrays.fill(start, 1e3);
                FixedPoint fp = FixedPointDriver.solve(op, start, IterationOptions.defaults().withSweep(sweep));
                assertTrue(fp.converged());
                assertEquals(1, fp.iterations());
                assertEquals(0.0, fp.residual(), 0.0);
                assertEquals(0.0, fp.errorBound(), 0.0);
                double[] again = new double[mdp.numStates()];
                op.apply(fp.values(), again);
                assertArrayEquals(fp.values(), again, 0.0, "a further sweep changes nothing at gamma = 0");
            }
        }
    }

    @Test
    @DisplayName("gamma > 0 keeps the last sweep's change: bound = gamma/(1-gamma) residual")
    void positiveGammaUnchanged() throws Exception {
        JsonNode d = Json.mapper().readTree(Cli.run("solve", "--example", "pursuit-3-state", "--algorithm", "rommeo",
                "--no-progress").assertExit(0).out());
        double res = d.get("residual").asDouble();
        assertTrue(res > 0, d::toString);
        assertEquals(0.9 / 0.1 * res, d.get("errorBound").asDouble(), 4 * Math.ulp(d.get("errorBound").asDouble()));
    }
}
