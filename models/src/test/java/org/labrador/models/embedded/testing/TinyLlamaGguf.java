package org.labrador.models.embedded.testing;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A tiny language model that llama.cpp loads and runs: the llama architecture with random
 * weights (two layers, width 64), a byte-level BPE tokenizer as GPT-2 and Qwen use (every byte is a
 * token, so any text can be tokenised, plus a few merges and the special tokens of Qwen's chat and
 * fill-in-the-middle formats), and a ChatML chat template. The file has about 450 kB and is written
 * in well under a second; llama.cpp loads it in a fraction of a second and generates thousands of
 * tokens a second with it.
 *
 * <p>What it writes is gibberish, but predictable gibberish: the weights make every position's
 * hidden state lean the same way along one axis, and the output layer turns that axis into a large
 * bonus for the tokens of letters and the space, and a large penalty for all others. So the model
 * writes only lowercase letters and spaces, never an end-of-text token: a generation runs until
 * its token limit, its stop strings or the end of its window, which is what tests of streaming,
 * cancellation and limits need. {@link #endingAtOnce()} writes the opposite model, which ends every
 * answer at its first token.
 */
public final class TinyLlamaGguf {

    /** The special tokens, after the 256 byte tokens and the merges. */
    public static final List<String> SPECIAL_TOKENS = List.of("<|endoftext|>", "<|im_start|>", "<|im_end|>",
            "<|fim_prefix|>", "<|fim_middle|>", "<|fim_suffix|>", "<|fim_pad|>", "<|repo_name|>", "<|file_sep|>");

    /** Qwen2.5's template in its simplest form: ChatML, which llama.cpp recognises by {@code <|im_start|>}. */
    public static final String CHATML_TEMPLATE = "{% for message in messages %}"
            + "{{'<|im_start|>' + message['role'] + '\\n' + message['content'] + '<|im_end|>' + '\\n'}}"
            + "{% endfor %}{% if add_generation_prompt %}{{ '<|im_start|>assistant\\n' }}{% endif %}";

    // Merges of common English pairs, in rank order; "Ġ" is the byte-level form of the space.
    private static final List<String> MERGES = List.of("Ġ t", "Ġ a", "h e", "i n", "r e", "o n", "Ġt he", "e r");

    private static final int EMBEDDING = 64;
    private static final int HEADS = 4;
    private static final int KV_HEADS = 2;
    private static final int FEED_FORWARD = 128;
    private static final int LAYERS = 2;
    // The axis every hidden state leans along, and how strongly.
    private static final float LEAN = 4f;

    private int contextLength = 512;
    private String name = "tiny-llama";
    private String chatTemplate = CHATML_TEMPLATE;
    private boolean endsAtOnce;
    private long seed = 17;

    public static TinyLlamaGguf model() {
        return new TinyLlamaGguf();
    }

    /** The context length the model is trained for ({@code llama.context_length}); 512 unless set. */
    public TinyLlamaGguf contextLength(int tokens) {
        this.contextLength = tokens;
        return this;
    }

    /** {@code general.name}. */
    public TinyLlamaGguf name(String name) {
        this.name = name;
        return this;
    }

    /** {@code tokenizer.chat_template}; null for none. */
    public TinyLlamaGguf chatTemplate(String template) {
        this.chatTemplate = template;
        return this;
    }

    /** A model whose first token is always its end-of-text token {@code <|im_end|>}. */
    public TinyLlamaGguf endingAtOnce() {
        this.endsAtOnce = true;
        return this;
    }

    public TinyLlamaGguf seed(long seed) {
        this.seed = seed;
        return this;
    }

    /** The vocabulary: the byte tokens in byte order, the merged tokens, then {@link #SPECIAL_TOKENS}. */
    public static List<String> vocabulary() {
        List<String> tokens = new ArrayList<>();
        for (int b = 0; b < 256; b++) {
            tokens.add(byteToken(b));
        }
        for (String merge : MERGES) {
            tokens.add(merge.replace(" ", ""));
        }
        tokens.addAll(SPECIAL_TOKENS);
        return tokens;
    }

    public Path writeTo(Path file) throws IOException {
        return writer().write(file);
    }

    public byte[] bytes() {
        return writer().bytes();
    }

    private GgufWriter writer() {
        List<String> vocabulary = vocabulary();
        int vocab = vocabulary.size();
        int[] types = new int[vocab];
        for (int i = 0; i < vocab; i++) {
            types[i] = i < vocab - SPECIAL_TOKENS.size() ? 1 : 3; // normal, control
        }
        GgufWriter gguf = new GgufWriter()
                .putString("general.architecture", "llama")
                .putString("general.name", name)
                .putUInt32("general.file_type", 0) // all F32
                .putUInt32("llama.context_length", contextLength)
                .putUInt32("llama.embedding_length", EMBEDDING)
                .putUInt32("llama.block_count", LAYERS)
                .putUInt32("llama.feed_forward_length", FEED_FORWARD)
                .putUInt32("llama.attention.head_count", HEADS)
                .putUInt32("llama.attention.head_count_kv", KV_HEADS)
                .putUInt32("llama.rope.dimension_count", EMBEDDING / HEADS)
                .putFloat32("llama.rope.freq_base", 10000f)
                .putFloat32("llama.attention.layer_norm_rms_epsilon", 1e-5f)
                .putString("tokenizer.ggml.model", "gpt2")
                .putString("tokenizer.ggml.pre", "default")
                .putStrings("tokenizer.ggml.tokens", vocabulary)
                .putInt32s("tokenizer.ggml.token_type", types)
                .putStrings("tokenizer.ggml.merges", MERGES)
                .putUInt32("tokenizer.ggml.bos_token_id", vocabulary.indexOf("<|endoftext|>"))
                .putUInt32("tokenizer.ggml.eos_token_id", vocabulary.indexOf("<|im_end|>"))
                .putUInt32("tokenizer.ggml.padding_token_id", vocabulary.indexOf("<|endoftext|>"))
                .putBool("tokenizer.ggml.add_bos_token", false);
        if (chatTemplate != null) {
            gguf.putString("tokenizer.chat_template", chatTemplate);
        }
        SplittableRandom random = new SplittableRandom(seed);
        int kv = EMBEDDING / HEADS * KV_HEADS;
        gguf.tensor("token_embd.weight", dims(EMBEDDING, vocab), embeddings(random, vocab));
        for (int layer = 0; layer < LAYERS; layer++) {
            String blk = "blk." + layer + ".";
            gguf.tensor(blk + "attn_norm.weight", dims(EMBEDDING), ones(EMBEDDING))
                    .tensor(blk + "attn_q.weight", dims(EMBEDDING, EMBEDDING), noise(random, EMBEDDING * EMBEDDING))
                    .tensor(blk + "attn_k.weight", dims(EMBEDDING, kv), noise(random, EMBEDDING * kv))
                    .tensor(blk + "attn_v.weight", dims(EMBEDDING, kv), noise(random, EMBEDDING * kv))
                    .tensor(blk + "attn_output.weight", dims(EMBEDDING, EMBEDDING), noise(random, EMBEDDING * EMBEDDING))
                    .tensor(blk + "ffn_norm.weight", dims(EMBEDDING), ones(EMBEDDING))
                    .tensor(blk + "ffn_gate.weight", dims(EMBEDDING, FEED_FORWARD), noise(random, EMBEDDING * FEED_FORWARD))
                    .tensor(blk + "ffn_up.weight", dims(EMBEDDING, FEED_FORWARD), noise(random, EMBEDDING * FEED_FORWARD))
                    .tensor(blk + "ffn_down.weight", dims(FEED_FORWARD, EMBEDDING), noise(random, FEED_FORWARD * EMBEDDING));
        }
        gguf.tensor("output_norm.weight", dims(EMBEDDING), ones(EMBEDDING));
        gguf.tensor("output.weight", dims(EMBEDDING, vocab), output(random, vocabulary));
        return gguf;
    }

    /** Random embeddings, each leaning along axis 0. */
    private static float[] embeddings(SplittableRandom random, int vocab) {
        float[] w = noise(random, EMBEDDING * vocab);
        for (int t = 0; t < vocab; t++) {
            w[t * EMBEDDING] = LEAN;
        }
        return w;
    }

    /** Random output rows, with a bonus along axis 0 for the favoured tokens and a penalty for the others. */
    private float[] output(SplittableRandom random, List<String> vocabulary) {
        float[] w = new float[EMBEDDING * vocabulary.size()];
        int end = vocabulary.indexOf("<|im_end|>");
        for (int t = 0; t < vocabulary.size(); t++) {
            String token = vocabulary.get(t);
            boolean favoured = endsAtOnce ? t == end : token.matches("[a-zĠ]+");
            w[t * EMBEDDING] = favoured ? 2f : -2f;
            for (int i = 1; i < EMBEDDING; i++) {
                w[t * EMBEDDING + i] = (float) random.nextGaussian();
            }
        }
        return w;
    }

    private static float[] noise(SplittableRandom random, int n) {
        float[] w = new float[n];
        for (int i = 0; i < n; i++) {
            w[i] = (float) (random.nextGaussian() * 0.02);
        }
        return w;
    }

    private static float[] ones(int n) {
        float[] w = new float[n];
        java.util.Arrays.fill(w, 1f);
        return w;
    }

    private static long[] dims(long... dims) {
        return dims;
    }

    /**
     * GPT-2's byte-level alphabet: printable Latin-1 bytes stand for themselves, the others (control
     * characters, space, and a few more) for the code points from U+0100 on, in byte order.
     */
    static String byteToken(int b) {
        if (printable(b)) {
            return String.valueOf((char) b);
        }
        int shifted = 0;
        for (int i = 0; i < b; i++) {
            if (!printable(i)) {
                shifted++;
            }
        }
        return String.valueOf((char) (256 + shifted));
    }

    private static boolean printable(int b) {
        return (b >= '!' && b <= '~') || (b >= 0xA1 && b <= 0xAC) || (b >= 0xAE && b <= 0xFF);
    }
}
