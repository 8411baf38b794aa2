package org.memarl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.math.MathContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Collectors;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.memarl.io.Json;
import org.memarl.testing.Tolerance;

/**
 * Issue 16 item 5 through the command line: {@code minimax} and {@code foe-q} exited 1 ("simplex
 * solver left a duality gap of 1.28e-7") on a valid 3x3 zero-sum game, alone and as the stage game of
 * every state of a larger game.
 */
class SolveZeroSumProbeTest {
    static final double[][] PROBE = {
        {3.7374700539367747, 3.141419214743012, 3.3525054255183386},
        {3.2130309699503043, 4.0152836388490725, 3.331699866578875},
        {3.202049601858546, 3.58719908633293, 3.450800901512501}};

    /**
     * The exact value, computed here independently: the optimal strategies use rows {0, 2} and columns
     * {0, 2} (2x2 kernel), whose value is {@code (ad - bc) / (a + d - b - c)} in exact decimal arithmetic;
     * the saddle-point inequalities of the other row and column are checked below in {@link #exactValue()}.
     */
    static double exactValue() {
        BigDecimal a = new BigDecimal(PROBE[0][0]);
        BigDecimal b = new BigDecimal(PROBE[0][2]);
        BigDecimal c = new BigDecimal(PROBE[2][0]);
        BigDecimal d = new BigDecimal(PROBE[2][2]);
        BigDecimal den = a.add(d).subtract(b).subtract(c);
        BigDecimal num = a.multiply(d).subtract(b.multiply(c));
        MathContext mc = new MathContext(60);
        BigDecimal v = num.divide(den, mc);
        BigDecimal p = d.subtract(c).divide(den, mc); // agent's weight on row 0
        BigDecimal q = d.subtract(b).divide(den, mc); // opponent's weight on column 0
        // row 1 earns no more than v against (q, 0, 1-q); column 1 concedes no less than v against (p, 0, 1-p)
        BigDecimal row1 = new BigDecimal(PROBE[1][0]).multiply(q).add(new BigDecimal(PROBE[1][2]).multiply(BigDecimal.ONE.subtract(q)));
        BigDecimal col1 = new BigDecimal(PROBE[0][1]).multiply(p).add(new BigDecimal(PROBE[2][1]).multiply(BigDecimal.ONE.subtract(p)));
        assertTrue(row1.compareTo(v) <= 0 && col1.compareTo(v) >= 0, "the {0,2}x{0,2} kernel is optimal");
        assertTrue(p.signum() > 0 && p.compareTo(BigDecimal.ONE) < 0 && q.signum() > 0 && q.compareTo(BigDecimal.ONE) < 0);
        return v.doubleValue();
    }

    private static String rows(double[][] m) {
        return Arrays.stream(m).map(Arrays::toString).collect(Collectors.joining(", ", "[", "]"));
    }

    private static JsonNode solve(String... args) throws Exception {
        Cli.Run r = Cli.run(args);
        r.assertExit(0).assertNoStackTrace();
        return Json.mapper().readTree(r.out());
    }

    @Test
    @DisplayName("solve --algorithm minimax / foe-q on the probe matrix game (and shifted copies): exit 0, the exact value to a few ulps")
    void probeMatrixGame(@TempDir Path tmp) throws Exception {
        double v = exactValue();
        assertEquals(3.41222, v, 1e-5);
        for (double shift : new double[] {0.0, -3.0, 10.0}) {
            double[][] m = new double[3][3];
            for (int i = 0; i < 3; i++) {
                for (int j = 0; j < 3; j++) {
                    m[i][j] = PROBE[i][j] + shift;
                }
            }
            Path f = tmp.resolve("probe" + shift + ".json");
            Files.writeString(f, "{\"format\": \"memarl/1\", \"kind\": \"matrix-game\", \"actions\": {\"agent\": 3, \"opponent\": 3},"
                    + " \"payoff\": " + rows(m) + ", \"sum\": \"zero\"}");
            for (String alg : new String[] {"minimax", "foe-q"}) {
                JsonNode d = solve("solve", f.toString(), "--algorithm", alg, "--no-progress");
                double got = d.get("values").get("V").get(0).asDouble();
                assertEquals(v + shift, got, Tolerance.ulps(16, v + shift, shift), alg + " shift " + shift);
                JsonNode x = d.get("policies").get("agent").get(0);
                assertEquals(0.0, x.get(1).asDouble(), 0.0, "row 1 is not played");
                assertEquals(1.0, x.get(0).asDouble() + x.get(2).asDouble(), Tolerance.ulps(4, 1.0));
            }
        }
    }

    @Test
    @DisplayName("a 10-state game whose every stage game is the probe (plus its continuation): minimax and foe-q finish with V = v/(1-gamma)")
    void probeInsideAGame(@TempDir Path tmp) throws Exception {
        int n = 10;
        double gamma = 0.5;
        StringBuilder t = new StringBuilder();
        StringBuilder r = new StringBuilder();
        for (int s = 0; s < n; s++) {
            for (int a = 0; a < 3; a++) {
                for (int b = 0; b < 3; b++) {
                    t.append(t.length() == 0 ? "" : ", ").append('[').append(s).append(", ").append(a).append(", ").append(b)
                            .append(", ").append((s + 1) % n).append(", 1.0]");
                }
            }
            r.append(s == 0 ? "" : ", ").append(rows(PROBE));
        }
        Path f = tmp.resolve("ring.json");
        Files.writeString(f, "{\"format\": \"memarl/1\", \"kind\": \"game\", \"gamma\": " + gamma + ", \"states\": " + n
                + ", \"actions\": {\"agent\": 3, \"opponent\": 3}, \"transitions\": {\"sparse\": [" + t + "]},"
                + " \"rewards\": [" + r + "], \"sum\": \"zero\"}");
        double expected = exactValue() / (1.0 - gamma);
        for (String alg : new String[] {"minimax", "foe-q"}) {
            JsonNode d = solve("solve", f.toString(), "--algorithm", alg, "--no-progress", "--tolerance", "1e-10");
            JsonNode vs = d.get("values").get("V");
            assertEquals(n, vs.size());
            for (JsonNode x : vs) {
                assertEquals(expected, x.asDouble(), 1e-10 + Tolerance.ulps(64, expected), alg);
            }
        }
    }
}
