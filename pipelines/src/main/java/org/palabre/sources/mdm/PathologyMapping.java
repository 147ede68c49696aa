package org.palabre.sources.mdm;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Harmonises the pathology written by a surgical team ("Fente labio-palatine", "burn contracture",
 * "Tumor") to the common code {@code cleft}, {@code burn}, {@code tumour} or {@code other}, using
 * {@code schemas/mappings/pathologies.csv}. A blank pathology is {@code unknown}.
 *
 * <p>A spelling the mapping does not know loads as {@code other} and is counted in {@link
 * #unmappedLabels()}, so the load report can list it and someone can add the line to the mapping
 * file. One instance per parse (or per worker); it is thread-safe.
 */
public final class PathologyMapping {

  public static final String RESOURCE = "schemas/mappings/pathologies.csv";
  public static final String OTHER = "other";
  public static final String UNKNOWN = "unknown";

  private final LabelMapping mapping;
  private final Map<String, LongAdder> unmapped = new ConcurrentHashMap<>();

  public PathologyMapping(LabelMapping mapping) {
    this.mapping = mapping;
  }

  /** The mapping of {@value #RESOURCE}. */
  public static PathologyMapping load() {
    return new PathologyMapping(LabelMapping.load(RESOURCE));
  }

  /** The common code of a pathology label; unknown spellings give {@code other} and are recorded. */
  public String code(String label) {
    if (Values.isMissing(label)) {
      return UNKNOWN;
    }
    return mapping
        .code(label)
        .orElseGet(
            () -> {
              unmapped.computeIfAbsent(label.trim(), k -> new LongAdder()).increment();
              return OTHER;
            });
  }

  /** Spellings met so far that the mapping does not know, with how many times each was met. */
  public Map<String, Long> unmappedLabels() {
    Map<String, Long> out = new TreeMap<>();
    unmapped.forEach((label, n) -> out.put(label, n.sum()));
    return Collections.unmodifiableMap(out);
  }
}
