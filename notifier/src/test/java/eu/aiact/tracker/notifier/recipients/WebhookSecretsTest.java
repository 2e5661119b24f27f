package eu.aiact.tracker.notifier.recipients;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Base64;

import org.junit.jupiter.api.Test;

class WebhookSecretsTest {

    private static final String KEY = Base64.getEncoder().encodeToString(new byte[32]);
    private final WebhookSecrets secrets = new WebhookSecrets(KEY);

    @Test
    void aSealedSecretOpensForItsOrganisationOnlyAndNeverRepeatsItsCiphertext() {
        String sealed = secrets.seal("Belastingdienst", "local-demo-webhook-secret-2026");
        assertThat(sealed).startsWith(WebhookSecrets.PREFIX).doesNotContain("local-demo");
        assertThat(secrets.seal("Belastingdienst", "local-demo-webhook-secret-2026")).isNotEqualTo(sealed);
        assertThat(secrets.open("Belastingdienst", sealed)).isEqualTo("local-demo-webhook-secret-2026");
        assertThatThrownBy(() -> secrets.open("Kadaster", sealed)).isInstanceOf(IllegalStateException.class);
        String tampered = sealed.substring(0, sealed.length() - 4) + (sealed.endsWith("AAAA") ? "BBBB" : "AAAA");
        assertThatThrownBy(() -> secrets.open("Belastingdienst", tampered)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> new WebhookSecrets(Base64.getEncoder().encodeToString(new byte[31])).open("Belastingdienst", sealed))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void plainValuesFromBeforeTheKeyAreReadAsTheyAreAndWithoutAKeyNothingIsEncrypted() {
        assertThat(secrets.open("Belastingdienst", "stored-before-the-key")).isEqualTo("stored-before-the-key");
        assertThat(secrets.seal("Belastingdienst", null)).isNull();
        WebhookSecrets none = new WebhookSecrets("");
        assertThat(none.seal("Belastingdienst", "plain")).isEqualTo("plain");
        assertThatThrownBy(() -> none.open("Belastingdienst", secrets.seal("Belastingdienst", "x")))
                .hasMessageContaining("tracker.notifier.secrets-key");
        assertThatThrownBy(() -> new WebhookSecrets("not base64!")).hasMessageContaining("32 bytes");
    }
}
