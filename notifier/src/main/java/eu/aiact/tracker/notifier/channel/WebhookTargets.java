package eu.aiact.tracker.notifier.channel;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.springframework.stereotype.Component;

/**
 * Which webhook URLs the notifier calls: https only (plain http too where {@code allow-http} is on: the development profile), no user
 * information in the URL, and no host that is or resolves to a loopback, link-local, private, unique-local, multicast or unspecified
 * address, unless {@code allowed-targets} names it. Checked when recipients are saved and again before every call (DNS may change).
 */
@Component
public class WebhookTargets {

    private final WebhookSettings settings;
    private final HostResolver resolver;
    private final List<AllowedHost> hosts = new ArrayList<>();
    private final List<Network> networks = new ArrayList<>();

    public WebhookTargets(WebhookSettings settings, HostResolver resolver) {
        this.settings = settings;
        this.resolver = resolver;
        for (String entry : settings.allowedTargets()) {
            String target = entry.strip();
            if (target.isEmpty()) {
                continue;
            }
            if (target.contains("/")) {
                networks.add(Network.parse(target));
            } else {
                hosts.add(AllowedHost.parse(target));
            }
        }
    }

    /** What is wrong with the URL as a webhook target, or empty when it may be called. A host that does not resolve is not refused. */
    public Optional<String> refusalOnSave(String url) {
        return check(url, false);
    }

    /**
     * As {@link #refusalOnSave}, just before a call: a host that does not resolve now is a (retried) failure, not a refusal.
     *
     * @throws UnknownHostException when the host does not resolve
     */
    public Optional<String> refusalOnSend(String url) throws UnknownHostException {
        try {
            return check(url, true);
        } catch (Unresolved e) {
            throw new UnknownHostException(e.getMessage());
        }
    }

    private Optional<String> check(String url, boolean mustResolve) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            return Optional.of("must be an absolute https URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !(scheme.equals("http") && settings.allowHttp())) {
            return Optional.of(settings.allowHttp() ? "must be an http or https URL" : "must be an https URL (plain http only in the development profile)");
        }
        if (uri.getHost() == null || uri.getHost().isBlank()) {
            return Optional.of("must name a host");
        }
        if (uri.getRawUserInfo() != null) {
            return Optional.of("must not carry a user name or password");
        }
        String host = uri.getHost().toLowerCase(Locale.ROOT);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        int port = uri.getPort() >= 0 ? uri.getPort() : scheme.equals("https") ? 443 : 80;
        String bareHost = host;
        if (hosts.stream().anyMatch(allowed -> allowed.matches(bareHost, port))) {
            return Optional.empty();
        }
        InetAddress[] addresses;
        try {
            // an address literal is itself (never looked up); a name is resolved
            addresses = host.contains(":") || host.matches("[0-9.]+") ? new InetAddress[] {InetAddress.getByName(host)}
                    : resolver.resolve(host);
        } catch (UnknownHostException e) {
            if (mustResolve) {
                throw new Unresolved("host " + host + " does not resolve");
            }
            return Optional.empty();
        }
        for (InetAddress address : addresses) {
            String kind = restricted(address);
            if (kind != null && networks.stream().noneMatch(network -> network.contains(address))) {
                return Optional.of("must not point at a " + kind + " address (" + address.getHostAddress() + "); allow it in "
                        + "tracker.notifier.channels.webhook.allowed-targets");
            }
        }
        return Optional.empty();
    }

    /** The kind of a restricted address, or null for an address on the public internet. */
    static String restricted(InetAddress address) {
        if (address instanceof Inet6Address v6) {
            byte[] b = v6.getAddress();
            boolean mappedV4 = true;
            for (int i = 0; i < 10; i++) {
                mappedV4 &= b[i] == 0;
            }
            if (mappedV4 && (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff) {
                try {
                    return restricted(InetAddress.getByAddress(new byte[] {b[12], b[13], b[14], b[15]}));
                } catch (UnknownHostException impossible) {
                    return "malformed";
                }
            }
            if ((b[0] & 0xfe) == 0xfc) {
                return "unique-local (private)";
            }
        }
        if (address.isLoopbackAddress()) {
            return "loopback";
        }
        if (address.isAnyLocalAddress()) {
            return "unspecified";
        }
        if (address.isLinkLocalAddress()) {
            return "link-local";
        }
        if (address.isSiteLocalAddress()) {
            return "private";
        }
        if (address.isMulticastAddress()) {
            return "multicast";
        }
        if (address instanceof Inet4Address v4) {
            byte[] b = v4.getAddress();
            int first = b[0] & 0xff;
            int second = b[1] & 0xff;
            if (first == 0) {
                return "unspecified";
            }
            if (first == 100 && second >= 64 && second <= 127) {
                return "shared (carrier-grade NAT)";
            }
            if (first == 255) {
                return "broadcast";
            }
        }
        return null;
    }

    private static final class Unresolved extends RuntimeException {
        Unresolved(String message) {
            super(message);
        }
    }

    /** An allowed {@code host[:port]} (IPv6 in brackets when with a port). */
    private record AllowedHost(String host, Integer port) {

        static AllowedHost parse(String entry) {
            String text = entry.toLowerCase(Locale.ROOT);
            if (text.startsWith("[")) {
                int close = text.indexOf(']');
                String host = text.substring(1, close);
                Integer port = close + 1 < text.length() && text.charAt(close + 1) == ':' ? Integer.valueOf(text.substring(close + 2)) : null;
                return new AllowedHost(host, port);
            }
            int colon = text.lastIndexOf(':');
            if (colon > 0 && text.indexOf(':') == colon) {
                return new AllowedHost(text.substring(0, colon), Integer.valueOf(text.substring(colon + 1)));
            }
            return new AllowedHost(text, null);
        }

        boolean matches(String candidate, int candidatePort) {
            return host.equals(candidate) && (port == null || port == candidatePort);
        }
    }

    /** An allowed network, {@code address/prefix}. */
    private record Network(byte[] address, int prefix) {

        static Network parse(String entry) {
            int slash = entry.indexOf('/');
            try {
                byte[] address = InetAddress.getByName(entry.substring(0, slash).replace("[", "").replace("]", "")).getAddress();
                int prefix = Integer.parseInt(entry.substring(slash + 1));
                if (prefix < 0 || prefix > address.length * 8) {
                    throw new IllegalArgumentException("prefix out of range");
                }
                return new Network(address, prefix);
            } catch (UnknownHostException | RuntimeException e) {
                throw new IllegalStateException("tracker.notifier.channels.webhook.allowed-targets: '" + entry
                        + "' is neither host[:port] nor a network address/prefix", e);
            }
        }

        boolean contains(InetAddress candidate) {
            byte[] other = candidate.getAddress();
            if (other.length != address.length) {
                return false;
            }
            for (int bit = 0; bit < prefix; bit++) {
                int mask = 0x80 >> (bit % 8);
                if ((other[bit / 8] & mask) != (address[bit / 8] & mask)) {
                    return false;
                }
            }
            return true;
        }
    }
}
