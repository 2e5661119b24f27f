package eu.aiact.tracker.command.inventory;

/** What is wrong with one cell (or one row, column null; or the header, row 1) of an imported inventory. */
public record ImportProblem(int row, String column, String value, String message) {
}
