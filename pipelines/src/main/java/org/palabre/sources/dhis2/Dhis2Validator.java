package org.palabre.sources.dhis2;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.commons.csv.CSVFormat;
import org.palabre.model.ParseSink;
import org.palabre.text.Periods;
import org.palabre.text.Numbers;
import org.palabre.sources.dhis2.Dhis2MetadataObject.CategoryOptionCombo;
import org.palabre.sources.dhis2.Dhis2MetadataObject.DataElement;
import org.palabre.sources.dhis2.Dhis2MetadataObject.OrgUnit;

/**
 * Checks raw {@link Dhis2DataValue}s against the delivery's metadata and turns each into exactly
 * one {@link Dhis2Observation} or one rejection. A value is rejected only when it cannot be read
 * as a figure of the delivery, as DHIS2's own import would refuse it; never because Palabre does
 * not know what it means (that is the crosswalk's business, applied at build time: an unmapped
 * data element or category option lands in the lake and is listed in marts.unmapped_figures).
 *
 * <p>A value is rejected when it is deleted in DHIS2 (alone: nothing else is checked), or for
 * every one of these that applies, joined with {@code "; "} so one pass shows all that is wrong:
 * missing or null value, org unit or data element; unparseable period; combo not part of the data
 * element's category combo; a value that does not fit the data element's value type (a data
 * element the metadata do not know is read as NUMBER). An org unit or option combo the delivered
 * metadata do not know lands all the same: the build holds the value in quarantine until the
 * metadata name it (sql/intermediate/int_quarantine.sql), and a data element no mapping line
 * knows is listed in marts.unmapped_figures.
 *
 * <p>Value types: INTEGER, INTEGER_POSITIVE, INTEGER_NEGATIVE, INTEGER_ZERO_OR_POSITIVE, NUMBER,
 * PERCENTAGE (0 to 100) and UNIT_INTERVAL (0 to 1) must parse as numbers within their range.
 * BOOLEAN is loaded as 1 (true) or 0 (false) in any DHIS2 spelling ({@link Dhis2Booleans}), so
 * that it can be counted; TRUE_ONLY accepts only true, as 1. Every other type (TEXT, DATE, ...) is
 * rejected: the warehouse holds figures. A data element without a value type is read as NUMBER.
 *
 * <p>The attribute option combo is carried through unchecked (DHIS2 exports reference the default
 * one, which metadata exports often leave out).
 */
public final class Dhis2Validator {

  private final Dhis2Metadata metadata;

  public Dhis2Validator(Dhis2Metadata metadata) {
    this.metadata = metadata;
  }

  /** Sends {@code value} to exactly one of {@code sink.accept} or {@code sink.reject}. */
  public void validate(Dhis2DataValue value, ParseSink<Dhis2Observation> sink) {
    validate(value, java.time.LocalDate.now(java.time.ZoneOffset.UTC), sink);
  }

  /**
   * As {@link #validate(Dhis2DataValue, ParseSink)}, a period that starts after {@code runDate}
   * rejected ({@link Periods#afterRunDate}).
   */
  public void validate(Dhis2DataValue value, java.time.LocalDate runDate, ParseSink<Dhis2Observation> sink) {
    String raw = raw(value);
    if (value.deleted()) {
      sink.reject(value.sourceLine(), "deleted value (deleted=true in DHIS2): not counted", raw);
      return;
    }
    List<String> problems = new ArrayList<>();

    String text = value.value() == null ? null : value.value().trim();
    if (text == null || text.isEmpty()) {
      problems.add("missing value");
    }

    Dhis2Period period = null;
    try {
      period = Dhis2Period.parse(value.period());
      String future = Periods.afterRunDate("period", period.iso(), period.start(), runDate);
      if (future != null) {
        problems.add(future);
      }
    } catch (IllegalArgumentException e) {
      problems.add("unparseable period: " + e.getMessage());
    }

    if (value.orgUnit() == null || value.orgUnit().isBlank()) {
      problems.add("missing org unit");
    }
    if (value.dataElement() == null || value.dataElement().isBlank()) {
      problems.add("missing data element");
    }
    // a uid the delivered metadata do not know is still read: the value lands in the lake and the
    // build holds it (org unit, option combo) or lists it as not mapped (data element)
    OrgUnit orgUnit = metadata.orgUnit(value.orgUnit())
        .orElse(new OrgUnit(value.orgUnit(), null, null, null, null, null, null));
    DataElement element = metadata.dataElement(value.dataElement())
        .orElse(new DataElement(value.dataElement(), null, null, null, null, null));

    CategoryOptionCombo combo = combo(value, element, problems);

    BigDecimal figure = null;
    if (text != null && !text.isEmpty()) {
      figure = figure(text, element, problems);
    }

    if (!problems.isEmpty()) {
      sink.reject(value.sourceLine(), String.join("; ", problems), raw);
      return;
    }
    OrgUnitTree tree = metadata.orgUnitTree();
    String uid = orgUnit.id();
    sink.accept(new Dhis2Observation(element, orgUnit, nameAt(tree, uid, 1), nameAt(tree, uid, 2),
        nameAt(tree, uid, 3), period, figure, combo,
        metadata.isDefaultCombo(value.attributeOptionCombo()) ? null : value.attributeOptionCombo(),
        blankToNull(value.lastUpdated()), blankToNull(value.completeDate()), value.sourceLine()));
  }

