package io.pjctrl.contract.tlog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ConsistencyTest {

    private static final String ORIGIN = "audit.pjctrl.example/events-0";
    private static ReferenceTree honest;
    private static ReferenceTree rewritten;

    @BeforeAll
    static void buildTrees() {
        honest = ReferenceTree.ofSize(600);
        // a superuser rewrote the tail from leaf 400 on and recomputed every hash
        rewritten = new ReferenceTree();
        for (int i = 0; i < 600; i++) {
            rewritten.add(ReferenceTree.leafData(i < 400 ? i : 5_000 + i));
        }
    }

    @Test
    void shouldAcceptEveryHeldCheckpointTheStoredTreeExtends() {
        for (int held = 0; held <= 600; held += 37) {
            assertThat(Consistency.compare(checkpoint(honest, held), 600, honest.hashReader(600))).isEmpty();
        }
    }

    @Test
    void shouldReportAHeldCheckpointThatTheRewrittenTreeNoLongerExtends() {
        InconsistentCheckpoint mismatch = Consistency
                .compare(checkpoint(honest, 500), 600, rewritten.hashReader(600)).orElseThrow();

        assertThat(mismatch.kind()).isEqualTo(InconsistentCheckpoint.Kind.ROOT_DIFFERS);
        assertThat(mismatch.heldRoot()).isEqualTo(honest.root(500));
        assertThat(mismatch.storedRootAtHeldSize()).isEqualTo(rewritten.root(500));
        assertThat(mismatch.describe()).contains("size 500");
        // checkpoints from before the edit point still agree: the evidence names which ones do not
        assertThat(Consistency.compare(checkpoint(honest, 400), 600, rewritten.hashReader(600))).isEmpty();
    }

    @Test
    void shouldReportATruncatedTreeAsSmallerThanTheHeldCheckpoint() {
        InconsistentCheckpoint mismatch = Consistency.compare(checkpoint(honest, 550), 520, honest.hashReader(520))
                .orElseThrow();

        assertThat(mismatch.kind()).isEqualTo(InconsistentCheckpoint.Kind.STORED_TREE_SMALLER);
        assertThat(mismatch.storedSize()).isEqualTo(520);
        assertThat(mismatch.storedRootAtHeldSize()).isNull();
    }

    @Test
    void shouldReturnAVerifiedProofBeforeSigningAnExtension() {
        List<byte[]> proof = Consistency.proveExtends(checkpoint(honest, 300), 600, honest.root(600),
                honest.hashReader(600));

        assertThat(proof).containsExactlyElementsOf(honest.consistency(300, 600));
        assertThat(Consistency.proveExtends(checkpoint(honest, 0), 600, honest.root(600), honest.hashReader(600)))
                .isEmpty();
    }

    @Test
    void shouldRefuseToSignATreeThatDoesNotExtendThePreviousCheckpoint() {
        assertThatThrownBy(() -> Consistency.proveExtends(checkpoint(honest, 500), 600, rewritten.root(600),
                rewritten.hashReader(600))).isInstanceOfSatisfying(RootMismatchException.class,
                        e -> assertThat(e.expectedRoot()).isEqualTo(honest.root(500)));
        assertThatThrownBy(() -> Consistency.proveExtends(checkpoint(honest, 500), 450, honest.root(450),
                honest.hashReader(450))).isExactlyInstanceOf(InvalidProofException.class)
                .hasMessageContaining("smaller");
    }

    private static Checkpoint checkpoint(ReferenceTree tree, int size) {
        return new Checkpoint(ORIGIN, size, tree.root(size), List.of("time 1764547200"));
    }
}
