package org.labrador.ingest.net;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.URL;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Which hosts a source may connect to. Loopback, link-local, private, shared, reserved,
 * unspecified and multicast addresses (IPv4 and IPv6, with the IPv4 address inside IPv4-mapped,
 * IPv4-compatible, NAT64, 6to4 and Teredo forms) are refused unless an administrator allowed the
 * host: by name (the URL's host as written), by address or by CIDR range. A host name is resolved
 * and every address it resolves to must be allowed, so a public name pointing at {@code 127.0.0.1}
 * is refused as well; the JVM's address cache then hands the connection the address that was
 * checked. Callers check again before every request they send, redirects included.
 *
 * <p>Immutable and thread-safe.
 */
public final class AddressPolicy {

    private static final List<Range> INTERNAL_V4 = List.of(
            Range.parse("0.0.0.0/8"), Range.parse("10.0.0.0/8"), Range.parse("100.64.0.0/10"),
            Range.parse("127.0.0.0/8"), Range.parse("169.254.0.0/16"), Range.parse("172.16.0.0/12"),
            Range.parse("192.0.0.0/24"), Range.parse("192.0.2.0/24"), Range.parse("192.168.0.0/16"),
            Range.parse("198.18.0.0/15"), Range.parse("198.51.100.0/24"), Range.parse("203.0.113.0/24"),
            Range.parse("224.0.0.0/4"), Range.parse("240.0.0.0/4"));
    private static final List<Range> INTERNAL_V6 = List.of(
            Range.parse("::/128"), Range.parse("::1/128"), Range.parse("100::/64"), Range.parse("64:ff9b:1::/48"),
            Range.parse("2001:db8::/32"), Range.parse("fc00::/7"), Range.parse("fe80::/10"), Range.parse("fec0::/10"),
            Range.parse("ff00::/8"));

    private static final AddressPolicy BLOCK_INTERNAL = new AddressPolicy(Set.of(), List.of());

    private final Set<String> names;
    private final List<Range> ranges;

    private AddressPolicy(Set<String> names, List<Range> ranges) {
        this.names = Set.copyOf(names);
        this.ranges = List.copyOf(ranges);
    }

    /** Refuses every internal address. */
    public static AddressPolicy blockingInternal() {
        return BLOCK_INTERNAL;
    }

    /**
     * Refuses internal addresses except these hosts: names ({@code gitlab.internal}), addresses
     * ({@code 127.0.0.1}, {@code ::1}) or CIDR ranges ({@code 10.1.0.0/16}).
     *
     * @throws IllegalArgumentException for a range that is not a valid CIDR
     */
    public static AddressPolicy allowing(Collection<String> hosts) {
        return BLOCK_INTERNAL.alsoAllowing(hosts);
    }

    /** This policy, also allowing these hosts (names, addresses or CIDR ranges). */
    public AddressPolicy alsoAllowing(Collection<String> hosts) {
        Set<String> moreNames = new LinkedHashSet<>(names);
        List<Range> moreRanges = new ArrayList<>(ranges);
        for (String host : hosts == null ? List.<String>of() : hosts) {
            String entry = host == null ? "" : normalize(host);
            if (entry.isEmpty()) {
                continue;
            }
            if (entry.contains("/") || isAddressLiteral(entry)) {
                moreRanges.add(Range.parse(entry));
            } else {
                moreNames.add(entry);
            }
        }
        return new AddressPolicy(moreNames, moreRanges);
    }

    /**
     * Checks a URL about to be fetched: its scheme must be one of {@code schemes} and its host
     * allowed (see {@link #checkHost}).
     *
     * @throws BlockedAddressException when the scheme or the host is not allowed
     * @throws UnknownHostException    when the host does not resolve
     */
    public void check(URI uri, Set<String> schemes) throws IOException {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!schemes.contains(scheme)) {
            throw new BlockedAddressException("scheme '" + scheme + "' is not fetched (allowed: " + schemes + ")");
        }
        checkHost(hostOf(uri));
    }

    /** {@link #check(URI, Set)} for a {@link URL}, as HTTP libraries hand them over. */
    public void check(URL url, Set<String> schemes) throws IOException {
        String scheme = url.getProtocol() == null ? "" : url.getProtocol().toLowerCase(Locale.ROOT);
        if (!schemes.contains(scheme)) {
            throw new BlockedAddressException("scheme '" + scheme + "' is not fetched (allowed: " + schemes + ")");
        }
        checkHost(url.getHost());
    }

    /**
     * Checks a host about to be connected to: allowed by name, or resolved and every one of its
     * addresses either public or inside an allowed range.
     *
     * @throws BlockedAddressException naming the host and the refused address
     * @throws UnknownHostException    when the host does not resolve
     */
    public void checkHost(String host) throws IOException {
        String name = host == null ? "" : normalize(host);
        if (name.isEmpty()) {
            throw new BlockedAddressException("no host to connect to");
        }
        if (names.contains(name)) {
            return;
        }
        for (InetAddress address : InetAddress.getAllByName(name)) {
            if (isInternal(address) && ranges.stream().noneMatch(r -> r.contains(address))) {
                throw new BlockedAddressException("host " + name + " resolves to the internal address "
                        + address.getHostAddress() + ", which is not in labrador.sources.allowed-hosts");
            }
        }
    }

    /** Whether an address is loopback, link-local, private, shared, reserved, unspecified or multicast. */
    public static boolean isInternal(InetAddress address) {
        byte[] bytes = address.getAddress();
        if (address instanceof Inet4Address) {
            return isInternalV4(bytes);
        }
        if (address instanceof Inet6Address) {
            if (address.isAnyLocalAddress() || address.isLoopbackAddress() || address.isLinkLocalAddress()
                    || address.isSiteLocalAddress() || address.isMulticastAddress()
                    || INTERNAL_V6.stream().anyMatch(r -> r.contains(bytes))) {
                return true;
            }
            byte[] embedded = embeddedV4(bytes);
            return embedded != null && isInternalV4(embedded);
        }
        return true; // an address family we do not know: refuse
    }

    private static boolean isInternalV4(byte[] bytes) {
        return INTERNAL_V4.stream().anyMatch(r -> r.contains(bytes));
    }

    /**
     * The IPv4 address an IPv6 address carries where that matters for routing: IPv4-mapped and
     * IPv4-compatible ({@code ::ffff:a.b.c.d}, {@code ::a.b.c.d}), NAT64 ({@code 64:ff9b::/96}),
     * 6to4 ({@code 2002:AABB:CCDD::/16}) and Teredo ({@code 2001:0::/32}, the client's address,
     * stored inverted); null when it carries none.
     */
    private static byte[] embeddedV4(byte[] b) {
        boolean firstEightyZero = true;
        for (int i = 0; i < 10; i++) {
            firstEightyZero &= b[i] == 0;
        }
        if (firstEightyZero && ((b[10] == 0 && b[11] == 0) || (b[10] == (byte) 0xff && b[11] == (byte) 0xff))) {
            return Arrays.copyOfRange(b, 12, 16);
        }
        if (b[0] == 0 && b[1] == 0x64 && b[2] == (byte) 0xff && b[3] == (byte) 0x9b) {
            return Arrays.copyOfRange(b, 12, 16);
        }
        if (b[0] == 0x20 && b[1] == 0x02) {
            return Arrays.copyOfRange(b, 2, 6);
        }
        if (b[0] == 0x20 && b[1] == 0x01 && b[2] == 0 && b[3] == 0) {
            byte[] client = Arrays.copyOfRange(b, 12, 16);
            for (int i = 0; i < 4; i++) {
                client[i] = (byte) ~client[i];
            }
            return client;
        }
        return null;
    }

    /**
     * The host of a URI as an HTTP library connects to it. {@link URI#getHost()} is null for hosts
     * such as {@code 2130706433} that are no valid host names but still resolve (to 127.0.0.1), so
     * the authority is read by hand then.
     */
    public static String hostOf(URI uri) {
        if (uri.getHost() != null) {
            return uri.getHost();
        }
        String authority = uri.getRawAuthority();
        if (authority == null) {
            return "";
        }
        authority = authority.substring(authority.lastIndexOf('@') + 1);
        if (authority.startsWith("[")) {
            int end = authority.indexOf(']');
            return end < 0 ? authority : authority.substring(0, end + 1);
        }
        int colon = authority.lastIndexOf(':');
        return colon < 0 ? authority : authority.substring(0, colon);
    }

    private static String normalize(String host) {
        String out = host.strip().toLowerCase(Locale.ROOT);
        if (out.startsWith("[") && out.endsWith("]")) {
            out = out.substring(1, out.length() - 1);
        }
        return out.endsWith(".") ? out.substring(0, out.length() - 1) : out;
    }

    private static boolean isAddressLiteral(String entry) {
        return entry.contains(":") || entry.matches("[0-9.]+");
    }

    @Override
    public String toString() {
        return "AddressPolicy[allowed names=" + names + ", ranges=" + ranges + "]";
    }

    /** An address range in CIDR notation; a bare address is a range of one. */
    private record Range(byte[] network, int prefix, String text) {

        static Range parse(String cidr) {
            int slash = cidr.indexOf('/');
            String address = slash < 0 ? cidr : cidr.substring(0, slash);
            if (!isAddressLiteral(address)) {
                throw new IllegalArgumentException("'" + cidr + "' is not an address range such as 10.1.0.0/16");
            }
            byte[] network;
            try {
                network = InetAddress.getByName(address).getAddress(); // a literal: no DNS query
            } catch (UnknownHostException e) {
                throw new IllegalArgumentException("'" + cidr + "' is not an address range such as 10.1.0.0/16", e);
            }
            int prefix;
            try {
                prefix = slash < 0 ? network.length * 8 : Integer.parseInt(cidr.substring(slash + 1));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("'" + cidr + "' has no valid prefix length", e);
            }
            if (prefix < 0 || prefix > network.length * 8) {
                throw new IllegalArgumentException("'" + cidr + "' has no valid prefix length");
            }
            return new Range(network, prefix, cidr);
        }

        boolean contains(InetAddress address) {
            return contains(address.getAddress());
        }

        boolean contains(byte[] bytes) {
            if (bytes.length != network.length) {
                return false;
            }
            int full = prefix / 8;
            for (int i = 0; i < full; i++) {
                if (bytes[i] != network[i]) {
                    return false;
                }
            }
            int rest = prefix % 8;
            if (rest == 0) {
                return true;
            }
            int mask = (0xff << (8 - rest)) & 0xff;
            return (bytes[full] & mask) == (network[full] & mask);
        }

        @Override
        public String toString() {
            return text;
        }
    }
}
