package org.labrador.retrieval;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Files that restate a project's code rather than explain it: tests (they call every function with its
 * arguments spelled out) and change logs (they name every feature once a release). They share the
 * code's words and so compete with it for a question's first places; a newcomer asking how something
 * works wants the code or the docs. They step back unless the question is about them ("why is this test
 * skipped?", "what changed in 2.0?").
 */
final class SecondaryMaterial {

    /**
     * The fused score of a passage of secondary material is multiplied by this. On the straxen dev set
     * a test file or HISTORY.md came before the file that answers in 9 of 60 questions (docs/benchmarks.md).
     */
    static final double WEIGHT = 0.8;

    /**
     * Test suites by their folder; a module named like a test but beside the code ({@code test_utils.py}, a
     * package's fixtures for its users) is not one.
     */
    private static final Pattern TESTS = Pattern.compile("(^|/)(tests?|testing)/|(^|/)conftest\\.py$", Pattern.CASE_INSENSITIVE);
    private static final Pattern CHANGE_LOGS = Pattern.compile(
            "(^|/)(history|changelog|changes|news|release[-_ ]?notes)(\\.[^/.]+)?$", Pattern.CASE_INSENSITIVE);
    /** A question about the tests themselves; "test" alone is not one ("my test run", "test data"). */
    private static final Pattern ABOUT_TESTS = Pattern.compile(
            "\\b(tests|testing|tested|pytest|unittest|unit[- ]tests?|test (suite|case|file)s?|ci)\\b");
    private static final Pattern ABOUT_CHANGES = Pattern.compile(
            "\\b(changes?|changed|changelog|history|release[sd]?|versions?|new in|since|deprecated|removed)\\b");

    private final boolean testsWanted;
    private final boolean changesWanted;

    private SecondaryMaterial(boolean testsWanted, boolean changesWanted) {
        this.testsWanted = testsWanted;
        this.changesWanted = changesWanted;
    }

    /** What counts as secondary for {@code question}: what it does not ask about. */
    static SecondaryMaterial forQuestion(String question) {
        String lower = question.toLowerCase(Locale.ROOT);
        return new SecondaryMaterial(ABOUT_TESTS.matcher(lower).find(), ABOUT_CHANGES.matcher(lower).find());
    }

    boolean matches(String path) {
        return (!testsWanted && TESTS.matcher(path).find()) || (!changesWanted && CHANGE_LOGS.matcher(path).find());
    }
}
