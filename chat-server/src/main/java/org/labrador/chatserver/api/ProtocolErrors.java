package org.labrador.chatserver.api;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.tomcat.util.http.InvalidParameterException;
import org.springframework.beans.TypeMismatchException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.ServletRequestBindingException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.resource.NoResourceFoundException;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DatabindException;

/**
 * Spring MVC's own refusals of an API request (malformed JSON, a parameter of the wrong type or
 * missing, a method or content type the endpoint does not take) as JSON in the API's error shape,
 * instead of Spring's error page. Some come before a controller is chosen, so this advice applies
 * to every handler and picks the shape by path; for the web pages it steps aside. It comes before
 * the APIs' own advices, whose catch-all would otherwise take these for server errors.
 */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class ProtocolErrors {

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ResponseEntity<Object> unreadable(HttpMessageNotReadableException e, HttpServletRequest request) throws Exception {
        Throwable cause = e.getMostSpecificCause();
        String message = cause instanceof DatabindException wrong
                ? "a field of the request body has the wrong type: " + wrong.getOriginalMessage()
                : cause instanceof JacksonException json
                ? "invalid JSON in the request body: " + json.getOriginalMessage()
                : e.getMessage() != null && e.getMessage().startsWith("Required request body is missing")
                ? "the request body is missing" : "the request body could not be read";
        return error(request, e, 400, message, new HttpHeaders());
    }

    @ExceptionHandler(TypeMismatchException.class)
    ResponseEntity<Object> wrongType(TypeMismatchException e, HttpServletRequest request) throws Exception {
        String name = e instanceof MethodArgumentTypeMismatchException m ? m.getName() : e.getPropertyName();
        String type = e.getRequiredType() == null ? "another type" : e.getRequiredType().getSimpleName();
        return error(request, e, 400, "'" + name + "' must be of type " + type, new HttpHeaders());
    }

    @ExceptionHandler(MissingServletRequestParameterException.class)
    ResponseEntity<Object> missing(MissingServletRequestParameterException e, HttpServletRequest request) throws Exception {
        return error(request, e, 400, "the parameter '" + e.getParameterName() + "' is required", new HttpHeaders());
    }

    @ExceptionHandler({ServletRequestBindingException.class, HandlerMethodValidationException.class})
    ResponseEntity<Object> badRequest(Exception e, HttpServletRequest request) throws Exception {
        return error(request, e, 400, "the request is not valid: " + e.getMessage(), new HttpHeaders());
    }

    /** Tomcat's refusal of a query or form that is not percent-encoded UTF-8 ({@code %ZZ}, {@code %FF}). */
    @ExceptionHandler(InvalidParameterException.class)
    ResponseEntity<Object> badEncoding(InvalidParameterException e, HttpServletRequest request) throws Exception {
        return error(request, e, 400, "the query parameters are not correctly percent-encoded UTF-8", new HttpHeaders());
    }

    @ExceptionHandler(HttpRequestMethodNotSupportedException.class)
    ResponseEntity<Object> method(HttpRequestMethodNotSupportedException e, HttpServletRequest request) throws Exception {
        HttpHeaders headers = new HttpHeaders();
        Set<HttpMethod> allowed = e.getSupportedHttpMethods();
        if (allowed != null) {
            headers.setAllow(allowed);
        }
        String use = allowed == null || allowed.isEmpty() ? ""
                : "; use " + allowed.stream().map(HttpMethod::name).sorted().collect(Collectors.joining(" or "));
        return error(request, e, 405, "method " + e.getMethod() + " is not allowed here" + use, headers);
    }

    @ExceptionHandler(HttpMediaTypeNotSupportedException.class)
    ResponseEntity<Object> contentType(HttpMediaTypeNotSupportedException e, HttpServletRequest request) throws Exception {
        HttpHeaders headers = new HttpHeaders();
        headers.setAccept(e.getSupportedMediaTypes());
        return error(request, e, 415, "content type '" + e.getContentType() + "' is not supported; send application/json",
                headers);
    }

    @ExceptionHandler(HttpMediaTypeNotAcceptableException.class)
    ResponseEntity<Object> accept(HttpMediaTypeNotAcceptableException e, HttpServletRequest request) throws Exception {
        return error(request, e, 406, "cannot answer in the media type asked for (Accept); this endpoint answers "
                + e.getSupportedMediaTypes(), new HttpHeaders());
    }

    @ExceptionHandler(NoResourceFoundException.class)
    ResponseEntity<Object> notFound(NoResourceFoundException e, HttpServletRequest request) throws Exception {
        return error(request, e, 404, "no such endpoint: " + ApiErrorShape.pathOf(request), new HttpHeaders());
    }

    /** The error in the API's shape; a web page's error is passed on (rethrown) to Spring's own handling. */
    private static ResponseEntity<Object> error(HttpServletRequest request, Exception e, int status, String message,
                                                HttpHeaders headers) throws Exception {
        String path = ApiErrorShape.pathOf(request);
        if (!ApiErrorShape.isApiPath(path)) {
            throw e;
        }
        return ResponseEntity.status(status).headers(headers).contentType(MediaType.APPLICATION_JSON).body(ApiErrorShape.of(path).body(status, message));
    }
}
