package org.labrador.models.embedded;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The key-values of a GGUF model file (ggml's {@code docs/gguf.md}, versions 2 and 3), read in Java
 * before llama.cpp sees the file: a file that is not GGUF, or is cut short (a download that
 * stopped), is refused here with a message that says so, rather than by native code whose
 * failures are terse or, for some malformed files, fatal to the process.
 *
 * <p>Scalars and strings are kept; arrays (the vocabulary, the merges) only by their length. The
 * tensor descriptions are read to check that every tensor lies inside the file.
 */
public final class GgufMetadata {

    private static final int MAGIC = 0x46554747; // "GGUF" as a little-endian uint32
    private static final int DEFAULT_ALIGNMENT = 32;
    // Bounds that no real file reaches, so that garbage fails fast instead of allocating gigabytes.
    private static final long MAX_ENTRIES = 1 << 20;
    private static final long MAX_STRING_BYTES = 64L << 20;

    private final Map<String, Object> values;
    private final int version;
    private final long tensorCount;

    private GgufMetadata(int version, long tensorCount, Map<String, Object> values) {
        this.version = version;
        this.tensorCount = tensorCount;
        this.values = Collections.unmodifiableMap(values);
    }

    /**
     * Reads a GGUF file's header.
     *
     * @throws InvalidModelFileException if the file is not GGUF, is of an unknown version, or is
     *     shorter than its tensors need
     * @throws IOException if the file cannot be read
     */
    public static GgufMetadata read(Path file) throws IOException {
        long fileSize = Files.size(file);
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
            Reader r = new Reader(in, file);
            if (fileSize < 24 || r.int32() != MAGIC) {
                throw new InvalidModelFileException(file + " is not a GGUF model file (it does not start with \"GGUF\").");
            }
            int version = r.int32();
            if (version != 2 && version != 3) {
                throw new InvalidModelFileException(file + " is GGUF version " + Integer.toUnsignedString(version)
                        + "; llama.cpp reads versions 2 and 3 (little-endian).");
            }
            long tensors = r.count("tensors");
            long entries = r.count("key-values");
            Map<String, Object> values = new LinkedHashMap<>();
            for (long i = 0; i < entries; i++) {
                String key = r.string();
                values.put(key, r.value(r.int32()));
            }
            long end = 0;
            for (long i = 0; i < tensors; i++) {
                r.string(); // name
                int dims = r.int32();
                if (dims < 1 || dims > 4) {
                    throw new InvalidModelFileException(file + " is damaged: a tensor has " + dims + " dimensions.");
                }
                long elements = 1;
                for (int d = 0; d < dims; d++) {
                    elements = Math.multiplyExact(elements, r.int64());
                }
                long bytes = bytesOf(r.int32(), elements);
                end = Math.max(end, r.int64() + bytes);
            }
            int alignment = values.get("general.alignment") instanceof Number n && n.intValue() > 0
                    ? n.intValue() : DEFAULT_ALIGNMENT;
            long dataStart = (r.position + alignment - 1) / alignment * alignment;
            if (dataStart + end > fileSize) {
                throw new InvalidModelFileException(file + " is cut short: it has " + fileSize
                        + " bytes but its tensors need at least " + (dataStart + end)
                        + ". Download it again (the download probably stopped).");
            }
            return new GgufMetadata(version, tensors, values);
        } catch (EOFException | ArithmeticException e) {
            throw new InvalidModelFileException(file + " is cut short or damaged: its header ends early.");
        }
    }

    public int version() {
        return version;
    }

    public long tensorCount() {
        return tensorCount;
    }

    /** Every scalar and string key-value; an array is given as its length (a {@link Long}). */
    public Map<String, Object> values() {
        return values;
    }

    public Optional<String> string(String key) {
        return values.get(key) instanceof String s ? Optional.of(s) : Optional.empty();
    }

    public Optional<Long> number(String key) {
        return values.get(key) instanceof Number n && !(values.get(key) instanceof Double)
                ? Optional.of(n.longValue()) : Optional.empty();
    }

    public Optional<Boolean> bool(String key) {
        return values.get(key) instanceof Boolean b ? Optional.of(b) : Optional.empty();
    }

    /** {@code general.architecture}, e.g. {@code llama}, {@code qwen2}; "" if missing. */
    public String architecture() {
        return string("general.architecture").orElse("");
    }

    /** The context length the model was trained for ({@code <architecture>.context_length}), if given. */
    public Optional<Integer> contextLength() {
        return number(architecture() + ".context_length").filter(n -> n > 0)
                .map(n -> (int) Math.min(n, Integer.MAX_VALUE));
    }

    /** {@code tokenizer.chat_template}, if the file has one. */
    public Optional<String> chatTemplate() {
        return string("tokenizer.chat_template").filter(s -> !s.isBlank());
    }

    /**
     * Whether llama.cpp puts the begin-of-sequence token in front of a prompt: the file's
     * {@code tokenizer.ggml.add_bos_token}, else llama.cpp's default (yes for SentencePiece
     * vocabularies, no for byte-level BPE).
     */
    public boolean addsBosToken() {
        return bool("tokenizer.ggml.add_bos_token")
                .orElse("llama".equals(string("tokenizer.ggml.model").orElse("")));
    }

    /**
     * Bytes of a tensor of a ggml type, for the types whose block layout is fixed and common in
     * downloaded models; 0 for others, whose data is then only checked to start inside the file.
     */
    private static long bytesOf(int type, long elements) {
        return switch (type) {
            case 0 -> elements * 4; // F32
            case 1, 30 -> elements * 2; // F16, BF16
            case 2 -> elements / 32 * 18; // Q4_0
            case 3 -> elements / 32 * 20; // Q4_1
            case 8 -> elements / 32 * 34; // Q8_0
            case 12 -> elements / 256 * 144; // Q4_K
            case 13 -> elements / 256 * 176; // Q5_K
            case 14 -> elements / 256 * 210; // Q6_K
            default -> 0;
        };
    }

    /** Little-endian reads, counting the bytes read. */
    private static final class Reader {
        private final DataInputStream in;
        private final Path file;
        long position;

        Reader(InputStream in, Path file) {
            this.in = new DataInputStream(in);
            this.file = file;
        }

        private InvalidModelFileException unusable(String what) {
            return new InvalidModelFileException(file + " is not a usable GGUF file: " + what + ".");
        }

        int int32() throws IOException {
            position += 4;
            return Integer.reverseBytes(in.readInt());
        }

        long int64() throws IOException {
            position += 8;
            return Long.reverseBytes(in.readLong());
        }

        long count(String what) throws IOException {
            long n = int64();
            if (n < 0 || n > MAX_ENTRIES) {
                throw unusable("it claims " + Long.toUnsignedString(n) + " " + what);
            }
            return n;
        }

        String string() throws IOException {
            long length = int64();
            if (length < 0 || length > MAX_STRING_BYTES) {
                throw unusable("a string of " + Long.toUnsignedString(length) + " bytes");
            }
            byte[] bytes = in.readNBytes((int) length);
            if (bytes.length < length) {
                throw new EOFException();
            }
            position += length;
            return new String(bytes, StandardCharsets.UTF_8);
        }

        Object value(int type) throws IOException {
            return switch (type) {
                case 0, 1, 7 -> { // uint8, int8, bool
                    position += 1;
                    int b = in.readUnsignedByte();
                    yield type == 7 ? (Object) (b != 0) : (Object) (long) (type == 1 ? (byte) b : b);
                }
                case 2, 3 -> { // uint16, int16
                    position += 2;
                    short s = Short.reverseBytes(in.readShort());
                    yield (long) (type == 3 ? s : Short.toUnsignedInt(s));
                }
                case 4 -> Integer.toUnsignedLong(int32());
                case 5 -> (long) int32();
                case 6 -> (double) Float.intBitsToFloat(int32());
                case 8 -> string();
                case 9 -> array();
                case 10, 11 -> int64();
                case 12 -> Double.longBitsToDouble(int64());
                default -> throw unusable("unknown value type " + type);
            };
        }

        /** Skips an array, giving its length. */
        Long array() throws IOException {
            int type = int32();
            long n = int64();
            if (n < 0 || n > (64L << 20)) {
                throw unusable("an array of " + Long.toUnsignedString(n) + " values");
            }
            if (type == 8 || type == 9) {
                for (long i = 0; i < n; i++) {
                    if (type == 8) {
                        string();
                    } else {
                        array();
                    }
                }
            } else {
                long bytes = n * width(type);
                in.skipNBytes(bytes);
                position += bytes;
            }
            return n;
        }

        private int width(int type) throws InvalidModelFileException {
            return switch (type) {
                case 0, 1, 7 -> 1;
                case 2, 3 -> 2;
                case 4, 5, 6 -> 4;
                case 10, 11, 12 -> 8;
                default -> throw unusable("unknown array type " + type);
            };
        }
    }
}
