package org.palabre.sources.mdm;

import org.palabre.text.Labels;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.PushbackReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.time.Period;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.palabre.model.ParseSink;
import org.palabre.privacy.ClinicalText;
import org.palabre.privacy.Pseudonymiser;

/**
 * Parses Opération Sourire mission sheets: one JSON document per mission, as field teams send them
 * (the format is described in {@link org.palabre.sources.mdm the package documentation}). Emits one {@link MissionSheet} and
 * one {@link SurgicalPatient} per patient.
 *
 * <p>The sheet's vocabulary is kept as written: section, country, status, team roles and sexes are
 * the team's own labels, mapped to the network's codes at build time ({@code
 * sql/intermediate/int_mdm__missions.sql}, {@code int_mdm__surgical_patients.sql}); nothing is
 * rejected here because a label is unknown. What cannot be read is:
 *
 * <ul>
 *   <li>A document that is not well-formed JSON is rejected whole on the mission sink, at line 0
 *       (the file), with the parser's line and column in the reason (quoted tokens masked: they may
 *       be a patient's name). None of its patients is emitted.
 *   <li>A well-formed mission with a mission field that cannot be read (missing id, section,
 *       country, start date or status, a date that is not one, end before start, a team that is
 *       no head count...) is rejected on the mission sink at the line where the object starts; its
 *       patients are not emitted either (they belong to the rejected document).
 *   <li>Otherwise the mission is accepted, and each patient ends in the patient sink, accepted or
 *       rejected (an age that is not one, missing code, operated not yes/no, duplicate code...) at
 *       the line where its object starts. Within an accepted mission: {@code patientsListed =
 *       accepted + rejected patients}.
 * </ul>
 *
 * <p>Privacy: names (any of {@code name}, {@code nom}, {@code prenom}, {@code full_name}...) and
 * dates of birth are read only to compute the age, never copied; patient codes are replaced by
 * their {@link Pseudonymiser pseudonym} before anything is emitted; a rejection carries no raw text
 * (the family's rows are about patients) and a patient's reason names the field, never its value.
 * The pathology, free text, is kept only as {@link ClinicalText} allows: normalised when made of
 * clinical words, else a keyed hash.
 *
 * <p>Field names are matched ignoring case, accents and separators ({@code mission_id}, {@code
 * missionId}, {@code "Mission ID"}), with French and English aliases. One instance parses any
 * number of documents and holds no state; build it once per worker (for Beam: in {@code @Setup})
 * with {@link #create}.
 */
public final class MissionSheetParser {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern AGE_TEXT =
      Pattern.compile("(\\d+(?:[.,]\\d+)?)\\s*(ans?|years?|yrs?|y|a|mois|months?|m)?\\.?");
  private static final int MAX_AGE = 120;

  // field aliases, compared as Labels.normalise without spaces
  private static final List<String> MISSION_ID = List.of("missionid", "id", "mission", "codemission", "idmission", "missioncode");
  private static final List<String> SECTION = List.of("section", "membersection", "sectionreseau", "networksection", "mdmsection");
  private static final List<String> COUNTRY = List.of("country", "pays", "countrycode", "countryiso");
  private static final List<String> SITE = List.of("site", "hospital", "hopital", "facility", "lieu", "location", "structure");
  private static final List<String> START = List.of("startdate", "start", "datedebut", "debut", "datestart", "from");
  private static final List<String> END = List.of("enddate", "end", "datefin", "fin", "dateend", "to");
  private static final List<String> TEAM = List.of("team", "equipe", "volunteers", "benevoles", "volunteerteam", "equipebenevole");
  private static final List<String> STATUS = List.of("status", "statut", "etat", "missionstatus");
  private static final List<String> TRANSFER = List.of("transfer", "transfert");
  private static final List<String> TRANSFER_PARTNER = List.of("transferpartner", "partenairetransfert", "partenairedereprise", "partner", "partenaire", "takenoverby");
  private static final List<String> TRANSFER_PLANNED = List.of("transferplanneddate", "plannedtransferdate", "datetransfertprevue", "planneddate", "dateprevue", "planned", "prevue");
  private static final List<String> TRANSFER_ACTUAL = List.of("transferactualdate", "actualtransferdate", "datetransferteffective", "datetransfertreelle", "actualdate", "dateeffective", "actual", "effective", "done");
  private static final List<String> PATIENTS = List.of("patients", "patientlist", "listepatients", "listedespatients", "patient");
  private static final List<String> PATIENT_CODE = List.of("code", "patientcode", "patientid", "codepatient", "idpatient", "id", "numero", "numerodossier", "filenumber");
  private static final List<String> SEX = List.of("sex", "sexe", "gender", "genre");
  private static final List<String> AGE = List.of("age", "ageyears", "ageans", "agey");
  private static final List<String> BIRTH = List.of("dob", "dateofbirth", "birthdate", "datedenaissance", "ddn", "naissance", "birthday");
  private static final List<String> PATHOLOGY = List.of("pathology", "pathologie", "diagnosis", "diagnostic", "indication");
  private static final List<String> OPERATED = List.of("operated", "opere", "operee", "surgery", "chirurgie", "operation", "surgerydone");
  private static final List<String> PSYCHOSOCIAL = List.of("psychosocialfollowup", "psychosocial", "suivipsychosocial", "suivipsy", "psychosocialsupport", "followuppsychosocial");
  private static final List<String> TEAM_ROLE = List.of("role", "fonction", "function", "profession");
  private static final List<String> TEAM_COUNT = List.of("count", "number", "nombre", "n", "nb");

