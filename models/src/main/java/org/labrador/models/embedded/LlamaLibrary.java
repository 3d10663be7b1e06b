package org.labrador.models.embedded;

import de.kherud.llama.LlamaModel;
import de.kherud.llama.LogLevel;
import de.kherud.llama.ModelParameters;
import de.kherud.llama.args.LogFormat;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads llama.cpp's native library from the {@code de.kherud:llama} jar, once per process, loads
 * models one at a time, and sends llama.cpp's log to SLF4J (logger {@code org.labrador.models.embedded.llama.cpp}, errors at WARN, the rest at
 * DEBUG).
 *
 * <p>The jar's loader extracts the library into {@code java.io.tmpdir} under a fixed name, and
 * first deletes every file there whose name starts with {@code llama} or {@code jllama}: two
 * Labrador processes would overwrite each other's library, and a user's {@code /tmp/llama…} files
 * would go. So unless {@code de.kherud.llama.tmpdir} (or {@code de.kherud.llama.lib.path}) is set,
 * the library goes to a directory of this process's own, removed when it exits, unpacked by this
 * class where it can. Without
 * {@code --enable-native-access=ALL-UNNAMED} on the command line, Java 24 and later print a warning
 * when the library loads; a later Java release will refuse to load it.
 */
final class LlamaLibrary {

    private static final Logger nativeLog = LoggerFactory.getLogger("org.labrador.models.embedded.llama.cpp");
    private static boolean loaded;

    private LlamaLibrary() {
    }

    /**
     * Loads a model, one at a time: llama.cpp's process-wide state (its backend, its log) is set up
     * anew by every load.
     *
     * @throws UnsatisfiedLinkError if the jar has no library for this platform or it does not load
     * @throws RuntimeException (the binding's {@code LlamaException}) if llama.cpp cannot load the model
     */
    static synchronized LlamaModel open(ModelParameters parameters) {
        load();
        try {
            return new LlamaModel(parameters);
        } finally {
            // Loading pointed llama.cpp's log at the binding's server log (which the engine turns off).
            logToSlf4j();
        }
    }

    private static void load() {
        if (loaded) {
            return;
        }
        if (System.getProperty("de.kherud.llama.tmpdir") == null && System.getProperty("de.kherud.llama.lib.path") == null) {
            try {
                Path own = Files.createTempDirectory("labrador-llama-");
                own.toFile().deleteOnExit(); // runs after the library file's deleteOnExit, registered later
                System.setProperty("de.kherud.llama.tmpdir", own.toString());
                unpack(own);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot unpack llama.cpp's native library", e);
            }
        }
        logToSlf4j();
        loaded = true;
    }

    /**
     * Unpacks the library for this platform into {@code dir} and points the binding at it, which then
     * loads it from there without printing "Extracted …" on standard output (where it would precede,
     * say, the JSON of {@code labrador ask --json}). On a platform named otherwise than expected,
     * does nothing and leaves the unpacking to the binding.
     */
    private static void unpack(Path dir) throws IOException {
        String os = System.getProperty("os.name", "");
        String arch = switch (System.getProperty("os.arch", "")) {
            case "amd64", "x86_64" -> "x86_64";
            case "aarch64", "arm64" -> "aarch64";
            default -> "";
        };
        String folder = os.startsWith("Linux") && !System.getProperty("java.vm.vendor", "").contains("Android") ? "Linux"
                : os.startsWith("Mac") ? "Mac" : os.startsWith("Windows") ? "Windows" : "";
        String name = System.mapLibraryName("jllama");
        try (InputStream library = LlamaModel.class.getResourceAsStream("/de/kherud/llama/" + folder + "/" + arch + "/" + name)) {
            if (library == null || folder.isEmpty() || arch.isEmpty() || folder.equals("Mac")) {
                return; // on macOS the binding also unpacks its Metal shaders next to the library: let it
            }
            // A folder of its own: the binding's clean-up deletes files named jllama* (Windows' jllama.dll) in its tmpdir.
            Path folderOfLibrary = Files.createDirectory(dir.resolve("lib"));
            folderOfLibrary.toFile().deleteOnExit();
            Path file = folderOfLibrary.resolve(name);
            Files.copy(library, file);
            file.toFile().deleteOnExit();
            System.setProperty("de.kherud.llama.lib.path", folderOfLibrary.toString());
        }
    }

    private static void logToSlf4j() {
        // Text format: the callback then also receives ggml's messages (JSON mode prints those to stdout).
        LlamaModel.setLogger(LogFormat.TEXT, LlamaLibrary::log);
    }

    /** llama.cpp is talkative (every loaded tensor, every cancelled task): only its errors go above debug. */
    private static void log(LogLevel level, String message) {
        String text = message.strip();
        if (text.isEmpty()) {
            return;
        }
        if (level == LogLevel.ERROR) {
            nativeLog.warn(text);
        } else {
            nativeLog.debug(text);
        }
    }
}
