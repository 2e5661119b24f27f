package eu.aiact.tracker.command.inventory;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/** A valid row of an inventory: the system it describes and the commands that record it, in order (the registration first). */
public record InventoryRow(int row, String organisation, String name, List<PlannedCommand> commands, Map<String, String> cells) {

    /** The cell of a column as the file holds it (stripped), or null when empty. */
    public String cell(String column) {
        return column == null ? null : cells.get(column);
    }

    /**
     * The idempotency key of one of the row's commands: SHA-256 of organisation, name and step. Importing the same file again sends the
     * same commands under the same keys, which the command service answers as before without storing anything.
     */
    public String idempotencyKey(PlannedCommand command) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest((organisation + "\u0000" + name + "\u0000" + command.step())
                    .getBytes(StandardCharsets.UTF_8));
            return "import-" + HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
