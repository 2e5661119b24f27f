package eu.aiact.tracker.notifier.support;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;

import eu.aiact.tracker.notifier.channel.HostResolver;

/** A DNS whose answers the test sets and changes (names it does not know do not resolve). */
@Configuration(proxyBeanMethods = false)
public class SwitchableDns {

    public static final Map<String, String> ANSWERS = new ConcurrentHashMap<>();

    @Bean
    @Primary
    HostResolver switchableResolver() {
        return host -> {
            String address = ANSWERS.get(host);
            if (address == null) {
                throw new UnknownHostException(host);
            }
            return new InetAddress[] {InetAddress.getByName(address)};
        };
    }
}
