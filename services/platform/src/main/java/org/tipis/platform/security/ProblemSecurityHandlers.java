package org.tipis.platform.security;

import java.io.IOException;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.AuthenticationServiceException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.tipis.platform.problem.ProblemResponseWriter;
import org.tipis.platform.problem.ProblemType;
import org.tipis.platform.problem.Problems;

/** 401 and 403 as problems. The reason a token was refused is logged by Spring, never told to the caller. */
public class ProblemSecurityHandlers implements AuthenticationEntryPoint, AccessDeniedHandler {

    private final ProblemResponseWriter writer;

    public ProblemSecurityHandlers(ProblemResponseWriter writer) {
        this.writer = writer;
    }

    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response,
                         AuthenticationException exception) throws IOException {
        if (exception instanceof AuthenticationServiceException) {
            // the token could not be checked at all (e.g. the identity provider's keys are unreachable)
            response.setHeader("Retry-After", "10");
            writer.write(response, Problems.of(ProblemType.SERVICE_UNAVAILABLE,
                    "Access tokens cannot be verified right now. Try again later.", request.getRequestURI()));
            return;
        }
        boolean badToken = exception instanceof InvalidBearerTokenException
                || request.getHeader("Authorization") != null;
        response.setHeader("WWW-Authenticate", badToken ? "Bearer error=\"invalid_token\"" : "Bearer");
        writer.write(response, Problems.of(ProblemType.UNAUTHORIZED,
                badToken ? "The access token is missing, expired, not for this API or not validly signed."
                        : "A valid access token is required.",
                request.getRequestURI()));
    }

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response,
                       AccessDeniedException exception) throws IOException {
        writer.write(response, Problems.of(ProblemType.FORBIDDEN, "You are not allowed to do this.",
                request.getRequestURI()));
    }
}
