package org.memarl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.memarl.io.Json;

/**
 * Issue 15, item 5: {@code memarl filter}. On Tiger, listening twice and hearing the tiger on the left twice gives
 * belief tiger-left 0.85 after one step and {@code 0.85^2 / (0.85^2 + 0.15^2) = 0.7225 / 0.745 = 289/298 =
 * 0.96979865771812...} after two, with {@code p(y_1) = 0.5}, {@code p(y_2 | y_1) = 0.745} (so log-likelihood
 * {@code log 0.3725}); the SMC estimate approaches it (statistical tests with stated bounds, fixed seeds).
 */
class FilterCommandTest {
    @TempDir
    Path dir;

    static JsonNode filter(String... args) throws Exception {
        Cli.Run r = Cli.run(args).assertExit(0);
        assertEquals("", r.err(), r::toString);
        return Json.mapper().readTree(r.out());
    }

    static double ulps(double x) {
        return 4 * Math.ulp(x);
    }

    @Test
    void tigerListenTwiceHearLeftTwiceIsExact() throws Exception {
        for (String[] model : new String[][] {{"examples/tiger.pomdp"}, {"--example", "tiger"}}) {
            String[] args = concat(new String[] {"filter"}, model, new String[] {"--actions", "listen,listen",
                "--observations", "hear-left,0"});
            JsonNode res = filter(args);
            assertEquals("memarl-filter/1", res.get("format").asText());
            assertEquals("exact", res.get("filter").asText());
            JsonNode steps = res.get("steps");
            assertEquals(3, steps.size());
            assertEquals(0.5, steps.get(0).get("belief").get("tiger-left").asDouble(), 0.0);
            assertEquals(0.85, steps.get(1).get("belief").get("tiger-left").asDouble(), ulps(0.85));
            assertEquals(0.5, steps.get(1).get("likelihood").asDouble(), ulps(0.5));
            double b2 = 289.0 / 298.0; // 0.85^2 / (0.85^2 + 0.15^2) = 0.7225 / 0.745
            assertEquals(b2, steps.get(2).get("belief").get("tiger-left").asDouble(), ulps(b2));
            assertEquals(1 - b2, steps.get(2).get("belief").get("tiger-right").asDouble(), ulps(b2));
            assertEquals(0.745, steps.get(2).get("likelihood").asDouble(), ulps(0.745));
            assertEquals("hear-left", steps.get(2).get("observation").asText());
            assertEquals(Math.log(0.3725), res.get("logLikelihood").asDouble(), ulps(1.0));
            assertEquals(Math.log(0.5), steps.get(1).get("logLikelihood").asDouble(), ulps(1.0));
        }
    }

    static String[] concat(String[]... parts) {
        return java.util.Arrays.stream(parts).flatMap(java.util.Arrays::stream).toArray(String[]::new);
    }

    private static final org.memarl.model.Pomdp TIGER = org.memarl.io.CassandraPomdp.read(Path.of("examples", "tiger.pomdp"));

    /** What {@code filter --particles K --seed S --proposal P} computes after reading the model and the lists. */
    static JsonNode smc(int k, long seed, String proposal) {
        int[] as = {0, 0};
        int[] os = {0, 0};
        java.util.List<org.memarl.algorithms.belief.FilterStep> steps = java.util.List.of(
                org.memarl.algorithms.belief.FilterStep.of(TIGER, 0, 0), org.memarl.algorithms.belief.FilterStep.of(TIGER, 0, 0));
        return FilterCommand.smc(TIGER, as, os, steps, k, proposal.equals("optimal")
                ? org.memarl.algorithms.belief.Proposal.LOCALLY_OPTIMAL : org.memarl.algorithms.belief.Proposal.BOOTSTRAP,
                proposal, seed);
    }

    /**
     * The command line with many particles: within 0.005 of 289/298. (Over 200 seeds the bootstrap belief estimate
     * has a standard deviation of about 0.0027 at K = 2000 and 0.0004 at K = 100000: 0.005 is over 10 of them.)
     */
    @Test
    void smcOnTheCommandLine() throws Exception {
        JsonNode res = filter("filter", "examples/tiger.pomdp", "--actions", "listen,listen", "--observations",
                "hear-left,hear-left", "--particles", "100000", "--seed", "15");
        assertEquals("bootstrap", res.get("parameters").get("proposal").asText());
        JsonNode last = res.get("steps").get(2);
        assertEquals(289.0 / 298.0, last.get("belief").get("tiger-left").asDouble(), 0.005);
        assertEquals(Math.log(0.3725), res.get("logLikelihood").asDouble(), 0.01);
        double ess = last.get("effectiveSampleSize").asDouble();
        assertTrue(ess > 50_000 && ess <= 100_000, "effective sample size " + ess);
    }

