package org.palabre.sources.mdm;

import java.io.Reader;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.palabre.model.ParseSink;
import org.palabre.sources.tables.Table;
import org.palabre.sources.mdm.CsvRows.Header;
import org.palabre.sources.mdm.CsvRows.InvalidRow;
import org.palabre.sources.mdm.CsvRows.Row;

/**
 * Parses the MdM partner survey as KoboToolbox exports it to CSV ("XML values and headers",
 * groups in headers) into one {@link SurveyAnswer} per submission.
 *
 * <p>What a Kobo export looks like, and how it is read:
 *
 * <ul>
 *   <li>Question columns carry their group path: {@code identification/country}, {@code
 *       quality/score_overall}. Questions are found by their last path segment, so an export with
 *       or without groups in headers reads the same.
 *   <li>Metadata columns start with an underscore: {@code _id}, {@code _uuid}, {@code
 *       _submission_time} (UTC), {@code _validation_status}, {@code _index}, {@code _status},
 *       {@code _submitted_by}, {@code _notes}, {@code _tags}, {@code __version__}; {@code start},
 *       {@code end}, {@code today}, {@code deviceid} are form metadata. Only the first five are kept.
 *   <li>A select-multiple question is one column of space-separated choice names ({@code
 *       identification/themes = "srh harm_reduction"}) followed by one 0/1 column per choice
 *       ({@code identification/themes/srh}); the 0/1 columns are recognised and skipped.
 *   <li>Score questions are those whose name starts with {@code score}: their answer must be a whole
 *       number 1 to 5; blank, {@code n/a}, {@code NA} are "no answer". Anything else rejects the
 *       whole submission with the column and the value in the reason.
 *   <li>{@code country}, {@code member_section} and {@code partner_type} are kept as answered; the
 *       build maps them ({@code schemas/mappings/}; unknown values leave the code null, the answer
 *       counts).
 * </ul>
 *
 * <p>The numeric answers ({@code 12}, {@code 3.5}) of any other question (not metadata, a
 * choice, a score, the country, section or partner type, nor a personal column; a question
 * whose first answer in the export is a number) are figures of
 * the lake under their column ({@link SurveyAnswer#figures()}): the crosswalk maps them
 * ({@code schemas/mappings/samusocial_columns.csv}, kind {@code survey}) or lists them in {@code
 * marts.unmapped_figures}. A text answer is never copied.
 *
 * <p>A submission is also rejected when {@code _uuid} is missing or repeats an earlier row (Kobo
 * re-exports and merged exports duplicate submissions), or {@code _id}/{@code
 * _submission_time} is malformed. Free-text questions (comments, names) are never copied.
 */
public final class KoboSurveyParser {

  // column keys (CsvRows.columnKey drops the leading underscore: "_uuid" -> "uuid")
  private static final List<String> ID = List.of("id");
  private static final List<String> UUID = List.of("uuid", "meta_instanceid", "instanceid");
  private static final List<String> INDEX = List.of("index");
  private static final List<String> SUBMITTED = List.of("submission_time");
  private static final List<String> VALIDATION = List.of("validation_status");
  private static final Set<String> COUNTRY_NAMES = Set.of("country", "pays");
  private static final Set<String> SECTION_NAMES = Set.of("member_section", "section", "mdm_section");
  private static final Set<String> TYPE_NAMES = Set.of("partner_type", "partnership_type", "type_partenariat");
  private static final Set<String> NO_ANSWER = Set.of("n/a", "na", "");
  /** Form metadata columns Kobo and ONA add before the questions: never figures. */
  private static final Set<String> FORM_METADATA = Set.of("start", "end", "today", "deviceid", "simserial", "subscriberid",
      "phonenumber", "username", "email", "audit", "instanceid", "instancename", "formhub/uuid", "meta/instanceid",
      "meta/instancename", "meta/deprecatedid");
  /** A numeric answer as Kobo's XML values write it (and a workbook's typed number): digits, a decimal point. */
  private static final java.util.regex.Pattern NUMBER = java.util.regex.Pattern.compile("-?\\d{1,15}(\\.\\d+)?");

  private final java.time.LocalDate runDate;

  private KoboSurveyParser(java.time.LocalDate runDate) {
    this.runDate = runDate;
  }

  /** A parser for a run today. */
  public static KoboSurveyParser create() {
    return create(org.palabre.text.Periods.runDate(null));
  }

