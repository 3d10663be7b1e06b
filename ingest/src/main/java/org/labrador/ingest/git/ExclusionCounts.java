package org.labrador.ingest.git;

import java.util.List;

/**
 * How many paths of a repository were left out, per kind of reason. A folder skipped whole (such
 * as {@code node_modules/}) counts once.
 */
public record ExclusionCounts(int binaries, int oversized, int vendoredOrGenerated, int excludedByPattern,
                              int otherTypes) {

    public static ExclusionCounts of(List<Exclusion> exclusions) {
        int[] counts = new int[SkipKind.values().length];
        for (Exclusion exclusion : exclusions) {
            counts[exclusion.kind().ordinal()]++;
        }
        return new ExclusionCounts(counts[SkipKind.BINARY.ordinal()], counts[SkipKind.OVERSIZED.ordinal()],
                counts[SkipKind.VENDORED_OR_GENERATED.ordinal()], counts[SkipKind.EXCLUDED_BY_PATTERN.ordinal()],
                counts[SkipKind.OTHER_TYPE.ordinal()]);
    }

    public int total() {
        return binaries + oversized + vendoredOrGenerated + excludedByPattern + otherTypes;
    }

    /** For example "3 binaries, 1 over the size limit, 2 vendored/generated, 0 excluded by pattern, 5 other file types". */
    public String summary() {
        return binaries + (binaries == 1 ? " binary, " : " binaries, ") + oversized + " over the size limit, "
                + vendoredOrGenerated + " vendored/generated, " + excludedByPattern + " excluded by pattern, "
                + otherTypes + (otherTypes == 1 ? " other file type" : " other file types");
    }
}
