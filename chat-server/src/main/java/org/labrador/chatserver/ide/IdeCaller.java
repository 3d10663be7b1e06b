package org.labrador.chatserver.ide;

import jakarta.servlet.http.HttpServletRequest;
import java.security.Principal;
import org.labrador.retrieval.ReadAccess;
import org.springframework.stereotype.Component;

/** Who calls an IDE endpoint: the one place of this package that decides what a caller may read. */
@Component
public class IdeCaller {

    /** What the caller may read. */
    public ReadAccess access(HttpServletRequest request) {
        return ReadAccess.everything(); // the lead wires this to the signed-in user (security.Callers)
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
