package io.pjctrl.project.change;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

class ClientIpResolverTest {

    private final ClientIpResolver behindProxies = new ClientIpResolver(List.of("10.0.0.0/8", "192.0.2.1", "::1"));

    @Test
    void shouldIgnoreForwardedForFromUntrustedPeer() {
        ClientIpResolver direct = new ClientIpResolver(List.of());
        assertThat(direct.resolve("198.51.100.9", "203.0.113.7")).isEqualTo("198.51.100.9");
        assertThat(behindProxies.resolve("198.51.100.9", "203.0.113.7")).isEqualTo("198.51.100.9");
    }

    @Test
    void shouldTakeFirstUntrustedHopFromTheRight() {
        assertThat(behindProxies.resolve("10.1.2.3", "203.0.113.7")).isEqualTo("203.0.113.7");
        assertThat(behindProxies.resolve("10.1.2.3", "203.0.113.7, 10.9.9.9")).isEqualTo("203.0.113.7");
        assertThat(behindProxies.resolve("192.0.2.1", "198.51.100.1, 203.0.113.7, 10.9.9.9"))
                .as("a spoofed left-most entry is not believed")
                .isEqualTo("203.0.113.7");
    }

    @Test
    void shouldStopAtGarbageAndKeepLastTrustedHop() {
        assertThat(behindProxies.resolve("10.1.2.3", "evil.example, 10.2.2.2")).isEqualTo("10.2.2.2");
        assertThat(behindProxies.resolve("10.1.2.3", "")).isEqualTo("10.1.2.3");
    }

    @Test
    void shouldMatchIpv6AndNotMixFamilies() {
        assertThat(behindProxies.resolve("0:0:0:0:0:0:0:1", "2001:db8::7")).isEqualTo("2001:db8::7");
        assertThat(behindProxies.resolve("2001:db8::1", "203.0.113.7")).isEqualTo("2001:db8::1");
    }

    @Test
    void shouldRejectInvalidTrustedProxyConfiguration() {
        assertThatThrownBy(() -> new ClientIpResolver(List.of("proxy.internal")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("pjctrl.http.trusted-proxies");
    }

    @Test
    void shouldAcceptOnlyWellFormedRequestAndTraceIds() {
        assertThat(RequestMetadataFilter.requestId("req-42")).isEqualTo("req-42");
        assertThat(RequestMetadataFilter.requestId("bad id with spaces")).hasSize(36);
        assertThat(RequestMetadataFilter.traceId("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"))
                .isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
        assertThat(RequestMetadataFilter.traceId("00-00000000000000000000000000000000-00f067aa0ba902b7-01")).isNull();
        assertThat(RequestMetadataFilter.traceId("garbage")).isNull();
    }
}
