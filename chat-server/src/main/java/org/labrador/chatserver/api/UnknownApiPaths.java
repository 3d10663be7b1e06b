package org.labrador.chatserver.api;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Any path under {@code /api/}, {@code /v1/}, {@code /v1beta/} or {@code /actuator/} that no endpoint
 * serves: a 404 in the API's error shape, instead of the web chat's page (which a client would take for an answer).
 * Spring prefers every more specific mapping, so this one only answers what the others do not;
 * a path that exists for another method is a 405 naming the methods it takes.
 */
@RestController
class UnknownApiPaths {

    private final ObjectProvider<RequestMappingHandlerMapping> mappings;

    // Looked up when needed: the mapping collects the controllers, this one included, when it starts.
    UnknownApiPaths(@Qualifier("requestMappingHandlerMapping") ObjectProvider<RequestMappingHandlerMapping> mappings) {
        this.mappings = mappings;
    }

    @RequestMapping(path = {"/api/**", "/v1/**", "/v1beta/**", "/actuator/**"},
            method = {RequestMethod.GET, RequestMethod.POST, RequestMethod.PUT, RequestMethod.PATCH, RequestMethod.DELETE})
    ResponseEntity<Map<String, Object>> unknown(HttpServletRequest request) {
        String path = ApiErrorShape.pathOf(request);
        ApiErrorShape shape = ApiErrorShape.of(path);
        Set<String> allowed = methodsElsewhere(request);
        if (!allowed.isEmpty()) {
            HttpHeaders headers = new HttpHeaders();
            headers.set(HttpHeaders.ALLOW, String.join(", ", allowed));
            return ResponseEntity.status(405).headers(headers).contentType(MediaType.APPLICATION_JSON)
                    .body(shape.body(405, "method " + request.getMethod() + " is not allowed here; use "
                            + String.join(" or ", allowed)));
        }
        return ResponseEntity.status(404).contentType(MediaType.APPLICATION_JSON)
                .body(shape.body(404, "no such endpoint: " + request.getMethod() + " " + path));
    }

    /** The methods other endpoints take at this path. */
    private Set<String> methodsElsewhere(HttpServletRequest request) {
        Set<String> methods = new TreeSet<>();
        for (Map.Entry<RequestMappingInfo, HandlerMethod> mapping : mappings.getObject().getHandlerMethods().entrySet()) {
            if (mapping.getValue().getBeanType() == UnknownApiPaths.class) {
                continue;
            }
            RequestMappingInfo info = mapping.getKey();
            if (info.getPathPatternsCondition() != null && info.getPathPatternsCondition().getMatchingCondition(request) != null) {
                info.getMethodsCondition().getMethods().forEach(m -> methods.add(m.name()));
            }
        }
        return methods;
    }
}
