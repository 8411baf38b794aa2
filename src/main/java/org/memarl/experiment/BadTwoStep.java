package org.memarl.experiment;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.memarl.MemarlException;
import org.memarl.algorithms.belief.PublicBelief;
import org.memarl.experiment.plot.Figure;
import org.memarl.experiment.plot.Panel;
import org.memarl.experiment.plot.Series;
import org.memarl.io.DecPomdpReader;
import org.memarl.io.Json;
import org.memarl.io.ResultWriter;
import org.memarl.kernel.SoftExtremum;
import org.memarl.model.DecPomdp;

/**
 * {@code experiment bad-two-step}: on the two-step game of the Bayesian Action Decoder paper (bundled
 * example {@code bad-two-step}), the exact public-belief agent (thesis section 5.1) against independent
 * soft learners that ignore what the other's action reveals, as beta grows. Everything is exact (no
 * sampling), so it takes no {@code --seeds} or {@code --seed} (the command refuses them); {@code --steps} is the
 * number of learner iterations (default 2000).
 *
 * <p>The independent learners: player i plays {@code pi_i(a | own card)} (player 1 does not condition on
 * a0), and both repeatedly move to their prior-weighted Boltzmann response,
 * {@code pi_i <- (1 - alpha) pi_i + alpha BR_i}, {@code BR_i(a | c) ∝ P(a) exp(beta Q_i(c, a))},
 * {@code Q_i(c, a)} the expected payoff given the other's current policy, alpha = 0.1, from the uniform
 * policies: a damped logit-response (quantal response) dynamics. Their expected payoff is compared with
 * the public-belief agent's soft value {@code V} and the expected payoff of its soft policy.
 *
 * <p>Files: {@code bad-two-step.csv} (beta, public-belief V, public-belief expected payoff, learners'
 * expected payoff, learners' last change), {@code bad-two-step.png/.svg}, {@code summary.json}.
 */
public final class BadTwoStep implements Experiment {
    /** The common payoff {@code payoff[card0][card1][a0][a1]} (issue 6, from the BAD paper). */
    static final double[][][][] PAYOFF = {
        {{{10, 0, 0}, {4, 8, 4}, {10, 0, 0}}, {{0, 0, 10}, {4, 8, 4}, {0, 0, 10}}},
        {{{0, 0, 10}, {4, 8, 4}, {0, 0, 0}}, {{10, 0, 0}, {4, 8, 4}, {10, 0, 0}}},
    };
    static final double[] BETAS = {0, 0.03, 0.1, 0.3, 1, 2, 3, 5, 10, 30, 100, 1000, Double.POSITIVE_INFINITY};
    static final double ALPHA = 0.1;

    @Override
    public String name() {
        return "bad-two-step";
    }

    @Override
    public String description() {
        return "BAD two-step game: exact public-belief agent vs independent soft learners that ignore the signal, over beta";
    }

    /** Exact (no sampling): only the learners' iterations, {@code --steps}, change the files. */
    @Override
    public java.util.Set<Knob> knobs() {
        return java.util.EnumSet.of(Knob.STEPS);
    }

    @Override
    public int defaultSeeds() {
        return 1;
    }

    @Override
    public int defaultSteps() {
        return 2000;
    }

    /** One row of the comparison. */
    public record Row(double beta, double publicValue, double publicPayoff, double learnersPayoff, double learnersChange) {
    }

    /** The comparison over {@link #BETAS}. */
    public static List<Row> compute(DecPomdp bad, int iterations) {
        List<Row> rows = new ArrayList<>();
        for (double b : BETAS) {
            PublicBelief.Result r = PublicBelief.solve(bad, b);
            double[] il = independentLearners(b, iterations);
            rows.add(new Row(b, r.root().value(), r.root().expectedReward(), il[0], il[1]));
        }
        return rows;
    }

    /** Expected payoff of the independent learners after the iterations, and their last sup-norm change. */
    static double[] independentLearners(double beta, int iterations) {
        double[][] p0 = {{1 / 3.0, 1 / 3.0, 1 / 3.0}, {1 / 3.0, 1 / 3.0, 1 / 3.0}};
        double[][] p1 = {{1 / 3.0, 1 / 3.0, 1 / 3.0}, {1 / 3.0, 1 / 3.0, 1 / 3.0}};
        double[] q = new double[3];
        double[] br = new double[3];
        double change = 0.0;
        for (int it = 0; it < iterations; it++) {
            double[][] n0 = new double[2][3];
            double[][] n1 = new double[2][3];
            for (int c = 0; c < 2; c++) {
                respond(beta, p1, c, false, p0[c], q, br, n0[c]);
                respond(beta, p0, c, true, p1[c], q, br, n1[c]);
            }
            change = 0.0;
            for (int c = 0; c < 2; c++) {
                for (int a = 0; a < 3; a++) {
                    change = Math.max(change, Math.max(Math.abs(n0[c][a] - p0[c][a]), Math.abs(n1[c][a] - p1[c][a])));
                }
            }
            p0 = n0;
            p1 = n1;
        }
        double j = 0.0;
        for (int c0 = 0; c0 < 2; c0++) {
            for (int c1 = 0; c1 < 2; c1++) {
                for (int a0 = 0; a0 < 3; a0++) {
                    for (int a1 = 0; a1 < 3; a1++) {
                        j += 0.25 * p0[c0][a0] * p1[c1][a1] * PAYOFF[c0][c1][a0][a1];
                    }
                }
            }
        }
        return new double[] {j, change};
    }

