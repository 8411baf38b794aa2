import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.memarl.chains.ChainDeclaration;
import org.memarl.chains.ChoiceModel;
import org.memarl.io.ChainFiles;
import org.memarl.io.GameReader;
import org.memarl.model.Game;
import org.memarl.solve.ChainSolution;
import org.memarl.solve.ChainSolver;
import org.memarl.solve.IterationOptions;

/**
 * The cookbook's two short recipes ({@code docs/cookbook.md}) on {@code examples/pursuit-3-state.json}:
 * <ol>
 *   <li>a beta per level swept with a parameter: {@code examples/chains/opponent-beta-sweep.json} declares
 *   the opponent's beta as {@code "$beta"} (the agent keeps beta = 2) and each value is bound with
 *   {@code problem(model, Map.of("beta", x))}, as {@code solve --param beta=X} does; V rises with the beta
 *   from the hard minimum ({@code -inf}) through the prior expectation ({@code 0}) to the hard maximum
 *   ({@code inf});</li>
 *   <li>a conditional inline prior: {@code examples/chains/agent-prior-table.json} gives the agent's prior
 *   as a table {@code P[s][b][a]} given the outer opponent level; the same table declared in Java with
 *   {@link ChainDeclaration.Prior#table} gives the same values.</li>
 * </ol>
 * Run from the project folder: {@code java -cp target/memarl.jar examples/java/ChainRecipes.java}.
 * Prints one number per line as {@code NAME(ARGUMENTS) = VALUE}.
 */
public final class ChainRecipes {
    /** The sweep's opponent betas. */
    static final double[] BETAS = {Double.NEGATIVE_INFINITY, -4.0, -1.0, 0.0, 1.0, 4.0, Double.POSITIVE_INFINITY};

    private ChainRecipes() {
    }

    public static void main(String[] args) {
        Game game = GameReader.readGame(Path.of("examples/pursuit-3-state.json"));
        ChoiceModel model = ChoiceModel.of(game);
        IterationOptions options = IterationOptions.defaults().withTolerance(1e-12);
        List<String> states = model.contextNames();

        // Recipe 1: one file, a sweep over the opponent level's beta.
        ChainDeclaration sweep = ChainFiles.read(Path.of("examples/chains/opponent-beta-sweep.json"));
        System.out.println("# " + sweep + "; parameters " + sweep.parameters());
        for (double beta : BETAS) {
            ChainSolution sol = ChainSolver.solve(sweep.problem(model, Map.of("beta", beta)), options)
                    .requireConverged("sweep");
            for (int s = 0; s < states.size(); s++) {
                line("V[beta=" + num(beta) + "]", states.get(s), sol.value(s));
            }
        }

        // Recipe 2: the agent's prior as an inline table P[s][opponent][agent].
        ChainDeclaration file = ChainFiles.read(Path.of("examples/chains/agent-prior-table.json"));
        double[] table = {
            0.5, 0.5, 0.5, 0.5,   // far:      given flee, given hide
            0.5, 0.5, 0.8, 0.2,   // near
            0.1, 0.9, 0.8, 0.2};  // adjacent
        ChainDeclaration java = ChainDeclaration.builder().name("agent-prior-table")
                .level("opponent", -1.0)
                .level("agent", 2.0, ChainDeclaration.Prior.table(List.of("opponent"), table, new int[] {3, 2, 2}))
                .build();
        ChainSolution sol = ChainSolver.solve(file.problem(model), options).requireConverged("prior table");
        ChainSolution solJava = ChainSolver.solve(java.problem(model), options).requireConverged("prior table (Java)");
        System.out.println("# " + file);
        for (int s = 0; s < states.size(); s++) {
            line("V_table", states.get(s), sol.value(s));
        }
        int inner = sol.level("agent");
        List<String> agent = game.agentActionNames();
        List<String> opponent = game.opponentActionNames();
        for (int s = 0; s < states.size(); s++) {
            for (int b = 0; b < opponent.size(); b++) {
                for (int a = 0; a < agent.size(); a++) {
                    line("pi_agent_table", agent.get(a) + " | " + states.get(s) + ", " + opponent.get(b),
                            sol.policy(inner, s, b, a));
                }
            }
        }
        double d = 0.0;
        for (int s = 0; s < states.size(); s++) {
            d = Math.max(d, Math.abs(sol.value(s) - solJava.value(s)));
        }
        line("maxdiff", "V_table, V_table_java", d);
    }

    private static void line(String name, String args, double x) {
        System.out.println(name + "(" + args + ") = " + String.format(Locale.ROOT, "%.10f", x));
    }

    private static String num(double x) {
        if (Double.isInfinite(x)) {
            return x > 0 ? "inf" : "-inf";
        }
        return x == Math.rint(x) ? Long.toString((long) x) : Double.toString(x);
    }
}
