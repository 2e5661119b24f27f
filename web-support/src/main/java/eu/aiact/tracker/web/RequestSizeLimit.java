package eu.aiact.tracker.web;

import java.io.IOException;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Refuses request bodies larger than {@code tracker.http.max-body-size} (default 64 KB: a command is a few hundred bytes) with 413 and a
 * problem detail, before anything reads them; uploads ({@value #UPLOADS}: an inventory file of up to 100,000 rows) may have up to
 * {@code tracker.http.max-upload-size} (default 32 MB). A body without a declared length is cut off at the limit (its parse then fails:
 * 400).
 */
@Order(Ordered.HIGHEST_PRECEDENCE)
public class RequestSizeLimit extends OncePerRequestFilter {

    /** The path of uploaded files. */
    public static final String UPLOADS = "/api/imports";

    private final long maxBodyBytes;
    private final long maxUploadBytes;

    public RequestSizeLimit(@Value("${tracker.http.max-body-size:65536}") long maxBodyBytes,
            @Value("${tracker.http.max-upload-size:33554432}") long maxUploadBytes) {
        this.maxBodyBytes = maxBodyBytes;
        this.maxUploadBytes = maxUploadBytes;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        long maxBytes = UPLOADS.equals(request.getRequestURI()) ? maxUploadBytes : maxBodyBytes;
        if (request.getContentLengthLong() > maxBytes) {
            ProblemWriter.write(request, response, HttpStatus.CONTENT_TOO_LARGE, "/problems/body-too-large", "Request body too large",
                    "The request body has " + request.getContentLengthLong() + " bytes; at most " + maxBytes + " are accepted");
            return;
        }
        chain.doFilter(request.getContentLengthLong() < 0 ? new Bounded(request, maxBytes) : request, response);
    }

    private static final class Bounded extends HttpServletRequestWrapper {

        private final long maxBytes;

        Bounded(HttpServletRequest request, long maxBytes) {
            super(request);
            this.maxBytes = maxBytes;
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            ServletInputStream in = super.getInputStream();
            return new ServletInputStream() {
                private long read;

                @Override
                public int read() throws IOException {
                    if (read >= maxBytes) {
                        throw new IOException("Request body exceeds " + maxBytes + " bytes");
                    }
                    int b = in.read();
                    if (b >= 0) {
                        read++;
                    }
                    return b;
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
    }
}