  private final Pseudonymiser pseudonymiser;
  private final ClinicalText clinicalText;
  /** A mission that starts after it is rejected (its end date may be planned: not checked). */
  private LocalDate runDate = org.palabre.text.Periods.runDate(null);

  public MissionSheetParser(Pseudonymiser pseudonymiser, ClinicalText clinicalText) {
    this.pseudonymiser = pseudonymiser;
    this.clinicalText = clinicalText;
  }

  /** A parser with the clinical vocabulary of {@code schemas/readers/} on the classpath. */
  public static MissionSheetParser create(Pseudonymiser pseudonymiser) {
    return new MissionSheetParser(pseudonymiser, ClinicalText.load());
  }

  /** The date of the run the sheets are read for ({@link org.palabre.text.Periods#afterRunDate}); today by default. */
  public MissionSheetParser forRunDate(LocalDate runDate) {
    this.runDate = runDate;
    return this;
  }

  /** Parses one mission document from bytes (UTF-8/16/32 detected by Jackson, BOM allowed). */
  public void parse(InputStream json, ParseSink<MissionSheet> missions, ParseSink<SurgicalPatient> patients) {
    try (JsonParser parser = JSON.getFactory().createParser(json)) {
      parse(parser, missions, patients);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Parses one mission document from already-decoded text (a leading BOM is skipped). */
  public void parse(Reader json, ParseSink<MissionSheet> missions, ParseSink<SurgicalPatient> patients) {
    try (JsonParser parser = JSON.getFactory().createParser(skipBom(json))) {
      parse(parser, missions, patients);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void parse(JsonParser parser, ParseSink<MissionSheet> missions, ParseSink<SurgicalPatient> patients)
      throws IOException {
    Document doc;
    try {
      doc = read(parser);
    } catch (JsonProcessingException e) {
      JsonLocation at = e.getLocation();
      String where = at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
      missions.reject(0, "malformed JSON" + where + ": " + withoutQuotedTokens(firstLine(e.getOriginalMessage()))
          + " (raw text withheld: it may hold patient identifiers)", "");
      return;
    } catch (Invalid e) {
      missions.reject(0, e.getMessage(), "");
      return;
    }
    MissionSheet mission;
    try {
      mission = mission(doc);
    } catch (Invalid e) {
      missions.reject(doc.line, e.getMessage(), "");
      return;
    }
    missions.accept(mission);
    Map<String, Long> firstLineByPseudonym = new HashMap<>();
    int index = 0;
    for (Located p : doc.patients) {
      index++;
      patient(mission, index, p, firstLineByPseudonym, patients);
    }
  }

  // ---------------------------------------------------------------- reading

  /** The top-level fields (without the patient list) and the patients with their lines. */
  private record Document(long line, ObjectNode fields, List<Located> patients) {}

  private record Located(long line, JsonNode node) {}

  /** A validation failure whose message is the reject reason. */
  private static final class Invalid extends Exception {
    Invalid(String reason) {
      super(reason, null, false, false);
    }
  }

  private static Document read(JsonParser p) throws IOException, Invalid {
    JsonToken first = p.nextToken();
    if (first == null) {
      throw new Invalid("empty document: expected one mission object");
    }
    if (first != JsonToken.START_OBJECT) {
      throw new Invalid("expected one mission object per document, found " + describe(first)
          + " at line " + p.getTokenLocation().getLineNr());
    }
    long line = p.getTokenLocation().getLineNr();
    ObjectNode fields = JsonNodeFactory.instance.objectNode();
    List<Located> patients = new ArrayList<>();
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String name = p.currentName();
      JsonToken value = p.nextToken();
      if (PATIENTS.contains(compact(name)) && value == JsonToken.START_ARRAY) {
        while (p.nextToken() != JsonToken.END_ARRAY) {
          long at = p.getTokenLocation().getLineNr();
          patients.add(new Located(at, JSON.readTree(p)));
        }
        fields.put(name, "[" + patients.size() + " patients]");
      } else {
        fields.set(name, JSON.readTree(p));
      }
    }
    JsonToken after = p.nextToken();
    if (after != null) {
      throw new Invalid("content after the mission object at line " + p.getTokenLocation().getLineNr()
          + ", column " + p.getTokenLocation().getColumnNr() + ": one mission per document");
    }
    return new Document(line, fields, patients);
  }

  // ---------------------------------------------------------------- mission

  private MissionSheet mission(Document doc) throws Invalid {
    Map<String, JsonNode> f = index(doc.fields);
    String id = text(f, MISSION_ID, "mission_id");
    try {
      return mission(doc, f, id);
    } catch (Invalid e) {
      if (id == null || e.getMessage().startsWith("mission " + id)) {
        throw e;
      }
      throw new Invalid("mission " + id + ": " + e.getMessage());
    }
  }

  private MissionSheet mission(Document doc, Map<String, JsonNode> f, String id) throws Invalid {
    if (id == null) {
      throw new Invalid("mission_id is missing");
    }
    String sectionRaw = text(f, SECTION, "section");
    if (sectionRaw == null) {
      throw new Invalid("mission " + id + ": section is missing (expected FR, NL, JP or DE)");
    }
    String countryRaw = text(f, COUNTRY, "country");
    if (countryRaw == null) {
      throw new Invalid("mission " + id + ": country is missing");
    }
    String site = text(f, SITE, "site");
    LocalDate start = date(f, START, "start_date", id);
    if (start == null) {
      throw new Invalid("mission " + id + ": start_date is missing");
    }
    String future = org.palabre.text.Periods.afterRunDate("start_date", start, runDate);
    if (future != null) {
      throw new Invalid("mission " + id + ": " + future);
    }
    LocalDate end = date(f, END, "end_date", id);
    if (end != null && end.isBefore(start)) {
      throw new Invalid("mission " + id + ": end_date " + end + " is before start_date " + start);
    }
    String statusRaw = text(f, STATUS, "status");
    if (statusRaw == null) {
      throw new Invalid("mission " + id + ": status is missing (expected active, transferred or closed)");
    }
    Map<String, Integer> team = team(first(f, TEAM), id);

    Map<String, JsonNode> transfer = f;
    JsonNode transferNode = first(f, TRANSFER);
    if (transferNode != null && transferNode.isObject()) {
      transfer = index((ObjectNode) transferNode);
    }
    String partner = text(transfer, TRANSFER_PARTNER, "transfer partner");
    if (partner == null && transferNode != null && transferNode.isTextual()) {
      partner = HandTypedValues.clean(transferNode.asText());
    }
    LocalDate planned = date(transfer, TRANSFER_PLANNED, "transfer planned date", id);
    LocalDate actual = date(transfer, TRANSFER_ACTUAL, "transfer actual date", id);
    String futureTransfer = org.palabre.text.Periods.afterRunDate("transfer actual date", actual, runDate);
    if (futureTransfer != null) {
      throw new Invalid("mission " + id + ": " + futureTransfer);
    }

    return new MissionSheet(
        id,
        sectionRaw,
        countryRaw,
        site,
        start,
        end,
        team,
        team.values().stream().mapToInt(Integer::intValue).sum(),
        statusRaw,
        partner,
        planned,
        actual,
        doc.patients.size(),
        doc.line);
  }

  private static Map<String, Integer> team(JsonNode team, String id) throws Invalid {
    Map<String, Integer> byRole = new TreeMap<>();
    if (team == null || team.isNull()) {
      return byRole;
    }
    if (team.isObject()) {
      var it = team.fields();
      while (it.hasNext()) {
        var e = it.next();
        add(byRole, e.getKey(), headcount(e.getValue(), e.getKey(), id));
      }
    } else if (team.isArray()) {
      // [{"role": "surgeon", "name": "..."}, {"role": "nurse", "count": 3}]
      for (JsonNode member : team) {
        if (!member.isObject()) {
          throw new Invalid("mission " + id + ": team list entries must be objects with a role");
        }
        Map<String, JsonNode> m = index((ObjectNode) member);
        String role = text(m, TEAM_ROLE, "team role");
        if (role == null) {
          throw new Invalid("mission " + id + ": a team member has no role");
        }
        JsonNode count = first(m, TEAM_COUNT);
        add(byRole, role, count == null ? 1 : headcount(count, role, id));
      }
    } else {
      throw new Invalid("mission " + id + ": team must be an object of role -> count or list, or a list of members");
    }
    return byRole;
  }

  /** Head counts by role as written (trimmed); the build maps the roles ({@code schemas/mappings/team_roles.csv}). */
  private static void add(Map<String, Integer> byRole, String roleLabel, int n) {
    if (n > 0) {
      byRole.merge(roleLabel.strip(), n, Integer::sum);
    }
  }

  private static int headcount(JsonNode value, String role, String id) throws Invalid {
    if (value.isNull()) {
      return 0;
    }
    if (value.isArray()) {
      return value.size();
    }
    if (value.isIntegralNumber() && value.asInt() >= 0) {
      return value.asInt();
    }
    if (value.isTextual()) {
      String t = value.asText().trim();
      if (t.isEmpty()) {
        return 0;
      }
      if (t.matches("\\d+")) {
        return Integer.parseInt(t);
      }
      return t.split("\\s*[,;]\\s*").length; // a list of names written as one string
    }
    throw new Invalid("mission " + id + ": team " + role + " '" + value + "' is not a head count or a list");
  }

  // ---------------------------------------------------------------- patients

  private void patient(MissionSheet mission, int index, Located p, Map<String, Long> firstLineByPseudonym,
      ParseSink<SurgicalPatient> sink) {
    String where = "mission " + mission.missionId() + ", patient #" + index;
    if (!p.node.isObject()) {
      sink.reject(p.line, where + ": expected an object, found " + p.node.getNodeType().toString().toLowerCase(Locale.ROOT), "");
      return;
    }
    Map<String, JsonNode> f = index((ObjectNode) p.node);
    try {
      String code = scalar(first(f, PATIENT_CODE), "patient code");
      if (code == null) {
        throw new Invalid(where + ": patient code is missing");
      }
      String pseudonym = pseudonymiser.pseudonymise(code);
      String sexRaw = scalar(first(f, SEX), "sex");
      Integer age = age(f, mission, where);
      String pathology = clinicalText.kept(scalar(first(f, PATHOLOGY), "pathology"), pseudonymiser);
      Boolean operated = yesNo(first(f, OPERATED), "operated", where);
      if (operated == null) {
        throw new Invalid(where + ": operated is missing (expected yes/no)");
      }
      Boolean psychosocial = yesNo(first(f, PSYCHOSOCIAL), "psychosocial follow-up", where);
      Long seen = firstLineByPseudonym.putIfAbsent(pseudonym, p.line);
      if (seen != null) {
        throw new Invalid(where + ": duplicate patient code (same code as the patient at line " + seen + ")");
      }
      sink.accept(new SurgicalPatient(mission.missionId(), pseudonym, sexRaw, age, pathology, operated, psychosocial, p.line));
    } catch (Invalid e) {
      String reason = e.getMessage().startsWith(where) ? e.getMessage() : where + ": " + e.getMessage();
      sink.reject(p.line, reason, "");
    }
  }

  private Integer age(Map<String, JsonNode> f, MissionSheet mission, String where) throws Invalid {
    JsonNode age = first(f, AGE);
    if (age != null && !age.isNull() && !(age.isTextual() && HandTypedValues.isMissing(age.asText()))) {
      double years;
      if (age.isNumber()) {
        years = age.asDouble();
      } else if (age.isTextual()) {
        Matcher m = AGE_TEXT.matcher(age.asText().trim().toLowerCase(Locale.ROOT));
        String sign = age.asText().trim().startsWith("-") ? "-" : "";
        if (!sign.isEmpty()) {
          m = AGE_TEXT.matcher(age.asText().trim().substring(1).trim().toLowerCase(Locale.ROOT));
        }
        if (!m.matches()) {
          throw new Invalid(where + ": age is not a number of years");
        }
        years = Double.parseDouble(sign + m.group(1).replace(',', '.'));
        String unit = m.group(2);
        if (unit != null && (unit.startsWith("mo") || unit.equals("m"))) {
          years = years / 12.0;
        }
      } else {
        throw new Invalid(where + ": age is not a number of years");
      }
      if (years < 0 || years > MAX_AGE) {
        throw new Invalid(where + ": age is out of range 0-" + MAX_AGE);
      }
      return (int) Math.floor(years);
    }
    JsonNode birth = first(f, BIRTH);
    if (birth == null || birth.isNull()) {
      return null;
    }
    LocalDate born;
    try {
      born = HandTypedValues.date(birth.asText());
    } catch (IllegalArgumentException e) {
      // the value itself is not quoted: a date of birth is an identifier
      throw new Invalid(where + ": date of birth is not a date (expected yyyy-MM-dd or dd/MM/yyyy)");
    }
    if (born == null) {
      return null;
    }
    if (born.isAfter(mission.startDate())) {
      throw new Invalid(where + ": date of birth is after the mission start date");
    }
    int years = Period.between(born, mission.startDate()).getYears();
    if (years > MAX_AGE) {
      throw new Invalid(where + ": date of birth gives an age over " + MAX_AGE);
    }
    return years;
  }

  private static Boolean yesNo(JsonNode value, String field, String where) throws Invalid {
    if (value == null || value.isNull()) {
      return null;
    }
    if (value.isBoolean()) {
      return value.asBoolean();
    }
    if (value.isValueNode()) {
      try {
        return HandTypedValues.yesNo(value.asText());
      } catch (IllegalArgumentException e) {
        // the value is the patient's: the reason names the field only
        throw new Invalid(where + ": " + field + " is not yes/no (expected oui/non, yes/no, true/false, 1/0)");
      }
    }
    throw new Invalid(where + ": " + field + " must be yes/no, not " + value.getNodeType().toString().toLowerCase(Locale.ROOT));
  }

  // ---------------------------------------------------------------- helpers

  private static Map<String, JsonNode> index(ObjectNode node) {
    Map<String, JsonNode> byKey = new HashMap<>();
    node.fields().forEachRemaining(e -> byKey.putIfAbsent(compact(e.getKey()), e.getValue()));
    return byKey;
  }

  static String compact(String name) {
    return Labels.normalise(name).replace(" ", "");
  }

  private static JsonNode first(Map<String, JsonNode> f, List<String> aliases) {
    for (String a : aliases) {
      JsonNode v = f.get(a);
      if (v != null) {
        return v;
      }
    }
    return null;
  }

  private static String text(Map<String, JsonNode> f, List<String> aliases, String field) throws Invalid {
    return scalar(first(f, aliases), field);
  }

  private static String scalar(JsonNode v, String field) throws Invalid {
    if (v == null || v.isNull()) {
      return null;
    }
    if (!v.isValueNode()) {
      throw new Invalid(field + " must be a single value, not " + v.getNodeType().toString().toLowerCase(Locale.ROOT));
    }
    return HandTypedValues.clean(v.asText());
  }

  private static LocalDate date(Map<String, JsonNode> f, List<String> aliases, String field, String id) throws Invalid {
    String v = text(f, aliases, field);
    try {
      return HandTypedValues.date(v);
    } catch (IllegalArgumentException e) {
      throw new Invalid("mission " + id + ": " + field + " " + e.getMessage());
    }
  }

  private static String describe(JsonToken t) {
    switch (t) {
      case START_ARRAY:
        return "a list";
      case VALUE_STRING:
        return "a string";
      case VALUE_NUMBER_INT:
      case VALUE_NUMBER_FLOAT:
        return "a number";
      default:
        return t.asString() == null ? t.name().toLowerCase(Locale.ROOT) : "'" + t.asString() + "'";
    }
  }

  /**
   * The JSON parser's message without the tokens it quotes ("Unrecognized token 'Rasoa'"): a
   * token of a broken sheet may be a patient's name. Single characters stay ("Unexpected character
   * ('{' ...)").
   */
  static String withoutQuotedTokens(String message) {
    return message.replaceAll("'[^']{2,}'", "'…'");
  }

  private static String firstLine(String s) {
    if (s == null) {
      return "";
    }
    int nl = s.indexOf('\n');
    return nl < 0 ? s : s.substring(0, nl);
  }

  private static Reader skipBom(Reader reader) throws IOException {
    PushbackReader in = new PushbackReader(reader, 1);
    int c = in.read();
    if (c != -1 && c != '\uFEFF') {
      in.unread(c);
    }
    return in;
  }
}
