package org.memarl.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.memarl.algorithms.RunConfig;
import org.memarl.algorithms.soft.SoftValueIteration;
import org.memarl.io.Json;
import org.memarl.io.ModelReader;
import org.memarl.io.Npz;
import org.memarl.io.NpzModel;
import org.memarl.model.Mdp;
import org.memarl.model.RandomMdp;
import org.memarl.testing.Tolerance;

/**
 * {@code memarl generate random-mdp} and {@code solve MODEL.npz}: the JSON and .npz outputs of one seed
 * are the same model, {@code solve} reads both (and the layout of {@code peer_bench.py --save}), and
 * bad input is a one-line error with exit 2.
 */
class GenerateCommandTest {
    @TempDir
    Path dir;

    private static double[] values(JsonNode result) {
        JsonNode v = result.get("values").get("V");
        double[] out = new double[v.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = v.get(i).asDouble();
        }
        return out;
    }

    @Test
    @DisplayName("generate -> solve: the .npz and the JSON of one seed give the same soft values, with 1 or 2 threads,"
            + " and equal an independent solve of the generated arrays")
    void roundTrip() throws Exception {
        Path npz = dir.resolve("m.npz");
        Path json = dir.resolve("m.json");
        String[] common = {"--states", "40", "--actions", "3", "--successors", "5", "--seed", "11", "--gamma", "0.9",
            "--prior", "random"};
        Cli.run(concat(new String[] {"generate", "random-mdp", "--out", npz.toString()}, common)).assertExit(0);
        Cli.run(concat(new String[] {"generate", "random-mdp", "--out", json.toString()}, common)).assertExit(0);
        Mdp fromNpz = NpzModel.read(npz);
        Mdp fromJson = ModelReader.readMdp(json);
        assertEquals(fromJson.numStates(), fromNpz.numStates());
        assertEquals(fromJson.transitions().nonzeros(), fromNpz.transitions().nonzeros());
        assertArrayEquals(fromJson.rewardsFlat(), fromNpz.rewardsFlat(), 0.0);
        assertArrayEquals(fromJson.priorFlat(), fromNpz.priorFlat(), 0.0);
        Path r1 = dir.resolve("r1.json");
        Path r2 = dir.resolve("r2.json");
        Cli.run("solve", npz.toString(), "--algorithm", "soft-value-iteration", "--beta", "2", "--tolerance", "1e-9",
                "--out", r1.toString()).assertExit(0);
        Cli.run("solve", json.toString(), "--algorithm", "soft-value-iteration", "--beta", "2", "--tolerance", "1e-9",
                "--threads", "2", "--out", r2.toString()).assertExit(0);
        double[] v1 = values(Json.parse(Files.readAllBytes(r1), "r1"));
        double[] v2 = values(Json.parse(Files.readAllBytes(r2), "r2"));
        // same arrays: the JSON's decimal probabilities round-trip exactly (shortest repr), so equal bit for bit
        assertArrayEquals(v1, v2, 0.0);
        RandomMdp g = RandomMdp.generate(40, 3, 5, 11, true);
        double[] ref = SoftValueIteration.solve("ref", g.mdp("ref", 0.9), 2.0,
                RunConfig.builder().tolerance(1e-9).build()).V();
        assertArrayEquals(ref, v1, 1e-9 + Tolerance.ulps(64, Tolerance.maxAbs(ref)));
        assertFalse(Files.list(dir).anyMatch(p -> p.getFileName().toString().endsWith(".tmp")));
    }

