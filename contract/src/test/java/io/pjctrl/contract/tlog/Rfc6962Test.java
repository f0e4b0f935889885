package io.pjctrl.contract.tlog;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

import org.junit.jupiter.api.Test;

/** Vectors of transparency-dev/merkle rfc6962/rfc6962_test.go (each computable with sha256sum). */
class Rfc6962Test {

    private static final HexFormat HEX = HexFormat.of();

    @Test
    void shouldHashTheEmptyTreeAsSha256OfNothing() {
        assertThat(HEX.formatHex(Rfc6962.emptyRoot()))
                .isEqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    }

    @Test
    void shouldHashAnEmptyLeafDifferentlyFromTheEmptyTree() {
        assertThat(HEX.formatHex(Rfc6962.hashLeaf(new byte[0])))
                .isEqualTo("6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d");
    }

    @Test
    void shouldPrefixLeavesWithZero() {
        assertThat(HEX.formatHex(Rfc6962.hashLeaf(bytes("L123456"))))
                .isEqualTo("395aa064aa4c29f7010acfe3f25db9485bbd4b91897b6ad7ad547639252b4d56");
    }

    @Test
    void shouldPrefixNodesWithOne() {
        assertThat(HEX.formatHex(Rfc6962.hashChildren(bytes("N123"), bytes("N456"))))
                .isEqualTo("aa217fe888e47007fa15edab33c2b492a722cb106c64667fc2b044444de66bbb");
    }

    @Test
    void shouldNotCollideALeafWithANodeOverTheSameBytes() {
        byte[] left = Rfc6962.hashLeaf(bytes("Hello"));
        byte[] right = Rfc6962.hashLeaf(bytes("World"));
        byte[] node = Rfc6962.hashChildren(left, right);
        byte[] concatenated = new byte[64];
        System.arraycopy(left, 0, concatenated, 0, 32);
        System.arraycopy(right, 0, concatenated, 32, 32);

        assertThat(node).isNotEqualTo(Rfc6962.hashLeaf(concatenated))
                .isNotEqualTo(Rfc6962.hashChildren(right, left));
    }

    @Test
    void shouldTakeTheSha256OfTheCanonicalFormAsLeafData() {
        // echo -n 'abc' | sha256sum
        assertThat(HEX.formatHex(Rfc6962.leafData("abc")))
                .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
        assertThat(Rfc6962.entryLeafHash("abc")).isEqualTo(Rfc6962.hashLeaf(Rfc6962.leafData("abc")));
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}
