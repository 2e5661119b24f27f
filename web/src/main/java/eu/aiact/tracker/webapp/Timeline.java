package eu.aiact.tracker.webapp;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * A time line proportional in time: each item's date placed on a scale from the earliest to the latest date (today always included), in
 * SVG units ({@link #WIDTH} wide), with a tick per year and a line for today. Drawn by the templates as inline SVG beside a table of the
 * same items.
 */
public final class Timeline {

    public static final int WIDTH = 1000;
    public static final int LEFT = 20;
    public static final int RIGHT = 20;

    /** One point: what it is, when, its status (for its colour), and its place. */
    public record Point(String label, LocalDate date, String status, int x, int y, String detail) {
    }

    /** A year boundary on the scale. */
    public record Tick(int year, int x) {
    }

    private final List<Point> points;
    private final List<Tick> ticks;
    private final int todayX;
    private final int height;
    private final LocalDate start;
    private final LocalDate end;

    private Timeline(List<Point> points, List<Tick> ticks, int todayX, int height, LocalDate start, LocalDate end) {
        this.points = points;
        this.ticks = ticks;
        this.todayX = todayX;
        this.height = height;
        this.start = start;
        this.end = end;
    }

    /** An item to place. */
    public record Item(String label, LocalDate date, String status, String detail) {
    }

    /** Items placed one per row (a system's obligations). */
    public static Timeline rows(List<Item> items, LocalDate today, int rowHeight) {
        return build(items, today, rowHeight, true);
    }

    /** Items placed on one line, sized by how many they stand for (a portfolio's deadlines per month). */
    public static Timeline line(List<Item> items, LocalDate today) {
        return build(items, today, 0, false);
    }

    private static Timeline build(List<Item> items, LocalDate today, int rowHeight, boolean rows) {
        List<Item> dated = items.stream().filter(item -> item.date() != null).sorted(Comparator.comparing(Item::date)).toList();
        LocalDate first = dated.isEmpty() ? today : dated.get(0).date();
        LocalDate last = dated.isEmpty() ? today : dated.get(dated.size() - 1).date();
        LocalDate start = (first.isBefore(today) ? first : today).withDayOfYear(1);
        LocalDate end = (last.isAfter(today) ? last : today).plusYears(1).withDayOfYear(1);
        long span = Math.max(1, ChronoUnit.DAYS.between(start, end));
        List<Point> points = new ArrayList<>();
        int y = 40;
        for (Item item : dated) {
            points.add(new Point(item.label(), item.date(), item.status(), x(item.date(), start, span), rows ? y : 40, item.detail()));
            if (rows) {
                y += rowHeight;
            }
        }
        List<Tick> ticks = new ArrayList<>();
        for (LocalDate year = start; !year.isAfter(end); year = year.plusYears(1)) {
            ticks.add(new Tick(year.getYear(), x(year, start, span)));
        }
        int height = rows ? Math.max(80, y + 10) : 90;
        return new Timeline(List.copyOf(points), List.copyOf(ticks), x(today, start, span), height, start, end);
    }

    private static int x(LocalDate date, LocalDate start, long span) {
        return LEFT + (int) Math.round((WIDTH - LEFT - RIGHT) * (double) ChronoUnit.DAYS.between(start, date) / span);
    }

    public List<Point> points() {
        return points;
    }

    public List<Tick> ticks() {
        return ticks;
    }

    public int todayX() {
        return todayX;
    }

    public int height() {
        return height;
    }

    public int width() {
        return WIDTH;
    }

    public LocalDate start() {
        return start;
    }

    public LocalDate end() {
        return end;
    }

    /** A month's dot: its radius grows with the square root of its count (the area follows the number). */
    public int radius(Point point, long max) {
        long count;
        try {
            count = Long.parseLong(point.status());
        } catch (NumberFormatException notACount) {
            count = 1;
        }
        return 3 + (int) Math.round(15 * Math.sqrt(count / (double) Math.max(1, max)));
    }

    /** Whether the point lies before today. */
    public boolean past(Point point) {
        return point.date().isBefore(LocalDate.now(Format.ZONE));
    }

    public boolean empty() {
        return points.isEmpty();
    }
}