    /**
     * One learner's smoothed soft best response in its signal {@code c}: {@code q[a]} is its expected payoff
     * against the other's policies {@code other[c'][a']} (signals uniform), and
     * {@code next = (1 - ALPHA) own + ALPHA softmax_beta(q)}; {@code second} says the learner is agent 1.
     */
    private static void respond(double beta, double[][] other, int c, boolean second, double[] own, double[] q,
            double[] br, double[] next) {
        for (int a = 0; a < 3; a++) {
            double s = 0.0;
            for (int c1 = 0; c1 < 2; c1++) {
                for (int a1 = 0; a1 < 3; a1++) {
                    s += 0.5 * other[c1][a1] * (second ? PAYOFF[c1][c][a1][a] : PAYOFF[c][c1][a][a1]);
                }
            }
            q[a] = s;
        }
        SoftExtremum.policy(beta, q, 0, null, 0, 3, br, 0);
        for (int a = 0; a < 3; a++) {
            next[a] = (1 - ALPHA) * own[a] + ALPHA * br[a];
        }
    }

    @Override
    public ExperimentReport run(ExperimentConfig config) {
        DecPomdp bad;
        try (var in = BadTwoStep.class.getResourceAsStream("/org/memarl/examples/bad-two-step.json")) {
            if (in == null) {
                throw new org.memarl.MemarlException("bundled example bad-two-step is missing");
            }
            bad = DecPomdpReader.readDecPomdp(Json.parse(in.readAllBytes(), "example bad-two-step"));
        } catch (IOException e) {
            throw new MemarlException("cannot read the bundled example bad-two-step: " + e.getMessage(), e);
        }
        List<Row> rows = compute(bad, config.steps());
        ExperimentFiles out = new ExperimentFiles(config.out());
        StringBuilder csv = new StringBuilder("beta,public_belief_value,public_belief_payoff,independent_payoff,"
                + "independent_last_change\n");
        for (Row r : rows) {
            csv.append(beta(r.beta())).append(',').append(r.publicValue()).append(',').append(r.publicPayoff())
                    .append(',').append(r.learnersPayoff()).append(',').append(r.learnersChange()).append('\n');
        }
        out.write("bad-two-step.csv", csv.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        out.figure("bad-two-step", figure(rows));
        com.fasterxml.jackson.databind.node.ObjectNode sum = Json.mapper().createObjectNode();
        sum.put("experiment", name());
        sum.put("iterations", config.steps());
        sum.put("teamOptimum", 10.0);
        sum.put("signalIgnoringOptimum", 8.0);
        sum.put("uniformPlay", 134.0 / 36.0);
        var arr = sum.putArray("rows");
        for (Row r : rows) {
            var o = arr.addObject();
            o.set("beta", ResultWriter.node(r.beta()));
            o.put("publicBeliefValue", r.publicValue());
            o.put("publicBeliefPayoff", r.publicPayoff());
            o.put("independentPayoff", r.learnersPayoff());
            o.put("independentLastChange", r.learnersChange());
        }
        sum.set("provenance", ResultWriter.provenance());
        out.write("summary.json", Json.bytes(sum));
        return new ExperimentReport(table(rows), out.written());
    }

    static String beta(double b) {
        return b == Double.POSITIVE_INFINITY ? "inf" : Double.toString(b);
    }

    static String table(List<Row> rows) {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "%8s  %14s  %14s  %14s%n", "beta", "public V", "public payoff",
                "independent"));
        for (Row r : rows) {
            sb.append(String.format(Locale.ROOT, "%8s  %14.6f  %14.6f  %14.6f%n", beta(r.beta()), r.publicValue(),
                    r.publicPayoff(), r.learnersPayoff()));
        }
        sb.append("team optimum 10 (public belief at beta = inf), best signal-ignoring policy 8, uniform play 3.722222\n");
        return sb.toString();
    }

    static Figure figure(List<Row> rows) {
        List<Double> xs = new ArrayList<>();
        for (Row r : rows) {
            if (r.beta() > 0 && Double.isFinite(r.beta())) {
                xs.add(r.beta());
            }
        }
        double[] x = new double[xs.size()];
        double[] v = new double[x.length];
        double[] e = new double[x.length];
        double[] il = new double[x.length];
        int i = 0;
        for (Row r : rows) {
            if (r.beta() > 0 && Double.isFinite(r.beta())) {
                x[i] = r.beta();
                v[i] = r.publicValue();
                e[i] = r.publicPayoff();
                il[i] = r.learnersPayoff();
                i++;
            }
        }
        Panel p = new Panel("BAD two-step game: public-belief agent vs independent soft learners",
                "beta (log scale)", "team payoff", List.of(
                        Series.line("public belief: expected payoff", x, e, 0, false),
                        Series.line("public belief: soft value V", x, v, 0, true),
                        Series.line("independent learners (ignore the signal): expected payoff", x, il, 3, false)),
                true, 0.0, 10.5, List.of(), List.of(10.0, 8.0, 134.0 / 36.0));
        return new Figure(List.of(p), 1, 900, 500);
    }
}
