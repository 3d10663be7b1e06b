package org.labrador.chatserver.ide;

import jakarta.servlet.http.HttpServletRequest;
import java.security.Principal;
import org.labrador.chatserver.security.Callers;
import org.labrador.retrieval.ReadAccess;
import org.springframework.stereotype.Component;

/** Who calls an IDE endpoint: the one place of this package that decides what a caller may read. */
@Component
public class IdeCaller {

    private final Callers callers;

    public IdeCaller(Callers callers) {
        this.callers = callers;
    }

    /** What the caller may read: the sources open to the groups of the token's owner. */
    public ReadAccess access(HttpServletRequest request) {
        return callers.access();
    }

    /**
     * Who is typing where: the signed-in user, else the remote address, and the file being edited.
     * A newer completion with the same key replaces an older one still running.
     */
    public String completionKey(HttpServletRequest request, String file) {
        Principal user = request.getUserPrincipal();
        String who = user != null ? "user:" + user.getName() : "addr:" + request.getRemoteAddr();
        return file == null || file.isBlank() ? who : who + "|" + file;
    }
}
