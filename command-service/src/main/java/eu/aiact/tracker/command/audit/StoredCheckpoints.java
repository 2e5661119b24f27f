package eu.aiact.tracker.command.audit;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Optional;

import eu.aiact.tracker.api.audit.Checkpoint;
import eu.aiact.tracker.command.log.LogStore;

/**
 * Every stored checkpoint in the order of its size, read a page at a time, with the one this process signed last put in its place when
 * its row is no longer there (deleted by someone with access to the database).
 */
final class StoredCheckpoints implements Iterator<Checkpoint> {

    private static final int PAGE = 1000;

    private final LogStore store;
    private final Deque<Checkpoint> page = new ArrayDeque<>();
    private Checkpoint remembered;
    private long after;
    private boolean exhausted;

    StoredCheckpoints(LogStore store, Optional<Checkpoint> remembered) {
        this.store = store;
        this.remembered = remembered.orElse(null);
    }

    @Override
    public boolean hasNext() {
        fill();
        return !page.isEmpty() || remembered != null;
    }

    @Override
    public Checkpoint next() {
        fill();
        Checkpoint stored = page.peekFirst();
        if (remembered != null && (stored == null || remembered.treeSize() < stored.treeSize())) {
            Checkpoint next = remembered;
            remembered = null;
            return next;
        }
        if (stored == null) {
            throw new NoSuchElementException();
        }
        page.removeFirst();
        if (remembered != null && remembered.treeSize() == stored.treeSize()) {
            remembered = null; // the stored row is verified; it must be the same checkpoint
        }
        return stored;
    }

    private void fill() {
        if (page.isEmpty() && !exhausted) {
            page.addAll(store.checkpoints(after, PAGE));
            exhausted = page.size() < PAGE;
            if (!page.isEmpty()) {
                after = page.peekLast().treeSize();
            }
        }
    }
}
