package org.tipis.platform.problem;

import java.io.IOException;
import java.util.List;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.util.AntPathMatcher;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses request bodies above a limit with 413, before reading them when {@code Content-Length} says so, and
 * while reading otherwise (chunked bodies). File-upload paths have their own, larger limits and are exempt.
 */
public class BodySizeLimitFilter extends OncePerRequestFilter {

    private final long limit;
    private final List<String> exemptPaths;
    private final ProblemResponseWriter writer;
    private final AntPathMatcher matcher = new AntPathMatcher();

    public BodySizeLimitFilter(long limit, List<String> exemptPaths, ProblemResponseWriter writer) {
        this.limit = limit;
        this.exemptPaths = List.copyOf(exemptPaths);
        this.writer = writer;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return exemptPaths.stream().anyMatch(p -> matcher.match(p, request.getRequestURI()));
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (request.getContentLengthLong() > limit) {
            response.setHeader("Connection", "close");
            writer.write(response, Problems.of(ProblemType.PAYLOAD_TOO_LARGE,
                    "The body is larger than " + limit + " bytes.", request.getRequestURI()));
            return;
        }
        try {
            chain.doFilter(new Limited(request, limit), response);
        } catch (ServletException | IOException | RuntimeException e) {
            if (causedByLimit(e)) {
                writer.write(response, Problems.of(ProblemType.PAYLOAD_TOO_LARGE,
                        "The body is larger than " + limit + " bytes.", request.getRequestURI()));
                return;
            }
            throw e;
        }
    }

    private static boolean causedByLimit(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof BodyTooLargeException) {
                return true;
            }
        }
        return false;
    }

    /** Thrown while reading past the limit. */
    public static final class BodyTooLargeException extends IOException {
        BodyTooLargeException() {
            super("request body over the limit");
        }
    }

    private static final class Limited extends HttpServletRequestWrapper {

        private final long limit;
        private ServletInputStream stream;

        Limited(HttpServletRequest request, long limit) {
            super(request);
            this.limit = limit;
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            if (stream == null) {
                ServletInputStream in = super.getInputStream();
                stream = new ServletInputStream() {
                    private long read;

                    @Override
                    public int read() throws IOException {
                        int b = in.read();
                        if (b >= 0 && ++read > limit) {
                            throw new BodyTooLargeException();
                        }
                        return b;
                    }

                    @Override
                    public int read(byte[] buffer, int offset, int length) throws IOException {
                        int n = in.read(buffer, offset, length);
                        if (n > 0 && (read += n) > limit) {
                            throw new BodyTooLargeException();
                        }
                        return n;
                    }

                    @Override
                    public boolean isFinished() {
                        return in.isFinished();
                    }

                    @Override
                    public boolean isReady() {
                        return in.isReady();
                    }

                    @Override
                    public void setReadListener(ReadListener listener) {
                        in.setReadListener(listener);
                    }
                };
            }
            return stream;
        }
    }
}
