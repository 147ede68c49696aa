package org.palabre.serve;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import javax.servlet.ReadListener;
import javax.servlet.ServletException;
import javax.servlet.ServletInputStream;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletRequestWrapper;
import javax.servlet.http.HttpServletResponse;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.handler.AbstractHandler;

/**
 * What stands between the network and Avatica: HTTP BASIC authentication against the
 * {@link UserDirectory} (401 for no or wrong credentials), the user's audience (403 when it has no
 * published warehouse), and ownership of Avatica connection ids (403 when a request names a
 * connection another user opened). Only POST requests of at most {@link #MAX_REQUEST_BYTES} pass.
 *
 * <p>PBKDF2 is slow on purpose and Avatica clients send their credentials with every request, so
 * a password once verified is remembered as a salted SHA-256 digest (salt drawn at start, never
 * stored) until the user's line in the file changes. Nothing logged holds a password: refusals name
 * known users only.
 */
final class Gatekeeper extends AbstractHandler {

  static final int MAX_REQUEST_BYTES = 16 << 20;

  private record Verified(byte[] digest, byte[] userHash) {}

  private final UserDirectory users;
  private final Path warehouse;
  private final Path links;
  private final String memoryLimit;
  private final Handler avatica;
  private final PrintStream log;
  private final ObjectMapper json = new ObjectMapper();
  private final byte[] pepper = new byte[32];
  private final Map<String, Verified> verified = new ConcurrentHashMap<>();
  private final Map<String, PublishedFile> files = new ConcurrentHashMap<>();
  private final Map<String, String> connectionOwners = new ConcurrentHashMap<>();

  Gatekeeper(UserDirectory users, Path warehouse, Path links, String memoryLimit, Handler avatica, PrintStream log) {
    this.users = users;
    this.warehouse = warehouse;
    this.links = links;
    this.memoryLimit = memoryLimit;
    this.avatica = avatica;
    this.log = log;
    new SecureRandom().nextBytes(pepper);
  }

  @Override
  protected void doStart() throws Exception {
    avatica.setServer(getServer());
    avatica.start();
    super.doStart();
  }

  @Override
  protected void doStop() throws Exception {
    avatica.stop();
    files.values().forEach(PublishedFile::close);
    super.doStop();
  }

  @Override
  public void handle(String target, Request base, HttpServletRequest request, HttpServletResponse response)
      throws IOException, ServletException {
    base.setHandled(true);
    UserDirectory.User user = authenticate(request);
    if (user == null) {
      response.setHeader("WWW-Authenticate", "Basic realm=\"palabre\", charset=\"UTF-8\"");
      refuse(response, HttpServletResponse.SC_UNAUTHORIZED, "authentication required: a user name and password of the endpoint");
      return;
    }
    PublishedFile file = UserDirectory.validAudience(user.audience())
        ? files.computeIfAbsent(user.audience(), a -> new PublishedFile(a, AudienceWarehouses.file(warehouse, a), links, memoryLimit))
        : null;
    if (file == null || !file.exists()) {
      log.printf("palabre serve: refused %s: audience '%s' has no published warehouse%n", user.name(), user.audience());
      refuse(response, HttpServletResponse.SC_FORBIDDEN, "user " + user.name() + " has no audience with a published warehouse");
      return;
    }
    if (!"POST".equals(request.getMethod())) {
      refuse(response, HttpServletResponse.SC_METHOD_NOT_ALLOWED, "the endpoint takes Avatica JSON requests by POST");
      return;
    }
    byte[] body = request.getInputStream().readNBytes(MAX_REQUEST_BYTES + 1);
    if (body.length > MAX_REQUEST_BYTES) {
      refuse(response, HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE, "request too large");
      return;
    }
    JsonNode message;
    try {
      message = json.readTree(body);
    } catch (IOException e) {
      refuse(response, HttpServletResponse.SC_BAD_REQUEST, "not an Avatica JSON request");
      return;
    }
    String kind = message.path("request").asText("");
    String connectionId = message.path("connectionId").isTextual() ? message.get("connectionId").asText() : null;
    if (connectionId != null) {
      String owner = kind.equals("openConnection")
          ? connectionOwners.putIfAbsent(connectionId, user.name())
          : connectionOwners.get(connectionId);
      if (owner != null && !owner.equals(user.name())) {
        log.printf("palabre serve: refused %s: connection %s is another user's%n", user.name(), connectionId);
        refuse(response, HttpServletResponse.SC_FORBIDDEN, "that connection belongs to another user");
        return;
      }
    }
    ServingMeta.CALLER.set(new ServingMeta.Caller(user.name(), file));
    BufferedResponse buffered = new BufferedResponse(response);
    try {
      avatica.handle(target, base, new CachedBody(request, body), buffered);
    } finally {
      ServingMeta.CALLER.remove();
    }
    response.getOutputStream().write(withoutServerDetails(buffered.bytes()));
    if (kind.equals("closeConnection") && connectionId != null) {
      connectionOwners.remove(connectionId, user.name());
    }
  }

