package org.labrador.retrieval.bench;

import java.util.Arrays;
import java.util.Random;

/**
 * Reproducible stand-in text and embeddings for search benchmarks: words drawn from a Zipf
 * distribution (frequency ~ 1 / rank, as in natural language) and embeddings pointing in uniformly
 * random directions, so that timings depend on the index size and not on what it holds.
 */
final class SyntheticPassages {

    private static final String CONSONANTS = "bdfgklmnprstvz";
    private static final String VOWELS = "aeiou";

    private final Random random;
    private final String[] vocabulary;
    /** cumulativeWeight[r] = sum of 1 / (i + 1) for i <= r. */
    private final double[] cumulativeWeight;

    SyntheticPassages(long seed, int vocabularySize) {
        this.random = new Random(seed);
        this.vocabulary = new String[vocabularySize];
        this.cumulativeWeight = new double[vocabularySize];
        double sum = 0;
        for (int rank = 0; rank < vocabularySize; rank++) {
            vocabulary[rank] = word(rank);
            sum += 1.0 / (rank + 1);
            cumulativeWeight[rank] = sum;
        }
    }

    /** {@code n} words separated by spaces. */
    String words(int n) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < n; i++) {
            if (i > 0) {
                out.append(' ');
            }
            out.append(vocabulary[zipfRank()]);
        }
        return out.toString();
    }

    /** A random unit vector. */
    float[] unitVector(int dimension) {
        float[] v = new float[dimension];
        double squares = 0;
        for (int i = 0; i < dimension; i++) {
            v[i] = (float) random.nextGaussian();
            squares += v[i] * v[i];
        }
        float norm = (float) Math.sqrt(squares);
        for (int i = 0; i < dimension; i++) {
            v[i] /= norm;
        }
        return v;
    }

    private int zipfRank() {
        double u = random.nextDouble() * cumulativeWeight[cumulativeWeight.length - 1];
        int at = Arrays.binarySearch(cumulativeWeight, u);
        return Math.min(at >= 0 ? at : -at - 1, cumulativeWeight.length - 1);
    }

    /**
     * Three consonant-vowel syllables spelling the rank in base 70: pronounceable, distinct, and
     * never one of the analyzer's English stop words, which would drop out of queries.
     */
    private static String word(int rank) {
        int base = CONSONANTS.length() * VOWELS.length();
        StringBuilder word = new StringBuilder(6);
        for (int i = 0, rest = rank; i < 3; i++, rest /= base) {
            int syllable = rest % base;
            word.append(CONSONANTS.charAt(syllable / VOWELS.length())).append(VOWELS.charAt(syllable % VOWELS.length()));
        }
        return word.toString();
    }
}
