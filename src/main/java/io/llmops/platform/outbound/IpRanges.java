package io.llmops.platform.outbound;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The address ranges the SSRF guard refuses, and strict parsing of IP literals. Everything that is
 * not plainly public unicast is refused; IPv6 forms that carry an IPv4 address (compatible, NAT64,
 * 6to4) are judged by the IPv4 address inside.
 */
final class IpRanges {

    /** Canonical dotted quad only: no octal, hex, short or integer spellings. */
    private static final Pattern DOTTED_QUAD = Pattern.compile(
            "(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}");
    /** A last label a browser or resolver would read as (part of) an IPv4 number. */
    private static final Pattern NUMERIC_LABEL = Pattern.compile("(0x[0-9a-f]*|\\d+)", Pattern.CASE_INSENSITIVE);

    /** A block of addresses, IPv4 or IPv6, as written in CIDR notation. */
    record Cidr(byte[] network, int prefix) {

        static Cidr parse(String text) {
            int slash = text.indexOf('/');
            InetAddress address = literal(slash < 0 ? text : text.substring(0, slash));
            if (address == null) {
                throw new IllegalArgumentException("'" + text + "' is not an IP address or CIDR block");
            }
            byte[] bytes = address.getAddress();
            int prefix;
            try {
                prefix = slash < 0 ? bytes.length * 8 : Integer.parseInt(text.substring(slash + 1));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("'" + text + "' has no numeric prefix length");
            }
            if (prefix < 0 || prefix > bytes.length * 8) {
                throw new IllegalArgumentException("'" + text + "' has a prefix length outside 0.." + bytes.length * 8);
            }
            Cidr cidr = new Cidr(bytes, prefix);
            if (!Arrays.equals(masked(bytes, prefix), bytes)) {
                throw new IllegalArgumentException("'" + text + "' has bits set past its prefix length");
            }
            return cidr;
        }

        boolean contains(InetAddress address) {
            byte[] other = address.getAddress();
            return other.length == network.length && Arrays.equals(masked(other, prefix), network);
        }

        private static byte[] masked(byte[] bytes, int prefix) {
            byte[] out = bytes.clone();
            for (int bit = prefix; bit < out.length * 8; bit++) {
                out[bit / 8] &= (byte) ~(0x80 >>> (bit % 8));
            }
            return out;
        }
    }

    private record Range(Cidr cidr, String kind) {
        Range(String cidr, String kind) {
            this(Cidr.parse(cidr), kind);
        }
    }

    private static final List<Range> V4 = List.of(
            new Range("0.0.0.0/8", "an unspecified (this-network) address"),
            new Range("10.0.0.0/8", "a private address"),
            new Range("100.64.0.0/10", "a carrier-grade NAT address"),
            new Range("127.0.0.0/8", "a loopback address"),
            new Range("169.254.0.0/16", "a link-local address (cloud metadata lives here)"),
            new Range("172.16.0.0/12", "a private address"),
            new Range("192.0.0.0/24", "a reserved (IETF protocol) address"),
            new Range("192.0.2.0/24", "a reserved (documentation) address"),
            new Range("192.88.99.0/24", "a reserved (6to4 relay) address"),
            new Range("192.168.0.0/16", "a private address"),
            new Range("198.18.0.0/15", "a reserved (benchmarking) address"),
            new Range("198.51.100.0/24", "a reserved (documentation) address"),
            new Range("203.0.113.0/24", "a reserved (documentation) address"),
            new Range("224.0.0.0/4", "a multicast address"),
            new Range("240.0.0.0/4", "a reserved or broadcast address"));

    private static final List<Range> V6 = List.of(
            new Range("::/128", "an unspecified address"),
            new Range("::1/128", "a loopback address"),
            new Range("64:ff9b:1::/48", "a local-use NAT64 address"),
            new Range("100::/64", "a discard-only address"),
            new Range("2001::/23", "a reserved (IETF protocol, Teredo) address"),
            new Range("2001:db8::/32", "a reserved (documentation) address"),
            new Range("3fff::/20", "a reserved (documentation) address"),
            new Range("fc00::/7", "a unique-local address"),
            new Range("fe80::/10", "a link-local address"),
            new Range("fec0::/10", "a site-local address"),
            new Range("ff00::/8", "a multicast address"));

