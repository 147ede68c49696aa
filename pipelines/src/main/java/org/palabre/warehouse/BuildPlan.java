package org.palabre.warehouse;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What a build does with each model, given what the published warehouse was built from and what
 * the build would read now ({@link BuildInputs}):
 *
 * <ul>
 *   <li>{@link Action#KEEP}: none of its inputs changed; the table of the published warehouse
 *       stays as it is, its tests are not run again;
 *   <li>{@link Action#UPDATE}: only inputs its {@code -- incremental:} line names changed, and only
 *       for some deliveries: its rows of those deliveries are deleted and made again from their
 *       rows alone (or, for a model updated by code too, its rows of the codes that changed within
 *       a delivery: a {@link Change}); a view with such a line is left as it is, and passes the
 *       change of its inputs on to the models after it;
 *   <li>{@link Action#REBUILD}: made again from all of its inputs, as in a full build (its text
 *       changed, or an input changed as a whole: a reference table, a model rebuilt, the run files).
 * </ul>
 *
 * An input changes "for some deliveries" when deliveries were added, withdrawn or published again
 * since the published build (a lake table: those that have rows in it; a model updated by delivery:
 * the deliveries it updated). A plan with nothing to keep (no published warehouse, or one built
 * by another {@link BuildInputs#FORMAT}, other macros, or {@code build --full}) is a full build.
 */
public final class BuildPlan {

  public enum Action { KEEP, UPDATE, REBUILD }

  /** One model's part of the build: what is done, and for which rows when it is updated. */
  public record Step(SqlModel model, Action action, Change change) {}

  /**
   * The rows of a table that changed: those of whole {@code deliveries}, and, within other
   * deliveries, those of some values of the column {@code part} ({@code codes}: delivery -> values).
   */
  public record Change(Set<String> deliveries, String part, Map<String, Set<String>> codes) {

    static final Change NONE = of(Set.of());

    static Change of(Set<String> deliveries) {
      return new Change(deliveries, null, Map.of());
    }

    /**
     * A change of whole {@code deliveries} and of {@code codes} within others: the codes of a
     * delivery that changed whole are dropped (all of its rows change), and {@code part} is kept
     * only when some codes remain.
     */
    static Change of(Set<String> deliveries, String part, Map<String, Set<String>> codes) {
      Map<String, Set<String>> within = new TreeMap<>(codes);
      within.keySet().removeAll(deliveries);
      return new Change(deliveries, within.isEmpty() ? null : part, within);
    }

    /** Every delivery with a changed row. */
    public Set<String> touched() {
      Set<String> all = new TreeSet<>(deliveries);
      all.addAll(codes.keySet());
      return all;
    }

    public boolean isEmpty() {
      return deliveries.isEmpty() && codes.isEmpty();
    }
  }

  /**
   * When a model would be updated for more than this share of the published deliveries, it is
   * rebuilt instead: deleting and inserting most of a table costs more than making it again.
   */
  static final double UPDATE_AT_MOST = 0.5;

  private final List<Step> steps = new ArrayList<>();
  private final String fullBecause;
  private final Set<String> added;
  private final Set<String> removed;
  private final Set<String> dropped;
  private final BuildInputs before;
  private final BuildInputs now;
  /** Inputs changed as a whole (reference tables, run files, models rebuilt). */
  private final Set<String> changedWhole;
  /** Inputs changed for some deliveries only: name -> those deliveries (or codes within them). */
  private final Map<String, Change> changedRows;
  /** Models some incremental model reads by delivery: when rebuilt, what changed in them is found by a diff. */
  private final Map<String, String> readByDelivery = new HashMap<>();
  /** Models some incremental model reads by code within a delivery too: name -> the code column. */
  private final Map<String, String> readByCode = new HashMap<>();
  private final int published;

  private BuildPlan(String fullBecause, BuildInputs before, BuildInputs now, List<SqlModel> models, Set<String> added,
      Set<String> removed, Set<String> dropped, Set<String> changedWhole, Map<String, Change> changedRows) {
    this.fullBecause = fullBecause;
    this.before = before;
    this.now = now;
    this.added = added;
    this.removed = removed;
    this.dropped = dropped;
    this.changedWhole = changedWhole;
    this.changedRows = changedRows;
    for (SqlModel m : models) {
      if (m.incremental() != null) {
        m.incremental().from().forEach(input -> readByDelivery.put(input, m.incremental().column()));
        if (m.incremental().part() != null) {
          m.incremental().from().forEach(input -> readByCode.putIfAbsent(input, m.incremental().part()));
        }
      }
    }
    this.published = before == null ? 1 : Math.max(1, Math.max(before.deliveries().size(), now.deliveries().size()));
  }

  /**
   * @param before what the published warehouse was built from (null: none, or unknown)
   * @param now what a build reads now
   * @param models every model of the build, in dependency order
   * @param full true for {@code build --full}
   */
  public static BuildPlan of(BuildInputs before, BuildInputs now, List<SqlModel> models, boolean full) {
    String fullBecause = full ? "--full was asked"
        : before == null ? "there is no published warehouse built by this version to start from"
        : !Objects.equals(before.versions().get("format"), now.versions().get("format")) ? "the warehouse was built by another version"
        : !Objects.equals(before.versions().get(BuildInputs.MACROS), now.versions().get(BuildInputs.MACROS)) ? "the macros changed"
        : null;
    if (fullBecause != null) {
      return new BuildPlan(fullBecause, before, now, models, Set.of(), Set.of(), Set.of(), new HashSet<>(), new HashMap<>());
    }
    // deliveries added, withdrawn, or published again (another run): each a change of its lake tables
    Set<String> added = new TreeSet<>();
    Set<String> removed = new TreeSet<>();
    Map<String, Set<String>> changedDeliveries = new HashMap<>();
    for (BuildInputs.Delivery d : now.deliveries().values()) {
      BuildInputs.Delivery old = before.deliveries().get(d.sha256());
      if (old == null || !Objects.equals(old.version(), d.version())) {
        added.add(d.sha256());
        d.tables().forEach(t -> changedDeliveries.computeIfAbsent(t, k -> new TreeSet<>()).add(d.sha256()));
      }
      if (old != null && !Objects.equals(old.version(), d.version())) {
        old.tables().forEach(t -> changedDeliveries.computeIfAbsent(t, k -> new TreeSet<>()).add(d.sha256()));
      }
    }
    for (BuildInputs.Delivery old : before.deliveries().values()) {
      if (!now.deliveries().containsKey(old.sha256())) {
        removed.add(old.sha256());
        old.tables().forEach(t -> changedDeliveries.computeIfAbsent(t, k -> new TreeSet<>()).add(old.sha256()));
      }
    }
    // inputs changed as a whole: reference tables and run files whose version differs
    Set<String> changedWhole = new HashSet<>();
    Set<String> inputs = new HashSet<>(before.versions().keySet());
    inputs.addAll(now.versions().keySet());
    for (String input : inputs) {
      if (!input.startsWith("model ") && !Objects.equals(before.versions().get(input), now.versions().get(input))) {
        changedWhole.add(input);
      }
    }
    Set<String> dropped = new TreeSet<>();
    for (String input : before.versions().keySet()) {
      if (input.startsWith("model ") && !now.versions().containsKey(input)) {
        dropped.add(input.substring("model ".length()));
      }
    }
    Map<String, Change> changedRows = new HashMap<>();
    changedDeliveries.forEach((table, deliveries) -> changedRows.put(table, Change.of(deliveries)));
    return new BuildPlan(null, before, now, models, added, removed, dropped, changedWhole, changedRows);
  }

  /**
   * What to do with {@code model}, given what the models before it changed: called in dependency
   * order, each answer followed by {@link #rebuilt} or nothing (kept, updated).
   */
  public Step decide(SqlModel model) {
    Step step = choose(model);
    steps.add(step);
    if (step.action() == Action.UPDATE) {
      changedRows.put(model.qualifiedName(), step.change());
    } else if (step.action() == Action.REBUILD) {
      changedWhole.add(model.qualifiedName());
    }
    return step;
  }

  private Step choose(SqlModel model) {
    if (full()) {
      return new Step(model, Action.REBUILD, Change.NONE);
    }
    String name = model.qualifiedName();
    if (!Objects.equals(before.versions().get("model " + name), now.versions().get("model " + name))) {
      return new Step(model, Action.REBUILD, Change.NONE);
    }
    Set<String> wholeInputs = new TreeSet<>();
    Set<String> partInputs = new TreeSet<>();
    for (String dep : model.dependsOn()) {
      if (changedWhole.contains(dep)) {
        wholeInputs.add(dep);
      } else if (changedRows.containsKey(dep)) {
        partInputs.add(dep);
      }
    }
    if (wholeInputs.isEmpty() && partInputs.isEmpty()) {
      return new Step(model, Action.KEEP, Change.NONE);
    }
    if (model.incremental() == null || !wholeInputs.isEmpty() || !model.incremental().from().containsAll(partInputs)) {
      return new Step(model, Action.REBUILD, Change.NONE);
    }
    // an input changed by code within a delivery is read by code by a model updated by the same column;
    // by any other, its deliveries changed whole
    String part = model.incremental().part();
    Set<String> deliveries = new TreeSet<>();
    Map<String, Set<String>> codes = new TreeMap<>();
    for (String dep : partInputs) {
      Change c = changedRows.get(dep);
      deliveries.addAll(c.deliveries());
      if (part != null && part.equals(c.part())) {
        c.codes().forEach((d, values) -> codes.computeIfAbsent(d, k -> new TreeSet<>()).addAll(values));
      } else {
        deliveries.addAll(c.codes().keySet());
      }
    }
    Change change = Change.of(deliveries, part, codes);
    // a view costs nothing to update, however many deliveries changed: the models after it decide for themselves
    return !model.isView() && change.touched().size() > UPDATE_AT_MOST * published ? new Step(model, Action.REBUILD, Change.NONE)
        : new Step(model, Action.UPDATE, change);
  }

  /** True when a model rebuilt is read by delivery by a later model: the build then finds which deliveries' rows changed. */
  public boolean wantsChangedDeliveries(SqlModel model) {
    return !full() && readByDelivery.containsKey(model.qualifiedName());
  }

  /** The delivery column a later model reads {@code model} by. */
  public String deliveryColumnOf(SqlModel model) {
    return readByDelivery.get(model.qualifiedName());
  }

  /** The code column a later model reads {@code model} by within a delivery, or null. */
  public String codeColumnOf(SqlModel model) {
    return readByCode.get(model.qualifiedName());
  }

  /**
   * After a rebuild, the rows of the model that changed (found by comparing the table before and
   * after): later models see a change of those deliveries or codes only, or none at all.
   */
  public void rebuilt(SqlModel model, Change changed) {
    changedWhole.remove(model.qualifiedName());
    if (!changed.isEmpty()) {
      changedRows.put(model.qualifiedName(), changed);
    }
  }

  /**
   * After an update that inserted the rows it deleted (the same number, the same sum of hashes;
   * or none at all): later models see no change of it.
   */
  public void updatedToTheSameRows(SqlModel model) {
    changedRows.remove(model.qualifiedName());
  }

  public List<Step> steps() {
    return steps;
  }

  /** True when every model is made again from all of its inputs into a new file. */
  public boolean full() {
    return fullBecause != null;
  }

  /** Why the build is a full one, or null. */
  public String fullBecause() {
    return fullBecause;
  }

  /** Models of the published warehouse that no longer exist: their tables or views are dropped. */
  public Set<String> dropped() {
    return dropped;
  }

  public long count(Action action) {
    return steps.stream().filter(s -> s.action() == action).count();
  }

  /** One line for the log, before the build: what changed since the published build. */
  public String changes() {
    if (full()) {
      return "full build (" + fullBecause + ")";
    }
    return String.format("incremental build: %d deliveries added or published again and %d withdrawn since the published build",
        added.size(), removed.size());
  }

  /** One line for the log, after the build: what it did with the models. */
  public String summary() {
    return String.format("%d models kept, %d updated by delivery, %d rebuilt", count(Action.KEEP), count(Action.UPDATE),
        count(Action.REBUILD));
  }
}
