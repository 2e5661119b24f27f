package eu.aiact.tracker.web.security;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Roles parsed strictly (issue 15: the role admin:Foo was taken for the platform's administrator). */
class GrantTest {

    @Test
    void adminAloneIsTheAdministratorAndOtherRolesNameAnOrganisation() {
        assertThat(Grant.parse("admin")).contains(new Grant(Role.ADMIN, Grant.ALL));
        assertThat(Grant.parse("registrar:Belastingdienst")).contains(new Grant(Role.REGISTRAR, "Belastingdienst"));
        assertThat(Grant.parse("auditor:*")).contains(new Grant(Role.AUDITOR, "*"));
        assertThat(Grant.parse("cio:Gemeente 's-Hertogenbosch")).contains(new Grant(Role.CIO, "Gemeente 's-Hertogenbosch"));
    }

    @Test
    void anythingElseIsNoGrantAndSaysWhy() {
        assertThat(Grant.parse("admin:Foo")).isEmpty();
        assertThat(Grant.problem("admin:Foo")).contains("admin alone");
        assertThat(Grant.problem("Admin")).startsWith("unknown role Admin");
        assertThat(Grant.problem("superuser:*")).startsWith("unknown role superuser");
        assertThat(Grant.problem("registrar")).contains("names no organisation");
        assertThat(Grant.problem("registrar:")).contains("1 to 200 characters");
        assertThat(Grant.problem("registrar: Belastingdienst")).contains("leading or trailing spaces");
        assertThat(Grant.problem("registrar:" + "x".repeat(201))).contains("1 to 200 characters");
        assertThat(Grant.problem("registrar:Belasting\u0000dienst")).contains("control character");
        assertThat(Grant.problem("")).isEqualTo("an empty role");
        assertThat(Grant.problem(null)).isEqualTo("an empty role");
    }
}
