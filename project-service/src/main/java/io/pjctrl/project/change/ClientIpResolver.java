package io.pjctrl.project.change;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Finds the client's IP: the TCP peer, unless the peer is a trusted proxy, in which case X-Forwarded-For is read
 * from the right, skipping trusted proxies, and the first untrusted hop is the client. A client can prepend
 * anything to the header, so entries left of the first untrusted hop are never believed.
 */
public final class ClientIpResolver {

    // Only literals reach InetAddress.getByName, so it never does a DNS lookup.
    private static final Pattern IP_LITERAL = Pattern.compile("^[0-9a-fA-F:.]{2,45}$");

    private final List<Cidr> trusted;

    public ClientIpResolver(List<String> trustedProxies) {
        this.trusted = new ArrayList<>();
        for (String entry : trustedProxies) {
            if (!entry.isBlank()) {
                trusted.add(Cidr.parse(entry.trim()));
            }
        }
    }

    public String resolve(String peer, String forwardedFor) {
        if (peer == null || forwardedFor == null || forwardedFor.isBlank() || !isTrusted(peer)) {
            return peer;
        }
        String[] hops = forwardedFor.split(",");
        String client = peer;
        for (int i = hops.length - 1; i >= 0; i--) {
            String hop = hops[i].trim();
            if (parse(hop) == null) {
                break;
            }
            client = hop;
            if (!isTrusted(hop)) {
                break;
            }
        }
        return client;
    }

    private boolean isTrusted(String ip) {
        byte[] address = parse(ip);
        return address != null && trusted.stream().anyMatch(cidr -> cidr.contains(address));
    }

    static byte[] parse(String ip) {
        if (ip == null || !IP_LITERAL.matcher(ip).matches() || !(ip.contains(".") || ip.contains(":"))) {
            return null;
        }
        try {
            return InetAddress.getByName(ip).getAddress();
        } catch (UnknownHostException e) {
            return null;
        }
    }

    record Cidr(byte[] network, int prefix) {

        static Cidr parse(String text) {
            int slash = text.indexOf('/');
            byte[] address = ClientIpResolver.parse(slash < 0 ? text : text.substring(0, slash));
            if (address == null) {
                throw new IllegalArgumentException("pjctrl.http.trusted-proxies: not an IP or CIDR: " + text);
            }
            int prefix = slash < 0 ? address.length * 8 : Integer.parseInt(text.substring(slash + 1));
            return new Cidr(address, prefix);
        }

        boolean contains(byte[] address) {
            if (address.length != network.length) {
                return false;
            }
            for (int bit = 0; bit < prefix; bit++) {
                int mask = 0x80 >> (bit % 8);
                if ((address[bit / 8] & mask) != (network[bit / 8] & mask)) {
                    return false;
                }
            }
            return true;
        }
    }
}
