package eu.aiact.tracker.notifier.channel;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** Resolves a host name to its addresses (the system resolver; tests give their own to play a DNS change). */
@FunctionalInterface
public interface HostResolver {

    InetAddress[] resolve(String host) throws UnknownHostException;
}