    /**
     * SMC on the same sequence, R = 200 runs (seeds 1..200) of K particles: the likelihood estimate is unbiased
     * ((5.17)), so the mean of p-hat is within 4 standard errors of 0.3725; the belief estimate (self-normalised,
     * bias O(1/K)) has its mean within 4 standard errors + 2/K of 289/298; and its root-mean-square error shrinks
     * from K = 20 to K = 2000 by more than a factor 4 (1/sqrt(K) predicts 10).
     */
    @Test
    void smcApproachesTheExactFilter() throws Exception {
        double b2 = 289.0 / 298.0;
        double[] rmse = new double[2];
        int[] ks = {20, 2000};
        for (int c = 0; c < 2; c++) {
            int k = ks[c];
            int runs = 200;
            double sb = 0;
            double sbb = 0;
            double sp = 0;
            double spp = 0;
            double se = 0;
            for (int seed = 1; seed <= runs; seed++) {
                JsonNode res = smc(k, seed, seed % 2 == 0 ? "bootstrap" : "optimal");
                assertEquals("smc", res.get("filter").asText());
                JsonNode last = res.get("steps").get(2);
                double b = last.get("belief").get("tiger-left").asDouble();
                double p = Math.exp(res.get("logLikelihood").asDouble());
                double ess = last.get("effectiveSampleSize").asDouble();
                assertTrue(ess >= 1.0 && ess <= k + 1e-9, "effective sample size in [1, K]: " + ess);
                sb += b;
                sbb += b * b;
                sp += p;
                spp += p * p;
                se += (b - b2) * (b - b2);
            }
            double mb = sb / runs;
            double sdb = Math.sqrt(Math.max(0.0, sbb / runs - mb * mb));
            double mp = sp / runs;
            double sdp = Math.sqrt(Math.max(0.0, spp / runs - mp * mp));
            assertEquals(0.3725, mp, 4 * sdp / Math.sqrt(runs) + 1e-12, "K = " + k + ": mean likelihood estimate");
            assertEquals(b2, mb, 4 * sdb / Math.sqrt(runs) + 2.0 / k, "K = " + k + ": mean belief estimate");
            rmse[c] = Math.sqrt(se / runs);
        }
        assertTrue(rmse[1] < rmse[0] / 4, "RMSE K = 20: " + rmse[0] + ", K = 2000: " + rmse[1]);
    }

    @Test
    void writesToAFileAtomicallyAndRefusesBadInput() throws Exception {
        Path out = dir.resolve("belief.json");
        Cli.Run r = Cli.run("filter", "examples/tiger.pomdp", "--actions", "listen", "--observations", "hear-right", "--out",
                out.toString()).assertExit(0);
        assertEquals("", r.out());
        JsonNode res = Json.mapper().readTree(Files.readAllBytes(out));
        assertEquals(0.15, res.get("steps").get(1).get("belief").get("tiger-left").asDouble(), ulps(0.15));
        Cli.run("filter", "examples/tiger.pomdp", "--actions", "listen,jump", "--observations", "0,0")
                .assertOneLineError("actions[1]: unknown name \"jump\"");
        Cli.run("filter", "examples/tiger.pomdp", "--actions", "listen,listen", "--observations", "0")
                .assertOneLineError("observations: 1 given for 2 actions");
        Cli.run("filter", "examples/tiger.pomdp", "--actions", "listen", "--observations", "7")
                .assertOneLineError("observations[0]: index 7 is out of range");
        Cli.run("filter", "examples/tiger.pomdp", "--actions", "listen", "--observations", "0", "--seed", "3")
                .assertOneLineError("seed: --seed applies to SMC");
        Cli.run("filter", "examples/tiger.pomdp", "--actions", "listen", "--observations", "0", "--particles", "5",
                "--proposal", "magic").assertOneLineError("proposal: \"magic\" is not bootstrap or optimal");
        Cli.run("filter", "--example", "bad-two-step", "--actions", "0", "--observations", "0")
                .assertOneLineError("kind: \"dec-pomdp\" where a \"pomdp\" is expected");
        Cli.run("filter", "--example", "chain", "--actions", "0", "--observations", "0")
                .assertOneLineError("kind: \"mdp\" where a \"pomdp\" is expected");
    }

    @Test
    void anImpossibleObservationHasLikelihoodZero() throws Exception {
        Path f = dir.resolve("sure.pomdp");
        Files.writeString(f, "discount: 1\nstates: a b\nactions: stay\nobservations: see-a see-b\nstart: a\n"
                + "T: stay identity\nO: stay identity\nR: * : * : * : * 0\n");
        // "O: stay identity" is not allowed (identity is for T): the reader says so
        Cli.run("filter", f.toString(), "--actions", "stay", "--observations", "see-b").assertOneLineError("line 7");
        Files.writeString(f, "discount: 1\nstates: a b\nactions: stay\nobservations: see-a see-b\nstart: a\n"
                + "T: stay identity\nO: stay\n1 0\n0 1\nR: * : * : * : * 0\n");
        JsonNode res = filter("filter", f.toString(), "--actions", "stay,stay", "--observations", "see-b,see-a");
        assertEquals("-inf", res.get("logLikelihood").asText());
        assertEquals(false, res.get("possible").asBoolean());
        assertTrue(res.get("steps").get(2).get("belief").isNull());
    }
}