  /** A parser for the run of {@code runDate}: a submission after it is rejected. */
  public static KoboSurveyParser create(java.time.LocalDate runDate) {
    return new KoboSurveyParser(runDate);
  }

  /** Whether a text's header (first non-blank line) is a KoboToolbox export's. */
  public static boolean recognises(String text, char separator) {
    return recognises(CsvRows.headerKeys(text, separator));
  }

  /** Whether a header's column keys ({@code uuid}, {@code submission_time}) are a KoboToolbox export's. */
  public static boolean recognises(java.util.Set<String> columnKeys) {
    return CsvRows.hasAll(columnKeys, List.of(UUID, SUBMITTED));
  }

  /** Parses a decoded export (Kobo writes {@code ;} by default, {@code ,} on request). */
  public void parse(Reader csv, char separator, ParseSink<SurveyAnswer> sink) {
    Map<String, Long> lineByUuid = new HashMap<>();
    Layout[] layout = new Layout[1];
    CsvRows.read(csv, separator, sink, header -> layout(header, layout), row -> answer(row, layout[0], lineByUuid));
  }

  /**
   * Parses one table of a delivered file (a CSV file or a workbook sheet) from its header row on.
   *
   * @param separator the one rejected rows are written back with
   * @param headerLine the line of the header row ({@link #recognises(java.util.Set)} found it)
   */
  public void parse(Table table, char separator, long headerLine, ParseSink<SurveyAnswer> sink) {
    Map<String, Long> lineByUuid = new HashMap<>();
    Layout[] layout = new Layout[1];
    CsvRows.read(table, separator, headerLine, sink, header -> layout(header, layout),
        row -> answer(row, layout[0], lineByUuid));
  }

  private static String layout(Header header, Layout[] layout) {
    layout[0] = new Layout(header);
    return layout[0].problem();
  }

  /** Where things are in this export's header. */
  private static final class Layout {
    final Header header;
    final Map<String, Integer> questionByName = new HashMap<>();
    final List<Integer> scoreColumns = new ArrayList<>();
    final List<Integer> multipleChoiceColumns = new ArrayList<>();
    /** Questions no part of the survey reading uses: their numeric answers are figures of the lake. */
    final List<Integer> figureColumns = new ArrayList<>();
    /** Whether a figure column holds numbers, decided by its first answer (a comment column's "12" is no figure). */
    final Map<Integer, Boolean> numeric = new HashMap<>();

    Layout(Header header) {
      this.header = header;
      Set<String> full = new HashSet<>(header.names);
      for (int i = 0; i < header.names.size(); i++) {
        String path = header.names.get(i).trim();
        if (path.startsWith("_") || isOptionColumn(path, full)) {
          continue;
        }
        String name = lastSegment(path);
        questionByName.putIfAbsent(name, i);
        if (name.startsWith("score")) {
          scoreColumns.add(i);
        }
        if (hasOptionColumns(path, header.names)) {
          multipleChoiceColumns.add(i);
        }
      }
      for (int i = 0; i < header.names.size(); i++) {
        String path = header.names.get(i).trim();
        String name = lastSegment(path);
        if (!path.isEmpty() && !path.startsWith("_") && !isOptionColumn(path, full) && !name.startsWith("score")
            && !multipleChoiceColumns.contains(i) && !FORM_METADATA.contains(path.toLowerCase(Locale.ROOT))
            && !FORM_METADATA.contains(name) && !COUNTRY_NAMES.contains(name) && !SECTION_NAMES.contains(name)
            && !TYPE_NAMES.contains(name) && !org.palabre.privacy.PersonalColumns.isPersonal(path)
            && !org.palabre.privacy.PersonalColumns.isPersonal(name)) {
          figureColumns.add(i);
        }
      }
    }

    String problem() {
      List<String> missing = new ArrayList<>();
      if (!header.has(UUID)) {
        missing.add("_uuid");
      }
      if (!header.has(ID)) {
        missing.add("_id");
      }
      if (!header.has(SUBMITTED)) {
        missing.add("_submission_time");
      }
      return missing.isEmpty() ? null
          : "not a KoboToolbox export: header has no column " + String.join(", ", missing);
    }

    int question(Set<String> names) {
      for (String n : names) {
        Integer i = questionByName.get(n);
        if (i != null) {
          return i;
        }
      }
      return -1;
    }

