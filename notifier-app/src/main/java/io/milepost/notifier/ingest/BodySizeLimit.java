package io.milepost.notifier.ingest;

import io.milepost.notifier.Problems;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses an API request body over {@link IngestProperties#maxBodySize()} with 413 before anything
 * reads it whole: one declared too large by Content-Length is refused unread; a chunked one is read
 * only up to one byte past the limit. Today's controller takes the body as one array, so without
 * this a 60 MB body was buffered and parsed.
 */
@Configuration(proxyBeanMethods = false)
class BodySizeLimit {

  /**
   * First in line for /api, ahead of Spring Security and Spring MVC's own filters (the form filter
   * would read a body whole).
   */
  @Bean
  FilterRegistrationBean<Filter> apiBodySizeLimit(IngestProperties properties) {
    FilterRegistrationBean<Filter> registration =
        new FilterRegistrationBean<>(new Filter(properties.maxBodySize().toBytes()));
    registration.addUrlPatterns("/api/*");
    registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 1);
    return registration;
  }

  static final class Filter extends OncePerRequestFilter {
    private final int limit;

    Filter(long limit) {
      // The body of a request that passes is held as one array: it must fit one.
      this.limit = Math.toIntExact(Math.min(limit, Integer.MAX_VALUE - 16));
    }

    @Override
    protected void doFilterInternal(
        HttpServletRequest request, HttpServletResponse response, FilterChain chain)
        throws ServletException, IOException {
      long declared = request.getContentLengthLong();
      if (declared > limit) {
        refuse(request, response);
        return;
      }
      if (declared >= 0) {
        // Tomcat delivers no more than the declared length: the limit holds without a copy.
        chain.doFilter(request, response);
        return;
      }
      // Chunked (or no length at all): count while reading, and stop one byte past the limit.
      byte[] body = request.getInputStream().readNBytes(limit + 1);
      if (body.length > limit) {
        refuse(request, response);
        return;
      }
      chain.doFilter(new ReadBody(request, body), response);
    }

    private void refuse(HttpServletRequest request, HttpServletResponse response)
        throws IOException {
      // The rest of the body is not read: the connection cannot carry another request.
      response.setHeader(HttpHeaders.CONNECTION, "close");
      Problems.write(
          response,
          HttpStatus.CONTENT_TOO_LARGE,
          "body-too-large",
          "The request body is larger than " + limit + " bytes; send fewer events per request.",
          request.getRequestURI());
    }
  }

  /** A request whose body was already read, within the limit. */
  private static final class ReadBody extends HttpServletRequestWrapper {
    private final byte[] body;

    ReadBody(HttpServletRequest request, byte[] body) {
      super(request);
      this.body = body;
    }

    @Override
    public ServletInputStream getInputStream() {
      ByteArrayInputStream in = new ByteArrayInputStream(body);
      return new ServletInputStream() {
        @Override
        public int read() {
          return in.read();
        }

        @Override
        public int read(byte[] buffer, int offset, int length) {
          return in.read(buffer, offset, length);
        }

        @Override
        public boolean isFinished() {
          return in.available() == 0;
        }

        @Override
        public boolean isReady() {
          return true;
        }

        @Override
        public void setReadListener(ReadListener listener) {
          throw new UnsupportedOperationException("the body was read already");
        }
      };
    }

    @Override
    public BufferedReader getReader() {
      String encoding = getCharacterEncoding();
      Charset charset = encoding == null ? StandardCharsets.UTF_8 : Charset.forName(encoding);
      return new BufferedReader(new InputStreamReader(getInputStream(), charset));
    }

    @Override
    public int getContentLength() {
      return body.length;
    }

    @Override
    public long getContentLengthLong() {
      return body.length;
    }
  }
}
