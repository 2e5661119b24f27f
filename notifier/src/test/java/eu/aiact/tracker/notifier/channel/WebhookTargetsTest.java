package eu.aiact.tracker.notifier.channel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** Which webhook targets are called: https to public addresses; loopback, link-local and private ones only when allowed. */
class WebhookTargetsTest {

    /** A resolver of fixed answers; every other name does not resolve. */
    private static HostResolver dns(Map<String, String> answers) {
        return host -> {
            String address = answers.get(host);
            if (address == null) {
                throw new UnknownHostException(host);
            }
            return new InetAddress[] {InetAddress.getByName(address)};
        };
    }

    private static final HostResolver DNS = dns(Map.of("hooks.example.org", "93.184.216.34", "internal.example.org", "10.1.2.3",
            "metadata.example.org", "169.254.169.254", "localhost", "127.0.0.1", "v6.example.org", "2001:db8::1", "ula.example.org",
            "fd00::1"));

    private static WebhookTargets targets(boolean allowHttp, List<String> allowed) {
        return new WebhookTargets(new WebhookSettings(6, Duration.ofSeconds(10), Duration.ofSeconds(10), allowHttp, allowed), DNS);
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = ';', value = {
            "https://hooks.example.org/alerts; ",
            "https://93.184.216.34:8443/x; ",
            "https://not-resolving.example.test/x; ",
            "http://hooks.example.org/alerts; must be an https URL",
            "https://127.0.0.1/x; loopback",
            "https://localhost:8089/x; loopback",
            "https://[::1]/x; loopback",
            "https://10.0.0.7/x; private",
            "https://192.168.1.20/x; private",
            "https://172.16.5.4/x; private",
            "https://internal.example.org/x; private",
            "https://169.254.169.254/latest/meta-data; link-local",
            "https://metadata.example.org/x; link-local",
            "https://0.0.0.0/x; unspecified",
            "https://100.64.1.1/x; carrier-grade NAT",
            "https://[fd00::1]/x; unique-local",
            "https://ula.example.org/x; unique-local",
            "https://[::ffff:127.0.0.1]/x; loopback",
            "https://user:secret@hooks.example.org/x; user name or password"})
    void onlyHttpsToPublicAddressesByDefault(String url, String refusal) {
        if (refusal == null) {
            assertThat(targets(false, List.of()).refusalOnSave(url)).as(url).isEmpty();
        } else {
            assertThat(targets(false, List.of()).refusalOnSave(url)).as(url).hasValueSatisfying(r -> assertThat(r).contains(refusal));
        }
    }

    @Test
    void theDevelopmentProfileAllowsHttpAndConfigurationAllowsNamedTargets() throws Exception {
        WebhookTargets local = targets(true, List.of("127.0.0.1:8089", "10.20.0.0/16"));
        assertThat(local.refusalOnSave("http://hooks.example.org/alerts")).isEmpty();
        assertThat(local.refusalOnSave("http://127.0.0.1:8089/webhook")).isEmpty();
        assertThat(local.refusalOnSave("http://127.0.0.1:8090/token")).as("another port of the same host").isPresent();
        assertThat(local.refusalOnSave("https://10.20.3.4/x")).isEmpty();
        assertThat(local.refusalOnSave("https://10.21.3.4/x")).isPresent();
        assertThat(local.refusalOnSave("ftp://hooks.example.org/x")).isPresent();
        assertThat(local.refusalOnSend("https://hooks.example.org/x")).isEmpty();
        assertThatThrownBy(() -> local.refusalOnSend("https://not-resolving.example.test/x")).isInstanceOf(UnknownHostException.class);
        assertThatThrownBy(() -> targets(false, List.of("10.0.0.0/99"))).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("allowed-targets");
    }
}
