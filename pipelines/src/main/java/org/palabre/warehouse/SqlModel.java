package org.palabre.warehouse;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.MatchResult;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One SQL model of {@code sql/<layer>/<name>.sql}: a {@code select} that becomes the table (or,
 * in {@code marts}, the view) {@code <layer>.<name>}, its header (grain, what it depends on), and
 * its data tests. The file reads:
 *
 * <pre>
 * -- grain: one row per ...
 * -- depends on: staging.stg_lake__observations, ref.members
 * with source as (...), renamed as (...)
 * select * from renamed
 *
 * -- test: observation_id is unique
 * select observation_id from core.fct_observations group by 1 having count(*) > 1
 * </pre>
 *
 * A test is a query returning the failing rows; none means it passed.
 *
 * <p>A model may end its body with {@code -- repeat until stable:} followed by one
 * {@code update} of its own table, which the runner repeats until it changes no row: for
 * fixed points such as secondary small-cell suppression.
 *
 * <p>A table model may say how an incremental build updates it, {@code -- incremental:
 * delivery_sha256 from staging.stg_lake__figures, ...}: each of its rows belongs to one delivery
 * (the column), and the rows of a delivery are made from that delivery's rows of the inputs listed
 * (and from the whole of its other inputs). When only the listed inputs changed, and only for some
 * deliveries, the build deletes the model's rows of those deliveries and inserts what the body
 * gives over those deliveries' rows alone ({@link BuildPlan}); otherwise the model is rebuilt.
 *
 * <p>A second column, {@code -- incremental: delivery_sha256, measure from ...}, makes the update
 * finer: within a delivery, the rows of one value of that column (the code a source gives a figure
 * under) are made from the inputs' rows of the same delivery and value alone, where an input has
 * that column (and from the delivery's rows of an input that has not). When an input changed for
 * some values of a delivery only (a mapping line changed the mapping of one code), the build
 * deletes and inserts the model's rows of those values, not of the whole delivery (of what the
 * body gives, only the rows of those values are inserted). A test by delivery of such a model
 * holds on any such subset of a delivery's rows.
 *
 * <p>A view may have the same line: an incremental build has nothing to update in it (it reads its
 * inputs when it is read), but the models after it see a change of the rows of the deliveries (and
 * codes) its inputs changed, not a change of the whole view. A view that joins a table of figures
 * to small lookups this way saves writing the figures again.
 */
