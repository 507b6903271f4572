package io.llmops.platform.outbound;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Decides which addresses {@link OutboundHttp} may connect to. A host is resolved once; if it is,
 * or resolves to, any address that is not public unicast (loopback, unspecified, link-local and
 * cloud metadata, private, carrier-grade NAT, unique-local, multicast, reserved, or IPv6 carrying
 * such an IPv4 address) the whole host is refused — unless the operator's allow-list names the host
 * or a CIDR block holding the address. Odd numeric spellings of IPv4 addresses are refused outright.
 */
public final class SsrfGuard {

    /** Name resolution, replaceable in tests. */
    @FunctionalInterface
    public interface Lookup {
        InetAddress[] lookup(String host) throws UnknownHostException;
    }

    /** The operator's allow-list has an entry that is neither a host name nor a CIDR block. */
    public static final class MalformedAllowlistException extends IllegalArgumentException {
        MalformedAllowlistException(String message) {
            super(message);
        }
    }

    private static final Pattern HOST_NAME = Pattern.compile(
            "[a-z0-9]([a-z0-9_-]*[a-z0-9])?(\\.[a-z0-9]([a-z0-9_-]*[a-z0-9])?)*");

    private final Set<String> hosts;
    private final List<IpRanges.Cidr> blocks;
    private final Lookup lookup;
    private final String description;

    /** A guard with no allow-list and the system resolver. */
    public SsrfGuard() {
        this("", InetAddress::getAllByName);
    }

    /**
     * @param allowlist comma-separated host names and CIDR blocks (or single addresses), IPv4 or
     *                  IPv6; blank for none
     * @throws MalformedAllowlistException naming every malformed entry: a bad entry never opens anything
     */
    public SsrfGuard(String allowlist, Lookup lookup) {
        Set<String> names = new HashSet<>();
        List<IpRanges.Cidr> cidrs = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (String raw : (allowlist == null ? "" : allowlist).split(",")) {
            String entry = raw.strip().toLowerCase(Locale.ROOT);
            if (entry.isEmpty()) {
                continue;
            }
            try {
                if (entry.contains("/") || entry.contains(":") || IpRanges.literal(entry) != null) {
                    cidrs.add(IpRanges.Cidr.parse(entry));
                } else if (HOST_NAME.matcher(stripDot(entry)).matches()) {
                    names.add(stripDot(entry));
                } else {
                    problems.add("'" + entry + "' is neither a host name nor a CIDR block");
                }
            } catch (IllegalArgumentException e) {
                problems.add(e.getMessage());
            }
        }
        if (!problems.isEmpty()) {
            throw new MalformedAllowlistException("LLMOPS_SSRF_ALLOWLIST is malformed: " + String.join("; ", problems));
        }
        this.hosts = Set.copyOf(names);
        this.blocks = List.copyOf(cidrs);
        this.lookup = lookup;
        this.description = names.isEmpty() && cidrs.isEmpty() ? "no allow-list"
                : "allow-list " + String.join(",", (allowlist == null ? "" : allowlist).strip());
    }

    public SsrfGuard(String allowlist) {
        this(allowlist, InetAddress::getAllByName);
    }

    /**
     * The addresses {@code host} (a URI host: name, dotted quad or bracketed IPv6) may be reached
     * at — every address it resolves to, all checked.
     *
     * @throws OutboundBlockedException when the host is malformed, or is or resolves to a refused address
     * @throws UnknownHostException     when the name does not resolve
     */
    public List<InetAddress> resolve(String host) throws OutboundBlockedException, UnknownHostException {
        if (host == null || host.isBlank()) {
            throw new OutboundBlockedException("the URL has no valid host");
        }
        String h = host.strip().toLowerCase(Locale.ROOT);
        InetAddress literal;
        try {
            literal = IpRanges.literal(h);
        } catch (IllegalArgumentException e) {
            throw new OutboundBlockedException("refused host: " + e.getMessage());
        }
        if (literal != null) {
            check(h, literal, false);
            return List.of(literal);
        }
        String name = stripDot(h);
        if (!HOST_NAME.matcher(name).matches()) {
            throw new OutboundBlockedException("refused host: '" + host + "' is not a valid host name");
        }
        InetAddress[] addresses = lookup.lookup(name);
        if (addresses == null || addresses.length == 0) {
            throw new UnknownHostException(name);
        }
        if (hosts.contains(name)) {
            return List.of(addresses);
        }
        for (InetAddress address : addresses) {
            check(name, address, true);
        }
        return List.of(addresses);
    }

    /**
     * Refuses, before any lookup, a URL that is not http(s), has no host {@link URI} can read, or
     * carries credentials.
     */
    public static void checkUrl(URI uri) throws OutboundBlockedException {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new OutboundBlockedException("refused URL: scheme '" + scheme + "' is not allowed (only http and https)");
        }
        if (uri.getHost() == null) {
            // java.net.URI leaves the host empty for spellings it cannot read as a server (127.1, 127.0.0.1., a_b)
            throw new OutboundBlockedException("refused URL: '" + uri.getRawAuthority() + "' is not a valid host");
        }
        if (uri.getRawUserInfo() != null) {
            // user@host is a favourite way to make a URL look like it goes somewhere else
            throw new OutboundBlockedException("refused URL: credentials in the URL are not allowed (send a header)");
        }
    }

    /**
     * {@link #checkUrl}, then {@link #resolve(String)} of its host: the addresses a request to
     * {@code uri} may connect to.
     */
    public List<InetAddress> resolveUrl(URI uri) throws OutboundBlockedException, UnknownHostException {
        checkUrl(uri);
        return resolve(uri.getHost());
    }

    @Override
    public String toString() {
        return "SsrfGuard[" + description + "]";
    }

    private void check(String host, InetAddress address, boolean resolved) throws OutboundBlockedException {
        if (allowed(address)) {
            return;
        }
        InetAddress embedded = IpRanges.embeddedV4(address);
        if (embedded != null && allowed(embedded)) {
            return;
        }
        String reason = IpRanges.blockedReason(address);
        if (reason != null) {
            throw new OutboundBlockedException(resolved
                    ? "refused host: " + host + " resolves to " + address.getHostAddress() + ", " + reason
                    : "refused host: " + host + " is " + reason);
        }
    }

    private boolean allowed(InetAddress address) {
        for (IpRanges.Cidr block : blocks) {
            if (block.contains(address)) {
                return true;
            }
        }
        return false;
    }

    private static String stripDot(String host) {
        return host.endsWith(".") ? host.substring(0, host.length() - 1) : host;
    }
}
