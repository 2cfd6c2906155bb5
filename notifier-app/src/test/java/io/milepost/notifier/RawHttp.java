package io.milepost.notifier;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * HTTP/1.1 over a plain socket, for what java.net.http will not do: send a body in chunks or only
 * part of a declared body, and read the answer while the body is still on its way (a server that
 * refuses a body early answers before the client has finished sending it).
 */
final class RawHttp {
  private static final byte[] CRLF = "\r\n".getBytes(StandardCharsets.US_ASCII);
  private static final int PIECE = 64 * 1024;

  record Response(int status, Map<String, String> headers, String body) {
    String header(String name) {
      return headers.get(name.toLowerCase(Locale.ROOT));
    }
  }

  /** How the body travels. */
  enum Framing {
    /** Content-Length of the whole body, but only {@code sent} bytes of it are written. */
    DECLARED,
    /** Transfer-Encoding: chunked, 64 KiB per chunk, and the last (empty) chunk only at the end. */
    CHUNKED
  }

  private RawHttp() {}

  /**
   * POSTs {@code body} as JSON; writes the first {@code sent} bytes of it on another thread while
   * this one reads the answer. A body not sent whole is never finished: only an answer that does
   * not wait for the rest arrives.
   */
  static Response post(int port, String path, String apiKey, byte[] body, Framing framing, int sent)
      throws IOException, InterruptedException {
    try (Socket socket = new Socket("localhost", port)) {
      socket.setSoTimeout(30_000);
      StringBuilder head = new StringBuilder();
      head.append("POST ").append(path).append(" HTTP/1.1\r\n");
      head.append("Host: localhost:").append(port).append("\r\n");
      head.append("Content-Type: application/json\r\n");
      head.append("Authorization: Bearer ").append(apiKey).append("\r\n");
      head.append("Connection: close\r\n");
      if (framing == Framing.DECLARED) {
        head.append("Content-Length: ").append(body.length).append("\r\n");
      } else {
        head.append("Transfer-Encoding: chunked\r\n");
      }
      head.append("\r\n");
      OutputStream out = socket.getOutputStream();
      out.write(head.toString().getBytes(StandardCharsets.US_ASCII));
      out.flush();
      Thread writer = new Thread(() -> write(out, body, framing, sent), "raw-http-body-" + port);
      writer.setDaemon(true);
      writer.start();
      Response response = read(socket.getInputStream());
      socket.close();
      writer.join(10_000);
      return response;
    }
  }

  private static void write(OutputStream out, byte[] body, Framing framing, int sent) {
    try {
      for (int offset = 0; offset < sent; offset += PIECE) {
        int length = Math.min(PIECE, sent - offset);
        if (framing == Framing.CHUNKED) {
          out.write(Integer.toHexString(length).getBytes(StandardCharsets.US_ASCII));
          out.write(CRLF);
          out.write(body, offset, length);
          out.write(CRLF);
        } else {
          out.write(body, offset, length);
        }
      }
      if (framing == Framing.CHUNKED && sent == body.length) {
        out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
      }
      out.flush();
    } catch (IOException e) {
      // The server answered and closed while the body was on its way: expected for a refusal.
    }
  }

  private static Response read(InputStream in) throws IOException {
    String statusLine = line(in);
    int status = Integer.parseInt(statusLine.split(" ")[1]);
    Map<String, String> headers = new LinkedHashMap<>();
    for (String line = line(in); !line.isEmpty(); line = line(in)) {
      int colon = line.indexOf(':');
      headers.put(
          line.substring(0, colon).strip().toLowerCase(Locale.ROOT),
          line.substring(colon + 1).strip());
    }
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    if (headers.containsKey("content-length")) {
      body.write(in.readNBytes(Integer.parseInt(headers.get("content-length"))));
    } else if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
      for (int size = Integer.parseInt(line(in), 16);
          size > 0;
          size = Integer.parseInt(line(in), 16)) {
        body.write(in.readNBytes(size));
        line(in);
      }
    } else {
      body.write(in.readAllBytes());
    }
    return new Response(status, headers, body.toString(StandardCharsets.UTF_8));
  }

  private static String line(InputStream in) throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    for (int b = in.read(); b != '\n'; b = in.read()) {
      if (b < 0) {
        throw new IOException("connection closed mid-line: " + line);
      }
      if (b != '\r') {
        line.write(b);
      }
    }
    return line.toString(StandardCharsets.US_ASCII);
  }
}
