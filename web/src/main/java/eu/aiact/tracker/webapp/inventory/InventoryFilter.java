package eu.aiact.tracker.webapp.inventory;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The inventory's search, filters, order and page, as the page's form sends them. {@code phase} may also be {@code PAUSED} (a system
 * put into service and paused); {@code obligation} is {@code OVERDUE} or {@code DUE_SOON}; {@code registered} and {@code flagged} are
 * {@code yes} or {@code no}.
 */
public class InventoryFilter {

    private static final Set<String> SORTS = Set.of("name", "-name", "organisation", "-organisation", "phase", "-phase", "riskClass",
            "-riskClass", "lastChanged", "-lastChanged", "registeredOn", "-registeredOn");

    private String q;
    private String organisation;
    private String phase;
    private String riskClass;
    private String obligation;
    private String registered;
    private String flagged;
    private String sort;
    private Integer page;

    /** The query service's parameters for this filter. */
    public Map<String, Object> apiParameters() {
        Map<String, Object> parameters = new LinkedHashMap<>();
        put(parameters, "q", q);
        put(parameters, "organisation", organisation);
        if ("PAUSED".equals(phase)) {
            parameters.put("phase", "IN_USE");
            parameters.put("paused", true);
        } else if (phase != null && !phase.isBlank()) {
            parameters.put("phase", phase);
            if ("IN_USE".equals(phase)) {
                // a paused system is shown and counted as paused, not as in use
                parameters.put("paused", false);
            }
        }
        put(parameters, "riskClass", riskClass);
        put(parameters, "obligation", obligation);
        if (yesNo(registered) != null) {
            parameters.put("registered", yesNo(registered));
        }
        if (yesNo(flagged) != null) {
            parameters.put("flagged", yesNo(flagged));
        }
        if (sort != null && SORTS.contains(sort)) {
            parameters.put("sort", sort);
        }
        return parameters;
    }

    /** This filter as a query string, for links (another page, another order, the CSV download); with or without the page. */
    public String queryString(boolean withPage) {
        StringBuilder query = new StringBuilder();
        append(query, "q", q);
        append(query, "organisation", organisation);
        append(query, "phase", phase);
        append(query, "riskClass", riskClass);
        append(query, "obligation", obligation);
        append(query, "registered", registered);
        append(query, "flagged", flagged);
        append(query, "sort", sort);
        if (withPage && page != null) {
            append(query, "page", page.toString());
        }
        return query.toString();
    }

    /** The query string for the same filter on another page. */
    public String pageLink(long number) {
        String base = queryString(false);
        return "?" + (base.isEmpty() ? "" : base + "&") + "page=" + number;
    }

    /** The query string for the same filter ordered by this column (again: the other way). */
    public String sortLink(String column) {
        InventoryFilter copy = copy();
        copy.sort = column.equals(sort) ? "-" + column : column;
        copy.page = null;
        return "?" + copy.queryString(false);
    }

    /** {@code ascending}, {@code descending} or {@code none}, for the column heading's aria-sort. */
    public String sortState(String column) {
        if (column.equals(sort) || sort == null && column.equals("organisation")) {
            return "ascending";
        }
        return ("-" + column).equals(sort) ? "descending" : "none";
    }

    public int pageNumber() {
        return page == null || page < 1 ? 1 : page;
    }

    int offset(int size) {
        return (pageNumber() - 1) * size;
    }

    private InventoryFilter copy() {
        InventoryFilter copy = new InventoryFilter();
        copy.q = q;
        copy.organisation = organisation;
        copy.phase = phase;
        copy.riskClass = riskClass;
        copy.obligation = obligation;
        copy.registered = registered;
        copy.flagged = flagged;
        copy.sort = sort;
        copy.page = page;
        return copy;
    }

    private static Boolean yesNo(String value) {
        return "yes".equals(value) ? Boolean.TRUE : "no".equals(value) ? Boolean.FALSE : null;
    }

    private static void put(Map<String, Object> parameters, String name, String value) {
        if (value != null && !value.isBlank()) {
            parameters.put(name, value.strip());
        }
    }

    private static void append(StringBuilder query, String name, String value) {
        if (value != null && !value.isBlank()) {
            if (!query.isEmpty()) {
                query.append('&');
            }
            query.append(name).append('=').append(URLEncoder.encode(value, StandardCharsets.UTF_8));
        }
    }

    public String getQ() { return q; }
    public void setQ(String q) { this.q = q; }
    public String getOrganisation() { return organisation; }
    public void setOrganisation(String organisation) { this.organisation = organisation; }
    public String getPhase() { return phase; }
    public void setPhase(String phase) { this.phase = phase; }
    public String getRiskClass() { return riskClass; }
    public void setRiskClass(String riskClass) { this.riskClass = riskClass; }
    public String getObligation() { return obligation; }
    public void setObligation(String obligation) { this.obligation = obligation; }
    public String getRegistered() { return registered; }
    public void setRegistered(String registered) { this.registered = registered; }
    public String getFlagged() { return flagged; }
    public void setFlagged(String flagged) { this.flagged = flagged; }
    public String getSort() { return sort; }
    public void setSort(String sort) { this.sort = sort; }
    public Integer getPage() { return page; }
    public void setPage(Integer page) { this.page = page; }
}
