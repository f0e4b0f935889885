package io.pjctrl.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * project-service trusts X-Forwarded-For from the pod network in every kustomization: the admin UI's sign-in proxy
 * (audit-service) and the ingress controller forward the client's address, and without trusting them the login
 * throttle counts every sign-in through them against one IP. The value must be CIDRs project-service's
 * ClientIpResolver parses, and none that trusts every address.
 */
class TrustedProxiesTest {

    private static final Pattern IPV4_CIDR = Pattern
            .compile(
                    "^((25[0-5]|2[0-4][0-9]|1?[0-9]?[0-9])\\.){3}(25[0-5]|2[0-4][0-9]|1?[0-9]?[0-9])(/([0-9]|[12][0-9]|3[0-2]))?$");
    private static final Pattern IPV6_CIDR = Pattern.compile("^[0-9a-fA-F:]{2,39}(/([0-9]|[1-9][0-9]|1[01][0-9]|12[0-8]))?$");

    static Stream<Rendered> targets() {
        return Rendered.all();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("targets")
    void shouldTrustThePodNetworkAsProxiesOfProjectService(Rendered rendered) {
        String value = Workload.of(rendered, "project-service").environment().get("PJCTRL_HTTP_TRUSTED_PROXIES");

        assertThat(value).as("PJCTRL_HTTP_TRUSTED_PROXIES of project-service in %s", rendered.name()).isNotBlank();
        List<String> entries = Arrays.stream(value.split(",")).map(String::trim).toList();
        assertThat(entries).isNotEmpty().allSatisfy(entry -> {
            assertThat(IPV4_CIDR.matcher(entry).matches() || IPV6_CIDR.matcher(entry).matches())
                    .as("%s is an IP or CIDR", entry).isTrue();
            assertThat(entry).as("trusting everyone lets any client name its own IP").doesNotEndWith("/0");
        });
    }
}
