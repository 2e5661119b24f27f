package eu.aiact.tracker.domain.provision;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The form in which references are compared: case, spaces and punctuation do not matter, nor the words that only say what kind of
 * provision it is. {@code Art. 5(1)(c)}, {@code 5(1)(c)}, {@code 5.1.c}, {@code Article 5(1)(c)} and {@code artikel 5, lid 1, onder c}
 * are all {@code 5.1.c}; {@code III.5(a)}, {@code Annex III point 5(a)} and {@code bijlage III, punt 5, onder a} are all
 * {@code iii.5.a}.
 *
 * <p>The reference is cut into runs of letters and runs of digits (everything else separates), lower-cased; the words in
 * {@link #NOISE} are dropped; the runs are joined with dots.
 */
public final class ReferenceKey {

    /** Words dropped from a reference: they name the kind of provision, not which one. */
    public static final Set<String> NOISE = Set.of("art", "arts", "article", "articles", "artikel", "annex", "bijlage", "point", "points",
            "punt", "paragraph", "par", "para", "lid", "onder", "sub", "section", "afdeling", "no", "nr");

    private ReferenceKey() {
    }

    public static String of(String reference) {
        if (reference == null) {
            return "";
        }
        List<String> tokens = new ArrayList<>();
        StringBuilder token = new StringBuilder();
        int type = 0; // 0 none, 1 letters, 2 digits
        String lower = reference.toLowerCase(Locale.ROOT);
        for (int i = 0; i < lower.length(); i++) {
            char ch = lower.charAt(i);
            int t = Character.isDigit(ch) ? 2 : Character.isLetter(ch) ? 1 : 0;
            if (t != type && token.length() > 0) {
                add(tokens, token);
            }
            if (t != 0) {
                token.append(ch);
            }
            type = t;
        }
        if (token.length() > 0) {
            add(tokens, token);
        }
        return String.join(".", tokens);
    }

    private static void add(List<String> tokens, StringBuilder token) {
        String t = token.toString();
        token.setLength(0);
        if (!NOISE.contains(t)) {
            tokens.add(t);
        }
    }
}
