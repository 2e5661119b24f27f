package eu.aiact.tracker.webapp.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;

/** Issue 17: the classification and registration forms send an optional review date, and nothing when it is left empty. */
class CommandBodyTest {

    @Test
    void aReviewDateIsSentWhenGivenAndLeftOutWhenEmpty() {
        MultiValueMap<String, String> form = new LinkedMultiValueMap<>();
        form.add("register", "ALGORITMEREGISTER");
        form.add("category", "B");
        form.add("registerId", "ar-1");
        form.add("reviewDate", "2027-06-01");
        form.add("expectedVersion", "3");
        Map<String, Object> registration = CommandBody.of(Command.REGISTRATION, form);
        assertThat(registration).containsEntry("reviewDate", "2027-06-01").containsEntry("expectedVersion", 3L);

        MultiValueMap<String, String> classification = new LinkedMultiValueMap<>();
        classification.add("riskClass", "MINIMAL");
        classification.add("rationale", "no Annex III area");
        classification.add("reviewDate", " ");
        assertThat(CommandBody.of(Command.CLASSIFICATION, classification)).doesNotContainKey("reviewDate");
        classification.set("reviewDate", "2027-01-31");
        assertThat(CommandBody.of(Command.CLASSIFICATION, classification)).containsEntry("reviewDate", "2027-01-31");
    }
}
