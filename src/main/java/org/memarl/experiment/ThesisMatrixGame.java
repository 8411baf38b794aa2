package org.memarl.experiment;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleBiFunction;
import org.memarl.experiment.plot.Figure;
import org.memarl.experiment.plot.Panel;
import org.memarl.experiment.plot.Series;
import org.memarl.io.Json;
import org.memarl.io.ResultWriter;

/**
 * {@code thesis-matrix-game}: the matrix-game experiment of thesis section 3.1 (figures 3.1 and 3.2,
 * payoff (3.1), Algorithm 1 of appendix B.3.1), with the exact picture of where the learning heads.
 *
 * <p>Two independent learners ({@link MatrixGameDynamics}) play
 * <pre>
 *       R = [[2, 3, 3],
 *            [1, 4, 0],
 *            [1, 0, 10]]     (row player i chooses a, column player j chooses b; 0-based actions)
 * </pre>
 * cooperatively (both get R) or competitively (j gets -R), with the appendix's settings: learning rate
 * 0.6, beta 0.1 for both players (cooperative) or 0.1 and -0.1 for the agent and its opponent model
 * (competitive), omega_t = 1.01^t, 50 rollouts per recorded reward, uniform priors. The pairings
 * ({@link #pairings()}): cooperative ROMMEO vs ROMMEO and PR2 vs PR2 (figure 3.1); competitive Balancing
 * Q vs Balancing Q (figure 3.2a) and a PR2 agent against a Balancing Q opponent (figure 3.2b).
 *
 * <p>Files written into the output folder (each atomically):
 * <ul>
 *   <li>{@code PAIRING-seedS.csv}: one per pairing and seed: step, seed, omega, the sampled joint
 *       action, each player's recorded reward and policy;</li>
 *   <li>{@code figure-3-1.png/.svg}, {@code figure-3-2.png/.svg}: rewards over steps, the mean over
 *       seeds and the min-max band, laid out as the thesis's figures;</li>
 *   <li>{@code policies.png/.svg}: each player's policy over steps (mean over seeds), per pairing;</li>
 *   <li>{@code exact-policies.png/.svg/.csv}: the closed-form policies ({@link ExactPicture}) of each
 *       player over 40 log-spaced beta in [0.01, 100];</li>
 *   <li>{@code summary.json}: {@code {"runs": [{"setting", "agent", "opponent", "finalReward",
 *       "finalActions"}]}}, the agent's reward averaged over the last 10% of steps and the seeds, and
 *       the most likely actions of the policies averaged over the same window;</li>
 *   <li>{@code experiment.json}: the parameters and provenance.</li>
 * </ul>
 */
public final class ThesisMatrixGame implements Experiment {
    /** The command-line name. */
    public static final String NAME = "thesis-matrix-game";
    /** beta of appendix B.3.1 (the opponent model of a competitive Balancing Q learner has -BETA). */
    public static final double BETA = 0.1;
    /** Default steps: the thesis plots a few hundred episodes; by 500, beta omega = 14.5 and the policies are settled. */
    public static final int DEFAULT_STEPS = 500;
    /** Default seeds: five, as the thesis averages over five seeds. */
    public static final int DEFAULT_SEEDS = 5;
    /** The exact picture's grid: BETA_POINTS log-spaced values in [BETA_MIN, BETA_MAX]. */
    public static final double BETA_MIN = 0.01;
    public static final double BETA_MAX = 100.0;
    public static final int BETA_POINTS = 40;
    /** Fraction of the last steps over which the final outcome is averaged. */
    public static final double FINAL_FRACTION = 0.1;

