package org.labrador.chatserver.ide;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The fill-in-the-middle formats Labrador knows, looked up by model name or found in a raw prompt.
 * Built in: Qwen2.5-Coder, StarCoder2, CodeLlama, DeepSeek-Coder and Codestral, each with the
 * tokens its model card documents; configuration may add formats or change these.
 */
public final class FimFormats {

    static final List<FimFormat> BUILT_IN = List.of(
            new FimFormat("qwen", "qwen[0-9.]*-coder", "<|fim_prefix|>", "<|fim_suffix|>", "<|fim_middle|>", false,
                    "<|repo_name|>{repo}\n", "<|file_sep|>{path}\n",
                    List.of("<|endoftext|>", "<|fim_prefix|>", "<|fim_suffix|>", "<|fim_middle|>", "<|fim_pad|>",
                            "<|repo_name|>", "<|file_sep|>", "<|im_start|>", "<|im_end|>")),
            new FimFormat("starcoder", "starcoder", "<fim_prefix>", "<fim_suffix>", "<fim_middle>", false,
                    "<repo_name>{repo}\n", "<file_sep>{path}\n",
                    List.of("<|endoftext|>", "<fim_prefix>", "<fim_suffix>", "<fim_middle>", "<file_sep>", "<repo_name>")),
            new FimFormat("codellama", "codellama", "<PRE> ", " <SUF>", " <MID>", false, "", "",
                    List.of("<EOT>", "<PRE>", "<SUF>", "<MID>")),
            new FimFormat("deepseek", "deepseek-coder", "<｜fim▁begin｜>", "<｜fim▁hole｜>", "<｜fim▁end｜>", false, "", "",
                    List.of("<｜fim▁begin｜>", "<｜fim▁hole｜>", "<｜fim▁end｜>", "<｜end▁of▁sentence｜>", "<|EOT|>")),
            new FimFormat("codestral", "codestral", "[PREFIX]", "[SUFFIX]", "", true, "", "",
                    List.of("[PREFIX]", "[SUFFIX]", "[MIDDLE]", "</s>")));

    private final List<FimFormat> formats;

    private FimFormats(List<FimFormat> formats) {
        this.formats = List.copyOf(formats);
    }

    /** The built-in formats, changed or extended by configured ones (which are tried first). */
    public static FimFormats withOverrides(Map<String, IdeProperties.Format> configured) {
        Map<String, FimFormat> byName = new LinkedHashMap<>();
        for (Map.Entry<String, IdeProperties.Format> e : configured.entrySet()) {
            FimFormat base = BUILT_IN.stream().filter(f -> f.name().equals(e.getKey())).findFirst().orElse(null);
            byName.put(e.getKey(), merge(e.getKey(), base, e.getValue()));
        }
        List<FimFormat> all = new ArrayList<>(byName.values());
        BUILT_IN.stream().filter(f -> !byName.containsKey(f.name())).forEach(all::add);
        return new FimFormats(all);
    }

    /** The format of a model, or empty if its family cannot fill in the middle (as far as Labrador knows). */
    public Optional<FimFormat> forModel(String model) {
        return formats.stream().filter(f -> f.fits(model)).findFirst();
    }

    /** The format whose prefix and suffix tokens a raw prompt holds, if any. */
    public Optional<FimFormat> foundIn(String prompt) {
        return formats.stream()
                .filter(f -> prompt.contains(f.prefix().strip()) && prompt.contains(f.suffix().strip()))
                .findFirst();
    }

    public List<FimFormat> all() {
        return formats;
    }

    private static FimFormat merge(String name, FimFormat base, IdeProperties.Format f) {
        return new FimFormat(name,
                pick(f.models(), base == null ? null : base.models()),
                pick(f.prefix(), base == null ? null : base.prefix()),
                pick(f.suffix(), base == null ? null : base.suffix()),
                pick(f.middle(), base == null ? null : base.middle()),
                f.suffixFirst() != null ? f.suffixFirst() : base != null && base.suffixFirst(),
                pick(f.repoHeader(), base == null ? null : base.repoHeader()),
                pick(f.fileHeader(), base == null ? null : base.fileHeader()),
                f.stop() != null ? f.stop() : base == null ? List.of() : base.stop());
    }

    private static String pick(String configured, String builtIn) {
        return configured != null ? configured : builtIn;
    }
}
