package org.tipis.platform.problem;

import java.util.ArrayList;
import java.util.List;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.ConstraintViolationException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.validation.method.ParameterValidationResult;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * The one place where exceptions become RFC 9457 problems: stable {@code type}, fixed {@code title},
 * {@code code}, {@code traceId} and, for invalid input, {@code errors[]} with JSON pointers. Messages of the
 * underlying exceptions never reach the client.
 */
@RestControllerAdvice
public class ProblemAdvice extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemAdvice.class);

    private final org.springframework.context.MessageSource messages;

    public ProblemAdvice(org.springframework.context.MessageSource messages) {
        this.messages = messages;
    }

    /**
     * The errors' messages in the caller's language (Accept-Language), where a translation exists; otherwise the
     * message as written. That message is not given to the MessageSource as a default: it may quote what the caller
     * sent, and a default would be parsed as a message pattern ({@code a'{b} fails) and cached for good.
     */
    List<FieldError> localized(List<FieldError> errors) {
        java.util.Locale locale = org.springframework.context.i18n.LocaleContextHolder.getLocale();
        if (messages == null || errors.isEmpty() || "en".equals(locale.getLanguage())) {
            return errors;
        }
        return errors.stream().map(e -> {
            String translated = messages.getMessage("problem." + e.code(), e.args().toArray(), null, locale);
            return new FieldError(e.pointer(), e.code(), translated != null ? translated : e.message(), e.args());
        }).toList();
    }

    @ExceptionHandler(ProblemException.class)
    ResponseEntity<Object> handleProblem(ProblemException ex, HttpServletRequest request) {
        ProblemType type = ex.type();
        return problem(Problems.of(type, type.status().value(), ex.getMessage(), request.getRequestURI(),
                localized(ex.errors())));
    }

    @ExceptionHandler(AccessDeniedException.class)
    ResponseEntity<Object> handleAccessDenied(AccessDeniedException ex, HttpServletRequest request) {
        return problem(Problems.of(ProblemType.FORBIDDEN, "You are not allowed to do this.",
                request.getRequestURI()));
    }

    @ExceptionHandler(AuthenticationException.class)
    ResponseEntity<Object> handleAuthentication(AuthenticationException ex, HttpServletRequest request) {
        return problem(Problems.of(ProblemType.UNAUTHORIZED, "A valid access token is required.",
                request.getRequestURI()));
    }

    @ExceptionHandler(ConstraintViolationException.class)
    ResponseEntity<Object> handleConstraintViolation(ConstraintViolationException ex, HttpServletRequest request) {
        List<FieldError> errors = ex.getConstraintViolations().stream()
                .map(v -> new FieldError("/" + v.getPropertyPath().toString().replace('.', '/'),
                        v.getConstraintDescriptor().getAnnotation().annotationType().getSimpleName(),
                        v.getMessage()))
                .toList();
        return problem(Problems.of(ProblemType.VALIDATION_FAILED, 400, "The request has invalid fields.",
                request.getRequestURI(), errors));
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<Object> handleUnexpected(Exception ex, HttpServletRequest request) {
        log.error("Unhandled exception on {} {}: {}", request.getMethod(), request.getRequestURI(),
                SafeThrowables.describe(ex));
        return problem(Problems.of(ProblemType.INTERNAL_ERROR,
                "An unexpected error occurred. Quote the traceId when reporting it.", request.getRequestURI()));
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException ex,
                                                                  HttpHeaders headers, HttpStatusCode status,
                                                                  WebRequest request) {
        List<FieldError> errors = new ArrayList<>();
        ex.getBindingResult().getFieldErrors().forEach(e -> errors.add(
                new FieldError("/" + e.getField().replace('.', '/').replaceAll("\\[(\\d+)]", "/$1"),
                        e.getCode(), e.getDefaultMessage())));
        ex.getBindingResult().getGlobalErrors().forEach(e -> errors.add(
                new FieldError("", e.getCode(), e.getDefaultMessage())));
        return problem(Problems.of(ProblemType.VALIDATION_FAILED, 400, "The request has invalid fields.",
                path(request), errors));
    }

    @Override
    protected ResponseEntity<Object> handleHandlerMethodValidationException(HandlerMethodValidationException ex,
                                                                            HttpHeaders headers,
                                                                            HttpStatusCode status,
                                                                            WebRequest request) {
        List<FieldError> errors = new ArrayList<>();
        for (ParameterValidationResult result : ex.getParameterValidationResults()) {
            String name = result.getMethodParameter().getParameterName();
            result.getResolvableErrors().forEach(e -> errors.add(new FieldError("/query/" + name,
                    e.getCodes() != null && e.getCodes().length > 0 ? lastSegment(e.getCodes()[e.getCodes().length - 1]) : "Invalid",
                    e.getDefaultMessage())));
        }
        return problem(Problems.of(ProblemType.VALIDATION_FAILED, 400, "The request has invalid parameters.",
                path(request), errors));
    }

    /** Every other Spring MVC exception: keep its status, replace its body by our shape. */
    @Override
    protected ResponseEntity<Object> createResponseEntity(Object body, HttpHeaders headers, HttpStatusCode statusCode,
                                                          WebRequest request) {
        int status = statusCode.value();
        ProblemType type = ProblemType.forStatus(status);
        String detail = body instanceof ProblemDetail pd ? pd.getDetail() : null;
        ProblemDetail problem = Problems.of(type, status, detail, path(request), List.of());
        HttpHeaders out = new HttpHeaders();
        out.addAll(headers);
        out.setContentType(MediaType.APPLICATION_PROBLEM_JSON);
        return new ResponseEntity<>(problem, out, statusCode);
    }

    private static ResponseEntity<Object> problem(ProblemDetail problem) {
        return ResponseEntity.status(problem.getStatus())
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(problem);
    }

    private static String lastSegment(String code) {
        int dot = code.lastIndexOf('.');
        return dot >= 0 ? code.substring(dot + 1) : code;
    }

    private static String path(WebRequest request) {
        if (request instanceof NativeWebRequest nwr
                && nwr.getNativeRequest() instanceof HttpServletRequest servletRequest) {
            return servletRequest.getRequestURI();
        }
        return null;
    }
}