    private static boolean isOptionColumn(String path, Set<String> all) {
      int slash = path.lastIndexOf('/');
      return slash > 0 && all.contains(path.substring(0, slash));
    }

    private static boolean hasOptionColumns(String path, List<String> all) {
      String prefix = path + "/";
      return all.stream().anyMatch(n -> n.startsWith(prefix));
    }
  }

  private SurveyAnswer answer(Row row, Layout layout, Map<String, Long> lineByUuid) throws InvalidRow {
    String uuid = row.get(UUID);
    if (uuid == null) {
      throw new InvalidRow("_uuid is missing");
    }
    long id;
    String idRaw = row.get(ID);
    try {
      id = Long.parseLong(idRaw == null ? "" : idRaw);
    } catch (NumberFormatException e) {
      throw new InvalidRow("_id '" + (idRaw == null ? "" : idRaw) + "' is not a submission number");
    }
    Integer index;
    try {
      index = HandTypedValues.wholeNumber(row.get(INDEX));
    } catch (IllegalArgumentException e) {
      throw new InvalidRow("_index " + e.getMessage());
    }
    LocalDateTime submitted;
    try {
      submitted = HandTypedValues.timestampUtc(row.get(SUBMITTED));
    } catch (IllegalArgumentException e) {
      throw new InvalidRow("_submission_time " + e.getMessage());
    }
    if (submitted == null) {
      throw new InvalidRow("_submission_time is missing");
    }
    CsvRows.notAfterRunDate(row, SUBMITTED, submitted.toLocalDate(), runDate);

    Map<String, Integer> scores = new TreeMap<>();
    for (int i : layout.scoreColumns) {
      String value = row.at(i).trim();
      if (NO_ANSWER.contains(value.toLowerCase(Locale.ROOT))) {
        continue;
      }
      if (!value.matches("[1-5]")) {
        throw new InvalidRow("column '" + layout.header.names.get(i) + "' value '" + row.at(i)
            + "' is not a score 1-5 (blank or n/a for no answer)");
      }
      String name = lastSegment(layout.header.names.get(i)).replaceFirst("^score_?", "");
      scores.put(name.isEmpty() ? "overall" : name, Integer.parseInt(value));
    }
    Map<String, List<String>> multiple = new TreeMap<>();
    for (int i : layout.multipleChoiceColumns) {
      String value = row.at(i).trim();
      if (!NO_ANSWER.contains(value.toLowerCase(Locale.ROOT))) {
        multiple.put(lastSegment(layout.header.names.get(i)), List.of(value.split("\\s+")));
      }
    }
    List<SurveyAnswer.Figure> figures = new ArrayList<>();
    for (int i : layout.figureColumns) {
      String value = row.at(i).trim();
      if (NO_ANSWER.contains(value.toLowerCase(Locale.ROOT))) {
        continue;
      }
      boolean number = NUMBER.matcher(value).matches();
      if (layout.numeric.computeIfAbsent(i, column -> number) && number) {
        figures.add(new SurveyAnswer.Figure(layout.header.names.get(i).trim(), i + 1, Double.parseDouble(value)));
      }
    }
    Long first = lineByUuid.putIfAbsent(uuid, row.line);
    if (first != null) {
      throw new InvalidRow("_uuid " + uuid + " was already submitted at line " + first + " (duplicate submission)");
    }

    String country = answerAt(row, layout.question(COUNTRY_NAMES));
    String sectionRaw = answerAt(row, layout.question(SECTION_NAMES));
    String typeRaw = answerAt(row, layout.question(TYPE_NAMES));
    return new SurveyAnswer(
        id,
        uuid,
        index,
        submitted,
        validationStatus(row.get(VALIDATION)),
        country,
        sectionRaw,
        typeRaw,
        scores,
        multiple,
        row.line,
        figures);
  }

  private static String answerAt(Row row, int column) {
    return column < 0 ? null : HandTypedValues.clean(row.at(column));
  }

  /** {@code validation_status_approved} / {@code Approved} → {@code approved}. */
  static String validationStatus(String raw) {
    if (raw == null) {
      return null;
    }
    String k = CsvRows.columnKey(raw).replaceFirst("^validation_status_", "");
    return k.isEmpty() ? null : k;
  }

  private static String lastSegment(String path) {
    String[] parts = path.trim().split("/");
    return Arrays.stream(parts).reduce((a, b) -> b).orElse(path).trim().toLowerCase(Locale.ROOT);
  }

}