    @Test
    @DisplayName("solve reads the layout of peer_bench.py --save: R, int64 indices, and the scalars S, A, k, beta, seed, V0")
    void peerBenchLayout() throws Exception {
        RandomMdp g = RandomMdp.generate(30, 2, 4, 3, false);
        long[] indptr = new long[g.rowStart().length];
        for (int i = 0; i < indptr.length; i++) {
            indptr[i] = g.rowStart()[i];
        }
        long[] indices = new long[g.columns().length];
        for (int i = 0; i < indices.length; i++) {
            indices[i] = g.columns()[i];
        }
        List<Npz.Array> arrays = new ArrayList<>();
        arrays.add(Npz.Array.of("indptr", indptr, indptr.length));
        arrays.add(Npz.Array.of("indices", indices, indices.length));
        arrays.add(Npz.Array.of("data", g.probabilities(), g.probabilities().length));
        arrays.add(Npz.Array.of("R", g.rewards(), 30, 2));
        arrays.add(Npz.Array.of("V0", new double[30], 30));
        arrays.add(Npz.Array.scalar("S", 30L));
        arrays.add(Npz.Array.scalar("A", 2L));
        arrays.add(Npz.Array.scalar("k", 4L));
        arrays.add(Npz.Array.scalar("gamma", 0.95));
        arrays.add(Npz.Array.scalar("beta", 1.0));
        arrays.add(Npz.Array.scalar("seed", 3L));
        Path p = dir.resolve("peer.npz");
        NpzModel.write(p, arrays);
        Mdp m = NpzModel.read(p);
        assertEquals(30, m.numStates());
        assertEquals(0.95, m.gamma());
        Mdp direct = g.mdp("x", 0.95);
        for (int r = 0; r < 60; r++) {
            for (int c = 0; c < 30; c++) {
                assertEquals(direct.transitions().get(r, c), m.transitions().get(r, c));
            }
        }
        Cli.run("solve", p.toString(), "--algorithm", "value-iteration", "--tolerance", "1e-8").assertExit(0);
    }

    @Test
    @DisplayName("bad generate options and bad .npz models are one-line errors with exit 2, and nothing is written")
    void errors() throws Exception {
        Cli.run("generate", "random-mdp", "--states", "5", "--actions", "2", "--successors", "6", "--out",
                dir.resolve("a.npz").toString()).assertExit(2).assertOneLineError("successors", "6");
        Cli.run("generate", "random-mdp", "--states", "5", "--actions", "2", "--successors", "2", "--out",
                dir.resolve("a.txt").toString()).assertExit(2).assertOneLineError("out", ".npz");
        Cli.run("generate", "random-game", "--states", "5", "--actions", "2", "--successors", "2", "--out",
                dir.resolve("a.npz").toString()).assertExit(2).assertOneLineError("kind", "random-game");
        Cli.run("generate", "random-mdp", "--states", "5", "--actions", "0", "--successors", "2", "--out",
                dir.resolve("a.npz").toString()).assertExit(2).assertOneLineError("actions", "0");
        assertTrue(Files.list(dir).findAny().isEmpty(), "nothing written");
        // a row whose probabilities do not sum to 1
        RandomMdp g = RandomMdp.generate(6, 2, 2, 1, false);
        double[] bad = g.probabilities().clone();
        bad[5] *= 0.5;
        Path p = dir.resolve("bad.npz");
        NpzModel.write(p, NpzModel.arrays(6, 2, g.rowStart(), g.columns(), bad, g.rewards(), null, 0.9));
        Cli.run("solve", p.toString(), "--algorithm", "value-iteration").assertExit(2)
                .assertOneLineError("transitions[1][0]", "sums to");
        // unsorted columns
        int[] cols = g.columns().clone();
        int t = cols[0];
        cols[0] = cols[1];
        cols[1] = t;
        NpzModel.write(p, NpzModel.arrays(6, 2, g.rowStart(), cols, g.probabilities(), g.rewards(), null, 0.9));
        Cli.run("solve", p.toString(), "--algorithm", "value-iteration").assertExit(2)
                .assertOneLineError("indices[1]", "increasing");
        // an unknown array and a missing gamma
        List<Npz.Array> a = new ArrayList<>(NpzModel.arrays(6, 2, g.rowStart(), g.columns(), g.probabilities(),
                g.rewards(), null, 0.9));
        a.add(Npz.Array.scalar("temperature", 1.0));
        NpzModel.write(p, a);
        Cli.run("solve", p.toString(), "--algorithm", "value-iteration").assertExit(2)
                .assertOneLineError("temperature", "unknown array");
        a.remove(a.size() - 1);
        a.removeIf(x -> "gamma".equals(x.name()));
        NpzModel.write(p, a);
        Cli.run("solve", p.toString(), "--algorithm", "value-iteration").assertExit(2).assertOneLineError("gamma", "missing");
        // a truncated file
        byte[] whole = Files.readAllBytes(dir.resolve("bad.npz"));
        try (OutputStream o = Files.newOutputStream(p)) {
            o.write(whole, 0, whole.length / 2);
        }
        Cli.run("solve", p.toString(), "--algorithm", "value-iteration").assertExit(2).assertNoStackTrace();
    }

    private static String[] concat(String[] a, String[] b) {
        String[] out = new String[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
