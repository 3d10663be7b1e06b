package org.labrador.chatserver.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import org.labrador.webui.account.LoginView;
import org.labrador.webui.account.SetupView;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * {@code POST /setup/admin}: the setup page's form (setup code, user name, password twice), as a browser
 * posts it, with the page's CSRF token. Answers with a redirect, as the sign-in form does: to the sign-in
 * page once the administrator exists, else back to the setup page with what went wrong
 * ({@code ?error=code|blocked|mismatch|invalid}) and the name typed kept in the session.
 */
@Controller
@ConditionalOnWebApplication
class FirstRunController {

    private final FirstRunSetup setup;

    FirstRunController(FirstRunSetup setup) {
        this.setup = setup;
    }

    @PostMapping(path = "/setup/admin", consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE)
    String createAdmin(@RequestParam(defaultValue = "") String code, @RequestParam(defaultValue = "") String username,
                       @RequestParam(defaultValue = "") String password, @RequestParam(defaultValue = "") String password2,
                       HttpServletRequest request) {
        HttpSession session = request.getSession();
        String name = username.strip();
        session.setAttribute(SetupView.TYPED_USER_NAME, name.length() > 100 ? name.substring(0, 100) : name);
        if (!password.equals(password2)) {
            return "redirect:/setup?error=mismatch";
        }
        try {
            return switch (setup.createAdmin(code, name, password, request.getRemoteAddr())) {
                case CREATED -> {
                    session.removeAttribute(SetupView.TYPED_USER_NAME);
                    session.setAttribute(LoginView.LAST_USER_NAME, name);
                    yield "redirect:/login?created";
                }
                case WRONG_CODE -> "redirect:/setup?error=code";
                case BLOCKED -> "redirect:/setup?error=blocked";
                case CLOSED -> "redirect:/login";
            };
        } catch (IllegalArgumentException e) {
            session.setAttribute(SetupView.PROBLEM, e.getMessage());
            return "redirect:/setup?error=invalid";
        }
    }
}
