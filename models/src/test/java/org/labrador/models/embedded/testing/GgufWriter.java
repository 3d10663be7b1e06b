package org.labrador.models.embedded.testing;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes a GGUF file (version 3, little-endian) as ggml's {@code docs/gguf.md} specifies it: the
 * magic {@code GGUF}, the version, the tensor and key-value counts, the key-values, the tensor
 * descriptions, then the tensor data, each tensor starting at a multiple of
 * {@value #ALIGNMENT} bytes from the start of the data section. Only what the tests need: scalar,
 * string and array values, and tensors of 32-bit floats.
 */
public final class GgufWriter {

    /** {@code general.alignment}'s default; the writer never sets another. */
    public static final int ALIGNMENT = 32;

    private static final int MAGIC = 0x46554747; // "GGUF" read as a little-endian uint32
    private static final int VERSION = 3;

    // Value types of the format.
    private static final int UINT32 = 4;
    private static final int INT32 = 5;
    private static final int FLOAT32 = 6;
    private static final int BOOL = 7;
    private static final int STRING = 8;
    private static final int ARRAY = 9;
    private static final int GGML_TYPE_F32 = 0;

    private record Tensor(String name, long[] dims, float[] data) {}

    private final Map<String, byte[]> values = new LinkedHashMap<>();
    private final List<Tensor> tensors = new ArrayList<>();

    public GgufWriter putString(String key, String value) {
        return put(key, STRING, string(value));
    }

    public GgufWriter putUInt32(String key, int value) {
        return put(key, UINT32, le(4).putInt(value).array());
    }

    public GgufWriter putFloat32(String key, float value) {
        return put(key, FLOAT32, le(4).putFloat(value).array());
    }

    public GgufWriter putBool(String key, boolean value) {
        return put(key, BOOL, new byte[] {(byte) (value ? 1 : 0)});
    }

    public GgufWriter putStrings(String key, List<String> strings) {
        List<byte[]> encoded = strings.stream().map(GgufWriter::string).toList();
        ByteBuffer out = le(12 + encoded.stream().mapToInt(b -> b.length).sum());
        out.putInt(STRING).putLong(encoded.size());
        encoded.forEach(out::put);
        return put(key, ARRAY, out.array());
    }

    public GgufWriter putInt32s(String key, int[] ints) {
        ByteBuffer out = le(12 + 4 * ints.length);
        out.putInt(INT32).putLong(ints.length);
        for (int i : ints) {
            out.putInt(i);
        }
        return put(key, ARRAY, out.array());
    }

    /**
     * A tensor of 32-bit floats. {@code dims} in ggml's order: the first is the one that varies
     * fastest in {@code data} (for a weight matrix, the input width).
     */
    public GgufWriter tensor(String name, long[] dims, float[] data) {
        long elements = 1;
        for (long d : dims) {
            elements *= d;
        }
        if (elements != data.length) {
            throw new IllegalArgumentException(name + ": " + data.length + " values for " + elements + " elements");
        }
        tensors.add(new Tensor(name, dims.clone(), data));
        return this;
    }

    public Path write(Path file) throws IOException {
        try (OutputStream out = Files.newOutputStream(file)) {
            out.write(bytes());
        }
        return file;
    }

    /** The whole file. */
    public byte[] bytes() {
        List<byte[]> parts = new ArrayList<>();
        parts.add(le(24).putInt(MAGIC).putInt(VERSION).putLong(tensors.size()).putLong(values.size()).array());
        values.forEach((key, typedValue) -> {
            parts.add(string(key));
            parts.add(typedValue);
        });
        long offset = 0;
        List<Long> offsets = new ArrayList<>();
        for (Tensor t : tensors) {
            byte[] name = string(t.name());
            ByteBuffer info = le(name.length + 4 + 8 * t.dims().length + 4 + 8);
            info.put(name).putInt(t.dims().length);
            for (long d : t.dims()) {
                info.putLong(d);
            }
            info.putInt(GGML_TYPE_F32).putLong(offset);
            parts.add(info.array());
            offsets.add(offset);
            offset = align(offset + 4L * t.data().length);
        }
        int header = parts.stream().mapToInt(b -> b.length).sum();
        int dataStart = (int) align(header);
        ByteBuffer file = le(Math.toIntExact(dataStart + offset));
        parts.forEach(file::put);
        for (int i = 0; i < tensors.size(); i++) {
            file.position(Math.toIntExact(dataStart + offsets.get(i)));
            for (float f : tensors.get(i).data()) {
                file.putFloat(f);
            }
        }
        return file.array();
    }

    private GgufWriter put(String key, int type, byte[] value) {
        byte[] typed = le(4 + value.length).putInt(type).put(value).array();
        if (values.putIfAbsent(key, typed) != null) {
            throw new IllegalArgumentException("key written twice: " + key);
        }
        return this;
    }

    private static byte[] string(String s) {
        byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
        return le(8 + utf8.length).putLong(utf8.length).put(utf8).array();
    }

    private static long align(long n) {
        return (n + ALIGNMENT - 1) / ALIGNMENT * ALIGNMENT;
    }

    private static ByteBuffer le(int size) {
        return ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
    }
}
