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
  private final Handler avatica;
  private final PrintStream log;
  private final ObjectMapper json = new ObjectMapper();
  private final byte[] pepper = new byte[32];
  private final Map<String, Verified> verified = new ConcurrentHashMap<>();
  private final Map<String, PublishedFile> files = new ConcurrentHashMap<>();
  private final Map<String, String> connectionOwners = new ConcurrentHashMap<>();

  Gatekeeper(UserDirectory users, Path warehouse, Path links, Handler avatica, PrintStream log) {
    this.users = users;
    this.warehouse = warehouse;
    this.links = links;
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
        ? files.computeIfAbsent(user.audience(), a -> new PublishedFile(a, AudienceWarehouses.file(warehouse, a), links))
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
    try {
      avatica.handle(target, base, new CachedBody(request, body), response);
    } finally {
      ServingMeta.CALLER.remove();
    }
    if (kind.equals("closeConnection") && connectionId != null) {
      connectionOwners.remove(connectionId, user.name());
    }
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