    private static final Cidr GLOBAL_UNICAST_V6 = Cidr.parse("2000::/3");
    private static final Cidr COMPATIBLE_V6 = Cidr.parse("::/96");
    private static final Cidr NAT64_V6 = Cidr.parse("64:ff9b::/96");
    private static final Cidr SIX_TO_FOUR_V6 = Cidr.parse("2002::/16");

    private IpRanges() {
    }

    /** Why {@code address} must not be reached, or null when it is public unicast. */
    static String blockedReason(InetAddress address) {
        InetAddress embedded = embeddedV4(address);
        if (embedded != null) {
            String inner = blockedReason(embedded);
            return inner == null ? null : "an IPv6 address carrying " + embedded.getHostAddress() + ", " + inner;
        }
        List<Range> ranges = address instanceof Inet4Address ? V4 : V6;
        for (Range range : ranges) {
            if (range.cidr().contains(address)) {
                return range.kind();
            }
        }
        if (address instanceof Inet6Address && !GLOBAL_UNICAST_V6.contains(address)) {
            return "a reserved address";
        }
        return null;
    }

    /** The IPv4 address an IPv4-compatible, NAT64 or 6to4 IPv6 address carries, or null. */
    static InetAddress embeddedV4(InetAddress address) {
        if (!(address instanceof Inet6Address)) {
            return null;
        }
        byte[] b = address.getAddress();
        byte[] v4;
        if (SIX_TO_FOUR_V6.contains(address)) {
            v4 = Arrays.copyOfRange(b, 2, 6);
        } else if (NAT64_V6.contains(address) || (COMPATIBLE_V6.contains(address) && !isZeroOrOne(b))) {
            v4 = Arrays.copyOfRange(b, 12, 16);
        } else if (isMapped(b)) {
            // Inet6Address never holds a mapped address (the JDK turns it into IPv4), but be sure
            v4 = Arrays.copyOfRange(b, 12, 16);
        } else {
            return null;
        }
        try {
            return InetAddress.getByAddress(v4);
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    private static boolean isZeroOrOne(byte[] b) {
        for (int i = 0; i < 15; i++) {
            if (b[i] != 0) {
                return false;
            }
        }
        return b[15] == 0 || b[15] == 1;
    }

    private static boolean isMapped(byte[] b) {
        for (int i = 0; i < 10; i++) {
            if (b[i] != 0) {
                return false;
            }
        }
        return b[10] == (byte) 0xff && b[11] == (byte) 0xff;
    }

    /**
     * The address a host written as an IP literal stands for, without DNS; null when the host is a
     * name. Throws {@link IllegalArgumentException} for numeric spellings that are not a canonical
     * dotted quad or valid IPv6 ({@code 2130706433}, {@code 0x7f000001}, {@code 0177.0.0.1},
     * {@code 127.1}, {@code 127.0.0.1.}): resolvers and browsers disagree about them.
     */
    static InetAddress literal(String host) {
        String h = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        if (h.contains(":")) {
            if (h.contains("%")) {
                throw new IllegalArgumentException("'" + host + "' carries an IPv6 zone");
            }
            try {
                return InetAddress.ofLiteral(h);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("'" + host + "' is not a valid IPv6 address");
            }
        }
        String name = h.endsWith(".") ? h.substring(0, h.length() - 1) : h;
        String[] labels = name.split("\\.", -1);
        if (!NUMERIC_LABEL.matcher(labels[labels.length - 1]).matches()) {
            return null;
        }
        if (!DOTTED_QUAD.matcher(h).matches()) {
            throw new IllegalArgumentException("'" + host + "' is not a canonical IP address (dotted quad)");
        }
        return InetAddress.ofLiteral(h);
    }
}
