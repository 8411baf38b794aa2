package org.memarl.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.memarl.InvalidModelException;
import org.memarl.chains.ChainDeclaration;
import org.memarl.chains.ChoiceModel;
import org.memarl.io.ChainFiles;
import org.memarl.io.ChainResults;
import org.memarl.io.Json;
import org.memarl.io.Models;
import org.memarl.model.Game;
import org.memarl.model.Mdp;
import org.memarl.solve.ChainProblem;
import org.memarl.solve.ChainSolution;
import org.memarl.solve.ChainSolver;
import org.memarl.solve.IterationOptions;
import picocli.CommandLine;

/**
 * {@code solve MODEL --chain CHAIN.json [--param NAME=X ...]}: reads a declared chain ({@link ChainFiles}),
 * binds it to the model ({@link ChoiceModel#of}, {@link ChainDeclaration#problem}) with {@code --gamma} and
 * {@code --horizon} applied to the model first, solves it ({@link ChainSolver}: the fixed point, or the exact
 * backward recursion with a horizon) and writes the result, a {@link org.memarl.solve.Solution}
 * ({@link ChainResults#toSolution}), as every other result is written ({@code SolveCommand.writeResult}: to
 * {@code --out} atomically, or standard output). Exit 3 when the fixed point was not reached (the result is
 * still written).
 */
final class ChainSolve {
    /** Options of {@code solve} that a chain does not take (its betas come from the file and --param). */
    private static final String[] REFUSED = {"--beta", "--beta-agent", "--beta-opponent", "--level", "--perspective",
        "--policy", "--seed", "--episodes", "--episode-length", "--plot"};

    private ChainSolve() {
    }

    /** Usage errors of the option combination, before any file is read. */
    static void checkOptions(SolveCommand cmd) {
        CommandLine.ParseResult pr = cmd.spec.commandLine().getParseResult();
        for (String o : REFUSED) {
            if (pr.hasMatchedOption(o)) {
                throw new CommandLine.ParameterException(cmd.spec.commandLine(), o + " does not apply to --chain"
                        + (o.startsWith("--beta") ? " (the chain file gives each level's beta; write \"$name\" there and"
                        + " pass --param name=X)" : ""));
            }
        }
    }

    /** {@code --param NAME=X} values, in the order given. */
    static Map<String, Double> params(List<String> given) {
        Map<String, Double> out = new LinkedHashMap<>();
        if (given == null) {
            return out;
        }
        BetaConverter conv = new BetaConverter();
        for (String p : given) {
            int eq = p.indexOf('=');
            if (eq <= 0) {
                throw new InvalidModelException("param: \"" + p + "\" is not NAME=X");
            }
            String name = p.substring(0, eq);
            if (name.startsWith("$")) {
                name = name.substring(1);
            }
            double x;
            try {
                x = conv.convert(p.substring(eq + 1));
            } catch (CommandLine.TypeConversionException e) {
                throw new InvalidModelException("param: " + name + ": " + e.getMessage());
            }
            if (out.put(name, x) != null) {
                throw new InvalidModelException("param: " + name + " is given twice");
            }
        }
        return out;
    }

    static int run(SolveCommand cmd, Models.Model m, String sha, IterationOptions iteration) {
        if (m instanceof Models.PomdpModel || m instanceof Models.DecPomdpModel) {
            throw new InvalidModelException("chain: --chain applies to mdp, game and matrix-game models, not kind \""
                    + m.kind().label() + "\" (use --algorithm public-belief)");
        }
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(cmd.chain);
        } catch (NoSuchFileException e) {
            throw new InvalidModelException("chain: file not found: " + cmd.chain);
        } catch (IOException e) {
            throw new InvalidModelException("chain: cannot read " + cmd.chain + ": " + e.getMessage());
        }
        JsonNode root = Json.parse(bytes, cmd.chain.toString());
        ChainDeclaration decl = ChainFiles.parse(root);
        Map<String, Double> params = params(cmd.params);
        List<String> used = decl.parameters();
        for (String p : params.keySet()) {
            if (!used.contains(p)) {
                throw new InvalidModelException("param: " + p + " is not a parameter of the chain "
                        + (used.isEmpty() ? "(it has none)" : "(it has " + String.join(", ", used) + ")"));
            }
        }
        ChoiceModel cm;
        List<String> stateNames;
        String name;
        if (m instanceof Models.MdpModel) {
            Mdp mdp = m.asMdp();
            mdp = SolveCommand.overridden(mdp, cmd.gamma, cmd.horizon);
            cm = ChoiceModel.of(mdp);
            stateNames = mdp.stateNames();
            name = mdp.name();
        } else {
            Game game = m.asGame();
            game = SolveCommand.overridden(game, cmd.gamma, cmd.horizon);
            cm = ChoiceModel.of(game);
            stateNames = game.stateNames();
            name = game.name();
        }
        ChainProblem problem = decl.problem(cm, params);
        ChainSolution sol;
        try (Progress progress = new Progress("chain", problem.gamma(), iteration.tolerance(),
                !cmd.noProgress && problem.horizon() == 0)) {
            if (cmd.evaluation != null) {
                // policy iteration of the chain, every level's policy fixed during the evaluation (issue 17)
                org.memarl.algorithms.Evaluation how = org.memarl.algorithms.Evaluation.parse(cmd.evaluation);
                if (how == org.memarl.algorithms.Evaluation.EXACT || problem.horizon() > 0) {
                    throw new InvalidModelException("evaluation: --chain takes krylov or sweeps (matrix-free policy"
                            + " iteration of an infinite-horizon chain), not " + (problem.horizon() > 0
                            ? "a horizon" : "exact"));
                }
                sol = org.memarl.solve.InexactPolicyIteration.solveChain(problem, how == org.memarl.algorithms.Evaluation.SWEEPS
                        ? org.memarl.solve.InexactPolicyIteration.Inner.SWEEPS : org.memarl.solve.InexactPolicyIteration.Inner.KRYLOV,
                        iteration, progress);
            } else {
                sol = ChainSolver.solve(problem, iteration, progress);
            }
        }
        cmd.writeResult(ChainResults.toSolution(sol, new ChainResults.Run(cm, stateNames, root, params, iteration)),
                name, sha);
        if (!sol.converged()) {
            cmd.spec.commandLine().getErr().println("memarl: chain did not converge within " + sol.iterations()
                    + " iterations (error bound " + sol.errorBound() + " > tolerance " + sol.tolerance()
                    + "); result written with \"converged\": false"
                    + SolveCommand.floorHint(sol.values(), sol.iterations(), sol.errorBound(), problem.gamma()));
            return ExitCode.NOT_CONVERGED.code();
        }
        return ExitCode.OK.code();
    }
}
