package org.labrador.chatserver.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import org.slf4j.LoggerFactory;

/** Commands that run without Spring print tables on stdout; library INFO lines would garble them. */
final class Logging {

    private Logging() {
    }

    static void quiet() {
        ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).setLevel(Level.WARN);
        // DJL probes for CUDA at every start and warns when there is none: expected on a CPU-only
        // machine (the Spring commands get the same from application.properties).
        ((Logger) LoggerFactory.getLogger("ai.djl.util.cuda")).setLevel(Level.ERROR);
        java.util.logging.Logger.getLogger("").setLevel(java.util.logging.Level.WARNING);
    }
}
