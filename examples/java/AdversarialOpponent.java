import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.memarl.chains.ChainDeclaration;
import org.memarl.chains.ChoiceModel;
import org.memarl.chains.ThesisChains;
import org.memarl.io.ChainFiles;
import org.memarl.io.GameReader;
import org.memarl.model.Game;
import org.memarl.solve.ChainSolution;
import org.memarl.solve.ChainSolver;
import org.memarl.solve.IterationOptions;

/**
 * The cookbook's walk-through ({@code docs/cookbook.md}): a recursion the thesis does not name, an
 * adversarial opponent model (beta = -1) outside an agent that conditions on the opponent's action
 * (beta = 2, prior {@code agentGivenOpponent}),
 *
 * <pre>
 *   V(s) = M_b^{-1}[ M_a^{2}[ Q(s, a, b) | P(a | s, b) ] | P(b | s) ],   Q(s, a, b) = r(s, a, b) + gamma E V(s'),
 * </pre>
 *
 * declared in Java and read from {@code examples/chains/adversarial-opponent.json}, solved, and compared with
 * two thesis algorithms: Balancing Q from the opponent's perspective (3.29)-(3.30) with beta_i = 2,
 * beta_-i = -1 (the same chain: the values agree) and ROMMEO (3.14)-(3.15) at one beta (a different chain:
 * V is monotone in each level's beta, so ROMMEO at beta = -1 lies below and ROMMEO at beta = 2 above).
 *
 * <p>Run from the project folder after {@code mvn -o -q -DskipTests package}:
 * {@code java -cp target/memarl.jar examples/java/AdversarialOpponent.java [MODEL [CHAIN]]}
 * (defaults: {@code examples/pursuit-3-state.json}, {@code examples/chains/adversarial-opponent.json}).
 * Prints one number per line as {@code NAME(ARGUMENTS) = VALUE}.
 */
public final class AdversarialOpponent {
    private AdversarialOpponent() {
    }

    public static void main(String[] args) {
        Path modelFile = Path.of(args.length > 0 ? args[0] : "examples/pursuit-3-state.json");
        Path chainFile = Path.of(args.length > 1 ? args[1] : "examples/chains/adversarial-opponent.json");
        Game game = GameReader.readGame(modelFile);
        ChoiceModel model = ChoiceModel.of(game);
        IterationOptions options = IterationOptions.defaults().withTolerance(1e-12);

        // 1. Declare the chain: levels outermost first.
        ChainDeclaration adversarial = ChainDeclaration.builder()
                .name("adversarial-opponent")
                .level("opponent", -1.0)
                .level("agent", 2.0, ChainDeclaration.Prior.named("agentGivenOpponent"))
                .build();
        // The same chain as a file: the reader gives the same declaration.
        ChainDeclaration fromFile = ChainFiles.read(chainFile);

        // 2. Bind it to the model and solve (fixed point; the model's horizon is 0).
        ChainSolution sol = ChainSolver.solve(adversarial.problem(model), options).requireConverged("adversarial chain");
        ChainSolution solFile = ChainSolver.solve(fromFile.problem(model), options).requireConverged("chain file");

        List<String> states = model.contextNames();
        List<String> agent = game.agentActionNames();
        List<String> opponent = game.opponentActionNames();
        System.out.println("# " + game.name() + ": " + adversarial);
        System.out.println("# converged in " + sol.iterations() + " sweeps, error bound " + sci(sol.errorBound()));
        for (int s = 0; s < states.size(); s++) {
            line("V", states.get(s), sol.value(s));
        }
        int outer = sol.level("opponent");
        int inner = sol.level("agent");
        for (int s = 0; s < states.size(); s++) {
            for (int b = 0; b < opponent.size(); b++) {
                line("pi_opponent", opponent.get(b) + " | " + states.get(s), sol.policy(outer, s, 0, b));
            }
        }
        for (int s = 0; s < states.size(); s++) {
            for (int b = 0; b < opponent.size(); b++) {
                for (int a = 0; a < agent.size(); a++) {
                    // the inner level's prefix is the outer level's choice b
                    line("pi_agent", agent.get(a) + " | " + states.get(s) + ", " + opponent.get(b), sol.policy(inner, s, b, a));
                }
            }
        }
        System.out.println("# the chain file gives the same values: max |V - V_file| = "
                + sci(maxDiff(sol.values(), solFile.values())));

        // 3. Compare with the thesis: Balancing Q from the opponent's perspective is this very chain.
        ChainSolution balancing = ChainSolver.solve(ThesisChains.balancingQ(false, 2.0, -1.0).problem(model), options)
                .requireConverged("balancing-q");
        for (int s = 0; s < states.size(); s++) {
            line("V_balancingQ", states.get(s), balancing.value(s));
        }
        line("maxdiff", "V, V_balancingQ", maxDiff(sol.values(), balancing.values()));

        // ROMMEO puts one beta on both levels: a cooperative (beta = 2) or adversarial (beta = -1) agent as well.
        for (double beta : new double[] {-1.0, 2.0}) {
            ChainSolution rommeo = ChainSolver.solve(ThesisChains.rommeo(beta).problem(model), options)
                    .requireConverged("rommeo");
            String tag = "V_rommeo[" + num(beta) + "]";
            for (int s = 0; s < states.size(); s++) {
                line(tag, states.get(s), rommeo.value(s));
            }
            int o = rommeo.level("opponent");
            for (int s = 0; s < states.size(); s++) {
                for (int b = 0; b < opponent.size(); b++) {
                    line("pi_opponent_rommeo[" + num(beta) + "]", opponent.get(b) + " | " + states.get(s),
                            rommeo.policy(o, s, 0, b));
                }
            }
            line("maxdiff", "V, " + tag, maxDiff(sol.values(), rommeo.values()));
            boolean ordered = true;
            for (int s = 0; s < states.size(); s++) {
                ordered &= beta < 2.0 ? rommeo.value(s) <= sol.value(s) : sol.value(s) <= rommeo.value(s);
            }
            System.out.println("# " + (beta < 2.0 ? tag + " <= V" : "V <= " + tag) + " at every state: " + ordered);
        }
    }

    private static void line(String name, String args, double x) {
        System.out.println(name + "(" + args + ") = " + String.format(Locale.ROOT, "%.10f", x));
    }

    private static String sci(double x) {
        return String.format(Locale.ROOT, "%.1e", x);
    }

    private static String num(double x) {
        return x == Math.rint(x) ? Long.toString((long) x) : Double.toString(x);
    }

    private static double maxDiff(double[] a, double[] b) {
        double d = 0.0;
        for (int i = 0; i < a.length; i++) {
            d = Math.max(d, Math.abs(a[i] - b[i]));
        }
        return d;
    }
}
