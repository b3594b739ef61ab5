package mlp.eval;

import java.util.Collection;

/** "Did you mean ...?": the nearest known name by edit distance, if it is near enough. */
public final class Suggest {
    private Suggest() {
    }

    /** Longer names get no suggestion: the distance costs their lengths multiplied. */
    static final int LONGEST = 100;

    public static String nearest(String name, Collection<String> known) {
        if (name.length() > LONGEST) return null;
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        int limit = Math.max(1, Math.min(3, name.length() / 3 + 1));
        for (String candidate : known) {
            if (candidate.equals(name) || candidate.length() > LONGEST) continue;
            int d = distance(name.toLowerCase(), candidate.toLowerCase());
            if (d < bestDistance || (d == bestDistance && best != null && candidate.compareTo(best) < 0)) {
                best = candidate;
                bestDistance = d;
            }
        }
        // a one-letter name is one edit from every other one-letter name: only suggest what shares something
        return bestDistance <= limit && bestDistance < name.length() ? best : null;
    }

    /** Damerau-Levenshtein distance (a swap of two neighbours counts once). */
    static int distance(String a, String b) {
        if (Math.abs(a.length() - b.length()) > 3) return Integer.MAX_VALUE;
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) d[i][0] = i;
        for (int j = 0; j <= b.length(); j++) d[0][j] = j;
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1))
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
            }
        }
        return d[a.length()][b.length()];
    }
}