  /**
   * The response as the client may see it: an Avatica error keeps its code, SQL state and
   * severity, its message becomes one line ({@link ServingErrors}) and its server stack traces
   * are dropped.
   */
  private byte[] withoutServerDetails(byte[] body) throws IOException {
    if (body.length > 64 * 1024 || !new String(body, 0, Math.min(body.length, 64), StandardCharsets.UTF_8).contains("\"response\":\"error\"")) {
      return body;
    }
    JsonNode error = json.readTree(body);
    if (!(error instanceof com.fasterxml.jackson.databind.node.ObjectNode fields)) {
      return body;
    }
    fields.put("errorMessage", ServingErrors.oneLine(fields.path("errorMessage").asText("")));
    fields.putArray("exceptions");
    return json.writeValueAsBytes(fields);
  }

  /** The user whose BASIC credentials the request carries, or null. */
  private UserDirectory.User authenticate(HttpServletRequest request) throws IOException {
    String header = request.getHeader("Authorization");
    if (header == null || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
      return null;
    }
    byte[] decoded;
    try {
      decoded = Base64.getDecoder().decode(header.substring(6).trim());
    } catch (IllegalArgumentException e) {
      return null;
    }
    CharBuffer chars = StandardCharsets.UTF_8.decode(ByteBuffer.wrap(decoded));
    char[] credentials = new char[chars.remaining()];
    chars.get(credentials);
    java.util.Arrays.fill(decoded, (byte) 0);
    int colon = -1;
    for (int i = 0; i < credentials.length; i++) {
      if (credentials[i] == ':') {
        colon = i;
        break;
      }
    }
    if (colon < 0) {
      UserDirectory.wipe(credentials);
      return null;
    }
    String name = new String(credentials, 0, colon);
    char[] password = java.util.Arrays.copyOfRange(credentials, colon + 1, credentials.length);
    UserDirectory.wipe(credentials);
    try {
      Optional<UserDirectory.User> found = users.find(name);
      if (found.isEmpty()) {
        log.println("palabre serve: refused an unknown user name");
        return null;
      }
      UserDirectory.User user = found.get();
      byte[] digest = digest(password);
      Verified known = verified.get(name);
      if (known != null && MessageDigest.isEqual(known.digest(), digest) && MessageDigest.isEqual(known.userHash(), user.hash())) {
        return user;
      }
      if (!UserDirectory.verify(user, password)) {
        log.printf("palabre serve: refused %s: wrong password%n", name);
        return null;
      }
      verified.put(name, new Verified(digest, user.hash()));
      return user;
    } finally {
      UserDirectory.wipe(password);
    }
  }

  private byte[] digest(char[] password) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      sha.update(pepper);
      ByteBuffer bytes = StandardCharsets.UTF_8.encode(CharBuffer.wrap(password));
      sha.update(bytes);
      return sha.digest();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private void refuse(HttpServletResponse response, int status, String message) throws IOException {
    response.setStatus(status);
    response.setContentType("application/json;charset=utf-8");
    response.getOutputStream().write(json.writeValueAsBytes(Map.of("response", "error", "errorMessage", message,
        "errorCode", status, "severity", "ERROR")));
  }

  /** A response whose body is kept, so that {@link #withoutServerDetails} can read it before it is sent. */
  private static final class BufferedResponse extends javax.servlet.http.HttpServletResponseWrapper {
    private final java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream();
    private java.io.PrintWriter writer;

    BufferedResponse(HttpServletResponse response) {
      super(response);
    }

    @Override
    public javax.servlet.ServletOutputStream getOutputStream() {
      return new javax.servlet.ServletOutputStream() {
        @Override
        public void write(int b) {
          body.write(b);
        }

        @Override
        public void write(byte[] b, int off, int len) {
          body.write(b, off, len);
        }

        @Override
        public boolean isReady() {
          return true;
        }

        @Override
        public void setWriteListener(javax.servlet.WriteListener listener) {
          throw new UnsupportedOperationException();
        }
      };
    }

    @Override
    public java.io.PrintWriter getWriter() {
      if (writer == null) {
        writer = new java.io.PrintWriter(new java.io.OutputStreamWriter(body, StandardCharsets.UTF_8));
      }
      return writer;
    }

    @Override
    public void setContentLength(int length) {
      // the body may be rewritten: its length is the rewritten one's
    }

    @Override
    public void setContentLengthLong(long length) {
      // as above
    }

    @Override
    public void flushBuffer() {
      if (writer != null) {
        writer.flush();
      }
    }

    byte[] bytes() {
      if (writer != null) {
        writer.flush();
      }
      return body.toByteArray();
    }
  }

  /** The request with its body already read, so that Avatica can read it again. */
  private static final class CachedBody extends HttpServletRequestWrapper {
    private final byte[] body;

    CachedBody(HttpServletRequest request, byte[] body) {
      super(request);
      this.body = body;
    }

    @Override
    public ServletInputStream getInputStream() {
      InputStream in = new ByteArrayInputStream(body);
      return new ServletInputStream() {
        @Override
        public int read() throws IOException {
          return in.read();
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
          return in.read(b, off, len);
        }

        @Override
        public boolean isFinished() {
          try {
            return in.available() == 0;
          } catch (IOException e) {
            return true;
          }
        }

        @Override
        public boolean isReady() {
          return true;
        }

        @Override
        public void setReadListener(ReadListener listener) {
          throw new UnsupportedOperationException();
        }
      };
    }

    @Override
    public String getCharacterEncoding() {
      return "UTF-8";
    }
  }
}
