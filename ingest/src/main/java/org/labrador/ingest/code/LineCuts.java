package org.labrador.ingest.code;

import java.util.ArrayList;
import java.util.List;

/**
 * Cuts a range of lines into pieces of about the target size, always between lines, preferring
 * the most natural boundary that is available: first a blank line before a statement at the body's
 * own depth, then any statement at that depth, then any statement, and only as a last resort any
 * line (a string or expression of hundreds of lines). Pieces are then packed back together in
 * order up to the target, so a run of short statements does not become a run of tiny passages.
 */
final class LineCuts {

    private static final int LAST_TIER = 3;

    private final CodeLines lines;
    private final int[] depth;
    private final int targetTokens;
    private final int maxTokens;

    LineCuts(CodeLines lines, int[] depth, int targetTokens) {
        this.lines = lines;
        this.depth = depth;
        this.targetTokens = targetTokens;
        this.maxTokens = 2 * targetTokens;
    }

    int maxTokens() {
        return maxTokens;
    }

    /**
     * Ranges {@code {start, end}} (inclusive) covering {@code from..to} in order, each at most
     * twice the target unless it is a single line, blank lines trimmed from their edges.
     *
     * @param bodyDepth the depth of the statements directly in this range (cut first before those)
     * @param firstCut the first line a piece may start at after {@code from}: a signature and its
     *     decorators stay together
     */
    List<int[]> cut(int from, int to, int bodyDepth, int firstCut) {
        List<int[]> pieces = new ArrayList<>();
        split(from, to, bodyDepth, 0, Math.max(from + 1, firstCut), pieces);
        List<int[]> packed = new ArrayList<>();
        int[] current = null;
        for (int[] piece : pieces) {
            if (current != null && lines.tokens(current[0], piece[1]) <= targetTokens) {
                current[1] = piece[1];
            } else {
                if (current != null) {
                    packed.add(current);
                }
                current = piece.clone();
            }
        }
        if (current != null) {
            packed.add(current);
        }
        List<int[]> trimmed = new ArrayList<>();
        for (int[] range : packed) {
            int start = range[0];
            int end = range[1];
            while (start <= end && lines.isBlank(start)) {
                start++;
            }
            while (end >= start && lines.isBlank(end)) {
                end--;
            }
            if (start <= end) {
                trimmed.add(new int[] {start, end});
            }
        }
        return trimmed;
    }

    private void split(int from, int to, int bodyDepth, int tier, int firstCut, List<int[]> out) {
        if (from >= to || tier > LAST_TIER || lines.tokens(from, to) <= maxTokens) {
            out.add(new int[] {from, to});
            return;
        }
        int start = from;
        boolean cutAny = false;
        for (int k = Math.max(from + 1, firstCut); k <= to; k++) {
            if (allowed(k, tier, bodyDepth)) {
                emit(start, k - 1, bodyDepth, tier, firstCut, out);
                start = k;
                cutAny = true;
            }
        }
        if (!cutAny) {
            split(from, to, bodyDepth, tier + 1, firstCut, out);
            return;
        }
        emit(start, to, bodyDepth, tier, firstCut, out);
    }

    private void emit(int from, int to, int bodyDepth, int tier, int firstCut, List<int[]> out) {
        if (lines.tokens(from, to) <= maxTokens) {
            out.add(new int[] {from, to});
        } else {
            split(from, to, bodyDepth, tier + 1, firstCut, out);
        }
    }

    private boolean allowed(int k, int tier, int bodyDepth) {
        int d = depth[k];
        boolean statement = d != Outline.INSIDE && d != Outline.BLANK;
        return switch (tier) {
            case 0 -> statement && d <= bodyDepth && depth[k - 1] == Outline.BLANK;
            case 1 -> statement && d <= bodyDepth;
            case 2 -> statement;
            default -> true;
        };
    }
}
