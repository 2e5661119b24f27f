package eu.aiact.tracker.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Collection;
import java.util.regex.Pattern;

import tools.jackson.databind.JsonNode;

/**
 * Issue 15: every refusal names what is wrong: a problem's {@code detail} mentions (as a word) a field, parameter, header or path
 * variable of the request, or its {@code errors[].field} is one of them.
 */
public final class ProblemCheck {

    private ProblemCheck() {
    }

    /** Fails unless the problem names one of {@code names} (the request's fields, parameters, headers, {@code method}, {@code body} ...). */
    public static void namesWhatIsWrong(String description, JsonNode problem, Collection<String> names) {
        String detail = problem.path("detail").asString("");
        assertThat(detail).as("detail of " + description).isNotBlank();
        boolean inDetail = names.stream().anyMatch(name -> Pattern.compile("(?<![A-Za-z0-9_])" + Pattern.quote(name) + "(?![A-Za-z0-9_])")
                .matcher(detail).find());
        boolean inErrors = problem.path("errors").findValuesAsString("field").stream().anyMatch(names::contains);
        assertThat(inDetail || inErrors).as("the problem names one of " + names + ": " + description).isTrue();
    }
}