    private static final double[][] PAYOFF = {{2, 3, 3}, {1, 4, 0}, {1, 0, 10}};
    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "Thesis figures 3.1 and 3.2: ROMMEO, PR2 and Balancing Q learning the matrix game (3.1)"
                + " with Algorithm 1 (appendix B.3.1), and the closed-form policies over beta";
    }

    @Override
    public int defaultSeeds() {
        return DEFAULT_SEEDS;
    }

    @Override
    public int defaultSteps() {
        return DEFAULT_STEPS;
    }

    /** The payoff (3.1) of the row player, {@code R[a][b]} (a copy). */
    public static double[][] payoff() {
        double[][] r = new double[PAYOFF.length][];
        for (int a = 0; a < r.length; a++) {
            r[a] = PAYOFF[a].clone();
        }
        return r;
    }

    /** The pairings, in the order of the thesis's figures. */
    public static List<Pairing> pairings() {
        return List.of(
                new Pairing(Setting.COOPERATIVE, PlayerSpec.rommeo(BETA), PlayerSpec.rommeo(BETA)),
                new Pairing(Setting.COOPERATIVE, PlayerSpec.pr2(BETA), PlayerSpec.pr2(BETA)),
                new Pairing(Setting.COMPETITIVE, PlayerSpec.balancingQ(BETA, -BETA), PlayerSpec.balancingQ(BETA, -BETA)),
                new Pairing(Setting.COMPETITIVE, PlayerSpec.pr2(BETA), PlayerSpec.balancingQ(BETA, -BETA)));
    }

    /**
     * The final outcome of one pairing over its seeds.
     *
     * @param pairing the pairing
     * @param finalReward the agent's (row player's) reward averaged over the last 10% of steps and the seeds
     * @param finalRewardOpponent the same for the opponent (column player)
     * @param finalActions the most likely action of the agent's and of the opponent's policy averaged
     *        over the same steps and seeds (0-based)
     * @param exactActions the most likely actions of the closed-form policies of both players at the
     *        last step's inverse temperature, on the true payoffs
     */
    public record Outcome(Pairing pairing, double finalReward, double finalRewardOpponent, int[] finalActions,
                          int[] exactActions) {
        public Outcome {
            finalActions = finalActions.clone();
            exactActions = exactActions.clone();
        }

        @Override
        public int[] finalActions() {
            return finalActions.clone();
        }

        @Override
        public int[] exactActions() {
            return exactActions.clone();
        }
    }

    /**
     * All runs of the experiment, without writing anything.
     *
     * @param traces {@code traces.get(p).get(k)}: pairing p, seed {@code seed + k}
     * @param outcomes one per pairing
     * @param exact {@code exact.get(p)}: the closed-form curves of pairing p's row and column player
     * @param betas the exact picture's grid
     */
    public record Results(ExperimentConfig config, List<List<LearningTrace>> traces, List<Outcome> outcomes,
                          List<ExactPicture.Curve[]> exact, double[] betas) {
    }

    /** Runs every pairing with every seed and computes the outcomes and the exact picture. */
    public static Results compute(ExperimentConfig config) {
        LearningConfig lc = LearningConfig.thesis(config.steps());
        double[][] r = payoff();
        List<Pairing> ps = pairings();
        List<List<LearningTrace>> traces = new ArrayList<>();
        List<Outcome> outcomes = new ArrayList<>();
        List<ExactPicture.Curve[]> exact = new ArrayList<>();
        double[] betas = ExactPicture.logGrid(BETA_MIN, BETA_MAX, BETA_POINTS);
        double finalOmega = Math.pow(lc.omegaGrowth(), config.steps() - 1);
        for (Pairing p : ps) {
            List<LearningTrace> runs = new ArrayList<>();
            for (int k = 0; k < config.seeds(); k++) {
                runs.add(MatrixGameDynamics.run(r, p, config.seed() + k, lc));
            }
            traces.add(List.copyOf(runs));
            exact.add(new ExactPicture.Curve[] {
                ExactPicture.curve(r, p.setting(), p.agent(), false, betas),
                ExactPicture.curve(r, p.setting(), p.opponent(), true, betas)});
            int[] limit = {
                argmax(ExactPicture.curve(r, p.setting(), p.agent(), false,
                        new double[] {p.agent().betaAgent() * finalOmega}).policy()[0]),
                argmax(ExactPicture.curve(r, p.setting(), p.opponent(), true,
                        new double[] {p.opponent().betaAgent() * finalOmega}).policy()[0])};
            outcomes.add(outcome(p, runs, limit));
        }
        return new Results(config, List.copyOf(traces), List.copyOf(outcomes), List.copyOf(exact), betas);
    }

    /** The number of final steps averaged: the last 10% (at least one). */
    public static int finalWindow(int steps) {
        return Math.max(1, (int) Math.ceil(steps * FINAL_FRACTION - 1e-9));
    }

    static Outcome outcome(Pairing p, List<LearningTrace> runs, int[] exactActions) {
        int steps = runs.get(0).steps();
        int w = finalWindow(steps);
        double ra = 0.0;
        double rb = 0.0;
        double[] pa = null;
        double[] pb = null;
        for (LearningTrace tr : runs) {
            for (int t = steps - w; t < steps; t++) {
                ra += tr.rewardAgent(t);
                rb += tr.rewardOpponent(t);
                pa = add(pa, tr.policyAgent(t));
                pb = add(pb, tr.policyOpponent(t));
            }
        }
        double n = (double) w * runs.size();
        return new Outcome(p, ra / n, rb / n, new int[] {argmax(pa), argmax(pb)}, exactActions);
    }

    private static double[] add(double[] acc, double[] x) {
        if (acc == null) {
            return x.clone();
        }
        for (int i = 0; i < x.length; i++) {
            acc[i] += x[i];
        }
        return acc;
    }

    /** The first index of the largest entry. */
    static int argmax(double[] x) {
        int best = 0;
        for (int i = 1; i < x.length; i++) {
            if (x[i] > x[best]) {
                best = i;
            }
        }
        return best;
    }

    @Override
    public ExperimentReport run(ExperimentConfig config) {
        ExperimentFiles out = new ExperimentFiles(config.out());
        Results res = compute(config);
        List<Pairing> ps = pairings();
        for (int p = 0; p < ps.size(); p++) {
            for (LearningTrace tr : res.traces().get(p)) {
                out.write(ps.get(p).id() + "-seed" + tr.seed() + ".csv", runCsv(tr));
            }
        }
        out.figure("figure-3-1", figure31(res));
        out.figure("figure-3-2", figure32(res));
        out.figure("policies", policiesFigure(res));
        out.figure("exact-policies", exactFigure(res));
        out.write("exact-policies.csv", exactCsv(res));
        out.write("summary.json", Json.bytes(summaryJson(res)));
        out.write("experiment.json", Json.bytes(experimentJson(res, out.written())));
        return new ExperimentReport(table(res), out.written());
    }

    // ---------------------------------------------------------------- CSV and JSON

    /** The CSV of one run (one line per step, LF line ends, numbers in Java's shortest round-trip form). */
    public static byte[] runCsv(LearningTrace tr) {
        int na = tr.policyAgent(0).length;
        int nb = tr.policyOpponent(0).length;
        StringBuilder sb = new StringBuilder();
        sb.append("step,seed,omega,action_agent,action_opponent,reward_agent,reward_opponent");
        for (int a = 0; a < na; a++) {
            sb.append(",pi_agent_").append(a);
        }
        for (int b = 0; b < nb; b++) {
            sb.append(",pi_opponent_").append(b);
        }
        sb.append('\n');
        for (int t = 0; t < tr.steps(); t++) {
            sb.append(t).append(',').append(tr.seed()).append(',').append(tr.omega(t)).append(',')
                    .append(tr.actionAgent(t)).append(',').append(tr.actionOpponent(t)).append(',')
                    .append(tr.rewardAgent(t)).append(',').append(tr.rewardOpponent(t));
            for (double x : tr.policyAgent(t)) {
                sb.append(',').append(x);
            }
            for (double x : tr.policyOpponent(t)) {
                sb.append(',').append(x);
            }
            sb.append('\n');
        }
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** The exact picture as CSV: one line per pairing, player and beta. */
    static byte[] exactCsv(Results res) {
        StringBuilder sb = new StringBuilder(
                "pairing,setting,player,algorithm,beta,beta_opponent_model,pi_0,pi_1,pi_2,model_0,model_1,model_2\n");
        List<Pairing> ps = pairings();
        for (int p = 0; p < ps.size(); p++) {
            for (ExactPicture.Curve c : res.exact().get(p)) {
                for (int k = 0; k < c.betas().length; k++) {
                    double beta = c.betas()[k];
                    sb.append(ps.get(p).id()).append(',').append(ps.get(p).setting().id()).append(',')
                            .append(c.columnPlayer() ? "opponent" : "agent").append(',').append(c.spec().kind().id())
                            .append(',').append(beta).append(',')
                            .append(beta * (c.spec().betaOpponent() / c.spec().betaAgent()));
                    for (double x : c.policy()[k]) {
                        sb.append(',').append(x);
                    }
                    for (double x : c.model()[k]) {
                        sb.append(',').append(x);
                    }
                    sb.append('\n');
                }
            }
        }
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** {@code {"runs": [{"setting", "agent", "opponent", "finalReward", "finalActions"}, ...]}}. */
    public static ObjectNode summaryJson(Results res) {
        ObjectNode root = F.objectNode();
        ArrayNode runs = root.putArray("runs");
        for (Outcome o : res.outcomes()) {
            ObjectNode r = runs.addObject();
            r.put("setting", o.pairing().setting().id());
            r.put("agent", o.pairing().agent().kind().id());
            r.put("opponent", o.pairing().opponent().kind().id());
            r.put("finalReward", o.finalReward());
            ArrayNode fa = r.putArray("finalActions");
            for (int a : o.finalActions()) {
                fa.add(a);
            }
        }
        return root;
    }

    private static ObjectNode experimentJson(Results res, List<Path> files) {
        ExperimentConfig c = res.config();
        LearningConfig lc = LearningConfig.thesis(c.steps());
        ObjectNode root = F.objectNode();
        root.put("experiment", NAME);
        ObjectNode par = root.putObject("parameters");
        par.put("seeds", c.seeds());
        par.put("firstSeed", c.seed());
        par.put("steps", c.steps());
        par.put("learningRate", lc.learningRate());
        par.put("omegaGrowth", lc.omegaGrowth());
        par.put("rollouts", lc.rollouts());
        par.put("finalWindow", finalWindow(c.steps()));
        ArrayNode pay = par.putArray("payoff");
        for (double[] row : PAYOFF) {
            ArrayNode a = pay.addArray();
            for (double x : row) {
                a.add(x);
            }
        }
        ArrayNode ps = root.putArray("pairings");
        for (Pairing p : pairings()) {
            ObjectNode o = ps.addObject();
            o.put("id", p.id());
            o.put("setting", p.setting().id());
            o.set("agent", player(p.agent()));
            o.set("opponent", player(p.opponent()));
        }
        ArrayNode ex = root.putArray("exactBetas");
        for (double b : res.betas()) {
            ex.add(b);
        }
        ArrayNode fs = root.putArray("files");
        for (Path f : files) {
            fs.add(f.getFileName().toString());
        }
        root.set("provenance", ResultWriter.provenance());
        return root;
    }

    private static ObjectNode player(PlayerSpec s) {
        ObjectNode o = F.objectNode();
        o.put("kind", s.kind().id());
        o.put("betaAgent", s.betaAgent());
        o.put("betaOpponent", s.betaOpponent());
        return o;
    }

    /** The table printed on standard output. */
    public static String table(Results res) {
        StringBuilder sb = new StringBuilder();
        int steps = res.config().steps();
        sb.append(String.format(Locale.ROOT, "%s: %d seeds x %d steps (final = mean of the last %d steps over seeds;"
                + " actions 0-based, agent = row player i)%n", NAME, res.config().seeds(), steps, finalWindow(steps)));
        String fmt = "%-12s %-12s %-12s %13s %16s %14s %14s%n";
        sb.append(String.format(Locale.ROOT, fmt, "setting", "agent", "opponent", "final reward", "opponent reward",
                "final actions", "closed form"));
        for (Outcome o : res.outcomes()) {
            sb.append(String.format(Locale.ROOT, fmt, o.pairing().setting().id(), o.pairing().agent().kind().id(),
                    o.pairing().opponent().kind().id(), String.format(Locale.ROOT, "%.3f", o.finalReward()),
                    String.format(Locale.ROOT, "%.3f", o.finalRewardOpponent()), pair(o.finalActions()),
                    pair(o.exactActions())));
        }
        sb.append(String.format(Locale.ROOT, "closed form: most likely actions of the exact policies on the true payoffs"
                + " at the last step's beta omega = %.3g%n", BETA * Math.pow(LearningConfig.THESIS_OMEGA_GROWTH, steps - 1)));
        return sb.toString().replace("\r\n", "\n");
    }

    private static String pair(int[] a) {
        return "[" + a[0] + ", " + a[1] + "]";
    }

    // ---------------------------------------------------------------- figures

    private static final String STEP_AXIS = "step t (omega_t = 1.01^t)";

    /** Mean, min and max over seeds of a per-step quantity. */
    private static double[][] stats(List<LearningTrace> runs, ToDoubleBiFunction<LearningTrace, Integer> f) {
        int steps = runs.get(0).steps();
        double[] mean = new double[steps];
        double[] lo = new double[steps];
        double[] hi = new double[steps];
        for (int t = 0; t < steps; t++) {
            double s = 0.0;
            double mn = Double.POSITIVE_INFINITY;
            double mx = Double.NEGATIVE_INFINITY;
            for (LearningTrace tr : runs) {
                double v = f.applyAsDouble(tr, t);
                s += v;
                mn = Math.min(mn, v);
                mx = Math.max(mx, v);
            }
            mean[t] = s / runs.size();
            lo[t] = mn;
            hi[t] = mx;
        }
        return new double[][] {mean, lo, hi};
    }

    private static double[] stepsAxis(int steps) {
        double[] x = new double[steps];
        for (int t = 0; t < steps; t++) {
            x[t] = t;
        }
        return x;
    }

    private static String band(Results res) {
        return "band: min-max over " + res.config().seeds() + (res.config().seeds() == 1 ? " seed" : " seeds");
    }

    static Figure figure31(Results res) {
        List<Pairing> ps = pairings();
        double[] x = stepsAxis(res.config().steps());
        List<Series> series = new ArrayList<>();
        // ROMMEO drawn wide under a narrow PR2: with equal temperatures and uniform priors the two compute
        // the same policy (the marginal of one joint Boltzmann distribution), so the curves coincide
        float[] widths = {5.0f, 1.5f};
        for (int p = 0; p < 2; p++) {
            double[][] s = stats(res.traces().get(p), LearningTrace::rewardAgent);
            series.add(Series.band(ps.get(p).label() + (p == 0 ? " (wide)" : " (narrow)"), x, s[0], s[1], s[2], p,
                    widths[p]));
        }
        Panel panel = new Panel("Figure 3.1: cooperative game (3.1), ROMMEO and PR2", STEP_AXIS + "; " + band(res),
                "reward of agent i (mean of 50 rollouts)", series, false, -0.5, 10.5, List.of(), List.of(10.0));
        return new Figure(List.of(panel), 1, 900, 500);
    }

    static Figure figure32(Results res) {
        List<Pairing> ps = pairings();
        double[] x = stepsAxis(res.config().steps());
        List<Panel> panels = new ArrayList<>();
        String[] titles = {"(a) Balancing Q vs adversarial Balancing Q", "(b) PR2 (cooperative opponent model) vs Balancing Q"};
        for (int p = 2; p < 4; p++) {
            Pairing pr = ps.get(p);
            double[][] a = stats(res.traces().get(p), LearningTrace::rewardAgent);
            double[][] b = stats(res.traces().get(p), LearningTrace::rewardOpponent);
            List<Series> series = List.of(
                    Series.band("agent i (" + pr.agent().kind().label() + ")", x, a[0], a[1], a[2], 0, Series.WIDTH),
                    Series.band("opponent j (" + pr.opponent().kind().label() + ")", x, b[0], b[1], b[2], 3, Series.WIDTH));
            panels.add(new Panel("Fig. 3.2" + titles[p - 2], STEP_AXIS + "; " + band(res), "reward (mean of 50 rollouts)",
                    series, false, -5.0, 5.0, List.of(), List.of(2.0, -2.0)));
        }
        return new Figure(panels, 2, 600, 420);
    }

    /** Every k-th entry (and the last), k chosen to leave about {@code target} points. */
    private static double[] thin(double[] v, int target) {
        int k = Math.max(1, v.length / target);
        int n = (v.length - 1) / k + 1 + ((v.length - 1) % k == 0 ? 0 : 1);
        double[] out = new double[n];
        for (int i = 0; i < n - 1; i++) {
            out[i] = v[i * k];
        }
        out[n - 1] = v[v.length - 1];
        return out;
    }

    static Figure policiesFigure(Results res) {
        List<Pairing> ps = pairings();
        // the mean policies are smooth: about 60 points per curve keep dashed lines visible as dashes
        int target = 60;
        double[] x = thin(stepsAxis(res.config().steps()), target);
        List<Panel> panels = new ArrayList<>();
        for (int p = 0; p < ps.size(); p++) {
            List<LearningTrace> runs = res.traces().get(p);
            List<Series> series = new ArrayList<>();
            for (int a = 0; a < 3; a++) {
                final int ai = a;
                series.add(Series.line("agent a" + (a + 1), x, thin(stats(runs, (tr, t) -> tr.policyAgent(t)[ai])[0], target), a,
                        false));
            }
            for (int b = 0; b < 3; b++) {
                final int bi = b;
                series.add(Series.line("opponent b" + (b + 1), x, thin(stats(runs, (tr, t) -> tr.policyOpponent(t)[bi])[0], target),
                        b, true));
            }
            panels.add(new Panel(ps.get(p).setting().id() + ": " + ps.get(p).label() + " (mean over seeds)", STEP_AXIS,
                    "P(action): agent i solid, opponent j dashed", series, false, -0.02, 1.02, List.of(), List.of()));
        }
        return new Figure(panels, 2, 620, 420);
    }

    static Figure exactFigure(Results res) {
        List<Pairing> ps = pairings();
        double b0 = BETA;
        double b1 = BETA * Math.pow(LearningConfig.THESIS_OMEGA_GROWTH, res.config().steps() - 1);
        List<Double> marks = new ArrayList<>();
        for (double b : new double[] {b0, b1}) {
            if (b >= BETA_MIN && b <= BETA_MAX) {
                marks.add(b);
            }
        }
        List<Panel> panels = new ArrayList<>();
        for (int p = 0; p < ps.size(); p++) {
            ExactPicture.Curve[] c = res.exact().get(p);
            List<Series> series = new ArrayList<>();
            for (int a = 0; a < 3; a++) {
                series.add(Series.line("agent a" + (a + 1), c[0].betas(), column(c[0].policy(), a), a, false));
            }
            for (int b = 0; b < 3; b++) {
                series.add(Series.line("opponent b" + (b + 1), c[1].betas(), column(c[1].policy(), b), b, true));
            }
            panels.add(new Panel("closed form, " + ps.get(p).setting().id() + ": " + ps.get(p).label(),
                    "beta (agent's inverse temperature; the run sweeps the dotted range)",
                    "P(action): agent i solid, opponent j dashed", series, true, -0.02, 1.02, marks, List.of()));
        }
        return new Figure(panels, 2, 620, 420);
    }

    private static double[] column(double[][] m, int j) {
        double[] c = new double[m.length];
        for (int i = 0; i < m.length; i++) {
            c[i] = m[i][j];
        }
        return c;
    }
}