  /** The value's option combo, null for the default one; a problem when the metadata do not know it. */
  private CategoryOptionCombo combo(Dhis2DataValue value, DataElement element, List<String> problems) {
    String cocUid = value.categoryOptionCombo();
    if (metadata.isDefaultCombo(cocUid)) {
      return null;
    }
    Optional<CategoryOptionCombo> coc = metadata.categoryOptionCombo(cocUid);
    if (coc.isEmpty()) {
      return new CategoryOptionCombo(cocUid, null, null, null, java.util.List.of());
    }
    if (element != null && element.categoryComboId() != null
        && coc.get().categoryComboId() != null
        && !element.categoryComboId().equals(coc.get().categoryComboId())) {
      problems.add("category option combo '" + cocUid + "' (" + coc.get().name()
          + ") belongs to category combo " + coc.get().categoryComboId()
          + ", not to the data element's " + element.categoryComboId());
    }
    return coc.get();
  }

  private static String nameAt(OrgUnitTree tree, String uid, int level) {
    return tree.ancestorAtLevel(uid, level).map(OrgUnit::name).orElse(null);
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s;
  }

  private static BigDecimal figure(String text, DataElement element, List<String> problems) {
    String type = element.valueType() == null ? "NUMBER" : element.valueType();
    if (element.valueType() == null && element.name() == null) {
      // a data element the delivered metadata do not describe: a number, or a DHIS2 boolean as 1 or 0
      Optional<Boolean> b = Dhis2Booleans.parse(text);
      if (b.isPresent() && !text.matches("[+-]?[0-9.eE]+")) {
        return b.get() ? BigDecimal.ONE : BigDecimal.ZERO;
      }
    }
    switch (type) {
      case "BOOLEAN" -> {
        Optional<Boolean> b = Dhis2Booleans.parse(text);
        if (b.isEmpty()) {
          problems.add("value '" + text + "' is not a boolean for BOOLEAN data element "
              + element.id() + " (" + Dhis2Booleans.ACCEPTED + ")");
          return null;
        }
        return b.get() ? BigDecimal.ONE : BigDecimal.ZERO;
      }
      case "TRUE_ONLY" -> {
        if (!Dhis2Booleans.parse(text).orElse(false)) {
          problems.add("value '" + text + "' is not true for TRUE_ONLY data element "
              + element.id() + " (only true is stored)");
          return null;
        }
        return BigDecimal.ONE;
      }
      case "INTEGER", "INTEGER_POSITIVE", "INTEGER_NEGATIVE", "INTEGER_ZERO_OR_POSITIVE",
          "NUMBER", "PERCENTAGE", "UNIT_INTERVAL" -> {
        BigDecimal number;
        try {
          if (!Numbers.asciiOnly(text)) {
            throw new NumberFormatException("not the digits 0-9");
          }
          number = new BigDecimal(text);
        } catch (NumberFormatException e) {
          problems.add("non-numeric value '" + text + "' for " + type + " data element "
              + element.id());
          return null;
        }
        try {
          Numbers.checked(number.doubleValue(), text);
        } catch (NumberFormatException e) {
          problems.add("value of data element " + element.id() + ": " + e.getMessage());
          return null;
        }
        String rule = rangeProblem(type, number);
        if (rule != null) {
          problems.add("value " + text + " is not " + rule + " as " + type + " data element "
              + element.id() + " requires");
          return null;
        }
        return number;
      }
      default -> {
        problems.add("value type " + type + " of data element " + element.id()
            + " is not numeric: only figures are loaded");
        return null;
      }
    }
  }

  private static String rangeProblem(String type, BigDecimal n) {
    boolean integral = n.signum() == 0 || n.stripTrailingZeros().scale() <= 0;
    return switch (type) {
      case "INTEGER" -> integral ? null : "an integer";
      case "INTEGER_POSITIVE" -> integral && n.signum() > 0 ? null : "a positive integer";
      case "INTEGER_NEGATIVE" -> integral && n.signum() < 0 ? null : "a negative integer";
      case "INTEGER_ZERO_OR_POSITIVE" -> integral && n.signum() >= 0 ? null
          : "a zero or positive integer";
      case "PERCENTAGE" -> n.signum() >= 0 && n.compareTo(BigDecimal.valueOf(100)) <= 0 ? null
          : "between 0 and 100";
      case "UNIT_INTERVAL" -> n.signum() >= 0 && n.compareTo(BigDecimal.ONE) <= 0 ? null
          : "between 0 and 1";
      default -> null;
    };
  }

  /** The value in DHIS2's CSV column order, for the rejects table. */
  static String raw(Dhis2DataValue v) {
    return CSVFormat.DEFAULT.format(v.dataElement(), v.period(), v.orgUnit(),
        v.categoryOptionCombo(), v.attributeOptionCombo(), v.value(), v.storedBy(),
        v.lastUpdated(), v.comment(), v.followup(), v.deleted());
  }
}
