package org.memarl.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.memarl.InvalidModelException;
import org.memarl.model.DecPomdp;
import org.memarl.model.Pomdp;

/** The pomdp and dec-pomdp readers: wildcards, deterministic observations, round trip, one-line errors. */
class BeliefReadersTest {
    static ObjectNode tree(String example) throws Exception {
        return (ObjectNode) Json.parse(Files.readAllBytes(Path.of("examples", example + ".json")), example);
    }

    static String error(String example, Consumer<ObjectNode> edit) throws Exception {
        ObjectNode t = tree(example);
        edit.accept(t);
        return assertThrows(InvalidModelException.class, () -> Models.read(t)).getMessage();
    }

    @Test
    void badTwoStepWildcardsExpandToEveryAction() throws Exception {
        DecPomdp d = DecPomdpReader.readDecPomdp(tree("bad-two-step"));
        int s = d.states().indexOf("cards 01, C played");
        int a1 = d.agent(1).actions().indexOf("C");
        for (int a0 = 0; a0 < 4; a0++) {
            assertEquals(10.0, d.reward(s, d.joint(a0, a1)), 0.0, "payoff[0][1][C][C] for every action of player 0");
        }
        assertEquals(0.0, d.reward(0, d.joint(1, 1)), 0.0, "missing sparse rewards are 0");
        assertEquals(1.0, d.agent(0).observation(s, 0), 0.0, "player 0 sees card 0");
        assertEquals(1.0, d.agent(1).observation(s, 1), 0.0, "player 1 sees card 1");
        assertEquals(2, d.agent(0).priorSteps());
    }

    @Test
    void roundTripThroughTheWriter() throws Exception {
        for (String ex : new String[] {"bad-two-step", "hint-guess", "tiger"}) {
            Models.Model m = Models.read(tree(ex));
            JsonNode once = Models.toJson(m);
            JsonNode twice = Models.toJson(Models.read(once));
            assertEquals(once, twice, ex);
        }
        Pomdp p = PomdpReader.readPomdp(tree("tiger"));
        assertArrayEquals(new double[] {0.5, 0.5}, p.initial(), 0.0);
        assertEquals(0.85, p.observation(0, 0, 0), 0.0);
    }

    @Test
    void errorsNameKeyIndexAndValue() throws Exception {
        assertEquals("agents[1].colour: unknown key (allowed: actions, name, observations, observe, prior)",
                error("bad-two-step", t -> ((ObjectNode) t.get("agents").get(1)).put("colour", "red")));
        assertEquals("agents: expected an array of 2 agent objects, got an array of 1",
                error("bad-two-step", t -> ((ArrayNode) t.get("agents")).remove(1)));
        assertEquals("agents[0].observe[3]: unknown observation name \"card 2\"",
                error("bad-two-step", t -> ((ArrayNode) t.get("agents").get(0).get("observe")).set(3, "card 2")));
        String dup = error("bad-two-step", t -> ((ArrayNode) t.get("rewards").get("sparse"))
                .add(Json.mapper().createArrayNode().add("cards 00, A played").add("A").add("*").add(1)));
        assertEquals("rewards.sparse[36]: duplicate entry for rewards[4][1][1] (also at rewards.sparse[0])", dup);
        assertEquals("transitions[0][0][0]: row sums to 0, expected 1 (tolerance 1e-9)",
                error("bad-two-step", t -> ((ArrayNode) t.get("transitions").get("sparse")).remove(3)));
        assertEquals("agents[0].prior[1][0]: row sums to 0.5, expected 1 (tolerance 1e-9)",
                error("bad-two-step", t -> ((ArrayNode) t.get("agents").get(0).get("prior").get(1).get(0)).set(0, 0.5)));
        assertEquals("observe[1][2]: row sums to 1.1, expected 1 (tolerance 1e-9)",
                error("tiger", t -> ((ArrayNode) t.get("observe").get(1).get(2)).set(0, 0.6)));
        assertEquals("observations: missing", error("tiger", t -> t.remove("observations")));
        assertEquals("public.observe[0]: unknown observation name \"public 9\"",
                error("hint-guess", t -> ((ArrayNode) t.get("public").get("observe")).set(0, "public 9")));
    }
}