public record SqlModel(
    String layer, String name, String grain, Set<String> dependsOn, String body, String repeatUntilStable, List<Test> tests,
    boolean declaredView, Incremental incremental) {

  /**
   * A data test: what it checks, and the query returning the failing rows. A test written {@code
   * -- test by delivery:} finds the failing rows of some deliveries from those deliveries' rows of
   * the model alone (a check of each row, a key that holds the delivery): when the model is
   * updated by delivery, it runs on the rows updated only.
   */
  public record Test(String description, String sql, boolean byDelivery) {
    public Test(String description, String sql) {
      this(description, sql, false);
    }
  }

  /**
   * How an incremental build updates a model: by {@code column} (a delivery), from the rows of the
   * same deliveries of the inputs {@code from}; with {@code part} (or null), by values of that
   * column within a delivery too.
   */
  public record Incremental(String column, String part, Set<String> from) {}

  /** Schemas whose tables are models or inputs; a reference to any of them must be declared. */
  static final Set<String> SCHEMAS = Set.of("lake", "ref", "staging", "intermediate", "core", "indicators", "marts");

  private static final Pattern TEST_MARKER = Pattern.compile("(?m)^--\\s*test( by delivery)?:\\s*(.+)$");
  private static final Pattern REPEAT_MARKER = Pattern.compile("(?m)^--\\s*repeat until stable:\\s*$");
  private static final Pattern REFERENCE = Pattern.compile("\\b(lake|ref|staging|intermediate|core|indicators|marts)\\.([a-z_][a-z0-9_]*)\\b");

  public String qualifiedName() {
    return layer + "." + name;
  }

  /** Marts are views; another model is a view when its header says {@code -- materialized: view}. */
  public boolean isView() {
    return layer.equals("marts") || declaredView;
  }

  /** Parses {@code sql/<layer>/<name>.sql}. */
  public static SqlModel parse(String relativePath, String text) {
    String[] parts = relativePath.replace(".sql", "").split("/");
    if (parts.length != 2) {
      throw new IllegalArgumentException("sql/" + relativePath + ": models live in sql/<layer>/<name>.sql");
    }
    Matcher marker = TEST_MARKER.matcher(text);
    int bodyEnd = marker.find() ? marker.start() : text.length();
    String head = text.substring(0, bodyEnd);
    String repeat = null;
    Matcher repeatMarker = REPEAT_MARKER.matcher(head);
    if (repeatMarker.find()) {
      repeat = stripSemicolon(head.substring(repeatMarker.end()));
      head = head.substring(0, repeatMarker.start());
    }
    List<Test> tests = new ArrayList<>();
    List<MatchResult> found = TEST_MARKER.matcher(text).results().toList();
    for (int i = 0; i < found.size(); i++) {
      int end = i + 1 < found.size() ? found.get(i + 1).start() : text.length();
      tests.add(new Test(found.get(i).group(2).strip(), stripSemicolon(text.substring(found.get(i).end(), end)),
          found.get(i).group(1) != null));
    }
    String grain = "";
    boolean view = false;
    Incremental incremental = null;
    Set<String> depends = new LinkedHashSet<>();
    for (String line : head.split("\n")) {
      String l = line.strip();
      if (l.equals("-- materialized: view")) {
        view = true;
      } else if (l.startsWith("-- incremental:")) {
        incremental = parseIncremental(relativePath, l.substring("-- incremental:".length()).strip());
      } else if (l.startsWith("-- grain:")) {
        grain = l.substring("-- grain:".length()).strip();
      } else if (l.startsWith("-- depends on:")) {
        for (String d : l.substring("-- depends on:".length()).split(",")) {
          if (!d.isBlank()) {
            depends.add(d.strip());
          }
        }
      }
    }
    if (incremental != null && !depends.containsAll(incremental.from())) {
      throw new IllegalArgumentException("sql/" + relativePath + ": its '-- incremental:' line names inputs its '-- depends on:'"
          + " line does not: " + incremental.from());
    }
    if (incremental != null && repeat != null) {
      throw new IllegalArgumentException("sql/" + relativePath + ": a model with a repeated update cannot be incremental");
    }
    return new SqlModel(parts[0], parts[1], grain, depends, stripSemicolon(head), repeat, tests, view, incremental);
  }

  private static final Pattern INCREMENTAL = Pattern.compile("([a-z_][a-z0-9_]*)(?:\\s*,\\s*([a-z_][a-z0-9_]*))?\\s+from\\s+(.+)");

  private static Incremental parseIncremental(String relativePath, String text) {
    Matcher m = INCREMENTAL.matcher(text);
    if (!m.matches()) {
      throw new IllegalArgumentException("sql/" + relativePath + ": write '-- incremental: <delivery column>[, <code column>] from <input>, <input>'"
          + ", not '" + text + "'");
    }
    Set<String> from = new LinkedHashSet<>();
    for (String input : m.group(3).split(",")) {
      if (!input.isBlank()) {
        from.add(input.strip());
      }
    }
    return new Incremental(m.group(1), m.group(2), from);
  }

  /** The model's text as the build runs it: equal texts build equal tables from equal inputs. */
  public String definition() {
    return String.join("\n-- --\n", layer, name, String.valueOf(isView()), String.valueOf(incremental), String.join(",", dependsOn),
        body, String.valueOf(repeatUntilStable), tests.toString());
  }

  /**
   * The tables and models the body and the tests refer to, found in their text (comments
   * excluded): a test that reads another model needs it built first, so it is a dependency too.
   */
  public Set<String> referenced() {
    Set<String> refs = new LinkedHashSet<>();
    StringBuilder sql = new StringBuilder(withoutComments(body));
    if (repeatUntilStable != null) {
      sql.append('\n').append(withoutComments(repeatUntilStable));
    }
    tests.forEach(t -> sql.append('\n').append(withoutComments(t.sql())));
    Matcher m = REFERENCE.matcher(sql);
    while (m.find()) {
      refs.add(m.group(1) + "." + m.group(2));
    }
    refs.remove(qualifiedName());
    return refs;
  }

  static String withoutComments(String sql) {
    return sql.replaceAll("(?m)--.*$", "");
  }

  private static String stripSemicolon(String sql) {
    String s = sql.strip();
    while (s.endsWith(";")) {
      s = s.substring(0, s.length() - 1).strip();
    }
    return s;
  }
}
