package org.palabre.sources.mdm;

import java.io.Reader;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.palabre.model.ParseSink;
import org.palabre.sources.tables.Table;
import org.palabre.sources.mdm.CsvRows.InvalidRow;
import org.palabre.sources.mdm.CsvRows.Row;

/**
 * Parses the advocacy actions log CSV ({@code reference/advocacy_actions.csv}) into {@link
 * AdvocacyAction} records.
 *
 * <p>Columns: {@code theme} / {@code thème}, {@code member} / {@code membre}, {@code date}, {@code
 * description} / {@code action}, {@code service_users_involved} / {@code participation des
 * usagers} (yes/no, oui/non, true/false, 1/0). A row is rejected when theme, member or date is
 * missing, the date is not a date, or the involvement of service users is missing or not yes/no
 * (the indicator's share needs it on every action).
 */
public final class AdvocacyLogParser {

  static final List<String> THEME = List.of("theme", "thematique", "topic");
  static final List<String> MEMBER = List.of("member", "membre", "section", "organisation", "member_section");
  static final List<String> DATE = List.of("date", "date_action", "action_date", "date_de_l_action");
  static final List<String> DESCRIPTION = List.of("description", "action", "libelle", "intitule");
  static final List<String> USERS = List.of("service_users_involved", "service_users", "users_involved",
      "participation_des_usagers", "participation_usagers", "usagers_impliques", "personnes_concernees_impliquees",
      "with_service_users");

  private static final Map<String, List<String>> REQUIRED = new LinkedHashMap<>();

  private final LocalDate runDate;

  /** A parser for a run today. */
  public AdvocacyLogParser() {
    this(org.palabre.text.Periods.runDate(null));
  }

  /** A parser for the run of {@code runDate}: an action dated after it is rejected. */
  public AdvocacyLogParser(LocalDate runDate) {
    this.runDate = runDate;
  }

  static {
    REQUIRED.put("theme", THEME);
    REQUIRED.put("member", MEMBER);
    REQUIRED.put("date", DATE);
    REQUIRED.put("service_users_involved", USERS);
  }

  /** Whether a text's header (first non-blank line) is this kind of file's. */
  public static boolean recognises(String text, char separator) {
    return recognises(CsvRows.headerKeys(text, separator));
  }

  /** Whether a header's column keys ({@code partenaire}, {@code date_de_debut}) are this kind of file's. */
  public static boolean recognises(java.util.Set<String> columnKeys) {
    return CsvRows.hasAll(columnKeys, List.of(THEME, MEMBER, USERS));
  }

  /** Parses a decoded advocacy log whose separator the framework detected. */
  public void parse(Reader csv, char separator, ParseSink<AdvocacyAction> sink) {
    CsvRows.read(csv, separator, sink, CsvRows.requireColumns(REQUIRED), this::row);
  }

  /**
   * Parses one table of a delivered file (a CSV file or a workbook sheet) from its header row on.
   *
   * @param separator the one rejected rows are written back with
   * @param headerLine the line of the header row ({@link #recognises(java.util.Set)} found it)
   */
  public void parse(Table table, char separator, long headerLine, ParseSink<AdvocacyAction> sink) {
    CsvRows.read(table, separator, headerLine, sink, CsvRows.requireColumns(REQUIRED), this::row);
  }

  private AdvocacyAction row(Row row) throws InvalidRow {
    String theme = PartnershipRegistryParser.required(row, THEME);
    String member = PartnershipRegistryParser.required(row, MEMBER);
    LocalDate date = CsvRows.date(row, DATE);
    if (date == null) {
      throw new InvalidRow(row.name(DATE) + " is missing");
    }
    CsvRows.notAfterRunDate(row, DATE, date, runDate);
    Boolean users;
    try {
      users = HandTypedValues.yesNo(row.get(USERS));
    } catch (IllegalArgumentException e) {
      throw new InvalidRow(row.name(USERS) + " " + e.getMessage());
    }
    if (users == null) {
      throw new InvalidRow(row.name(USERS) + " is missing (expected yes/no)");
    }
    return new AdvocacyAction(theme, member, date, row.get(DESCRIPTION), users, row.line);
  }
}
