package io.pjctrl.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

import io.pjctrl.contract.chain.ChainVerifier;
import io.pjctrl.contract.chain.ChainedEntry;
import io.pjctrl.contract.chain.Checksums;

class DatasetToolTest {

    @Test
    void shouldBuildChainsThatVerify() {
        EventGenerator generator = new EventGenerator(5, 30, Instant.parse("2026-01-01T00:00:00Z"), 1_000);
        SplittableRandom random = new SplittableRandom(5);
        List<ChainedEntry> chain = new ArrayList<>();
        String head = Checksums.GENESIS;
        for (int seq = 1; seq <= 2_000; seq++) {
            ChainedEntry entry = ChainedEntry.append(head, DatasetTool.entry(generator.next(), random, "bench-0", seq));
            chain.add(entry);
            head = entry.checksum();
        }

        assertThat(ChainVerifier.verify("bench-0", chain)).isEmpty();
    }
}
