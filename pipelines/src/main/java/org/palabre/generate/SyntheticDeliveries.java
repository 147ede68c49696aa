package org.palabre.generate;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Synthetic member deliveries for benchmarks and scale tests ({@code palabre generate}): the input
 * formats of DESIGN §3 at any volume, with the variations members really send and a small share
 * of bad rows, the same bytes for the same seed and size.
 *
 * <p>Most rows are Samusocial monthly reports (CSV, one file per service and month, each service
 * with its own dialect: separator, encoding, header spelling, month notation, HXL hashtags or
 * not), since that is the CSV path the benchmark compares with DuckDB's own reader. The other
 * formats come in smaller volumes: trainings lists, HXL 3W tables, DHIS2 data value sets (JSON and
 * CSV, against the Mali metadata of the samples), IATI activity XML with budgets and transactions
 * in several currencies (with the exchange-rate table they need), mission sheets, and the
 * partnerships family (a partnership registry, a KoboToolbox partner-survey export and a
 * red/orange-line alert log, in the spellings of the samples).
 */
public final class SyntheticDeliveries {

  /** What was written, for the benchmark and the command's summary. */
  public record Summary(long reportRows, long otherRows, long badRows, int files, long bytes, List<Path> csvFiles) {}

  /** A Samusocial service and how its data team writes its monthly report. */
  private record Service(String name, String country, String city, double weight, char separator, Charset charset,
      boolean bom, String[] header, String[] hxl, String monthStyle, boolean decimalComma, String folder) {}

  private static final Charset WINDOWS_1252 = Charset.forName("windows-1252");
  private static final String[] FRENCH_HEADER = {"Dispositif", "Pays", "Mois", "Maraudes", "Personnes rencontrées", "dont femmes",
      "dont mineurs", "Consultations médicales", "Entretiens psychosociaux", "Nuitées d'hébergement", "Orientations"};
  private static final String[] SNAKE_HEADER = {"dispositif", "pays", "mois", "maraudes", "personnes_rencontrees", "dont_femmes",
      "dont_mineurs", "consultations_medicales", "entretiens_psychosociaux", "nuitees_hebergement", "orientations"};
  private static final String[] UPPER_HEADER = {"DISPOSITIF", "PAYS", "MOIS", "NOMBRE DE MARAUDES", "PERSONNES  RENCONTREES",
      "DONT FEMMES", "DONT MINEURS", "CONSULTATIONS MEDICALES", "ENTRETIENS PSY", "NUITEES", "ORIENTATIONS"};
  private static final String[] ENGLISH_HEADER = {"Service", "Country", "Month", "Outreach rounds", "People met", "Dont femmes",
      "Dont mineurs", "Medical consultations", "Psychosocial interviews", "Nights of shelter", "Referrals"};
  private static final String[] HXL_LABELS = {"Structure", "Pays", "Période", "Tournées", "Personnes rencontrées", "Femmes",
      "Enfants", "Consultations", "Entretiens psy", "Nuitées", "Orientations"};
  private static final String[] HXL_TAGS = {"#org", "#country", "#date+month", "#output+outreach", "#reached+ind",
      "#reached+ind+f", "#reached+ind+children", "#output+consultations", "#output+psychosocial", "#output+shelter",
      "#output+referrals"};

  /** The network's street-outreach services, weighted by how much they report (AFD programme first). */
  private static final List<Service> SERVICES = List.of(
      new Service("Samusocial Burkina Faso", "Burkina Faso", "Ouagadougou", 3, ';', StandardCharsets.UTF_8, true, FRENCH_HEADER,
          null, "iso", false, "burkina-faso"),
      new Service("Samusocial Pointe-Noire", "Congo", "Pointe-Noire", 2.5, ',', WINDOWS_1252, false, SNAKE_HEADER, null, "slash",
          true, "pointe-noire"),
      new Service("Samusocial Sénégal", "Sénégal", "Dakar", 3, ';', StandardCharsets.UTF_8, false, HXL_LABELS, HXL_TAGS, "french",
          false, "senegal"),
      new Service("Samusocial Casablanca", "Maroc", "Casablanca", 1, ';', StandardCharsets.UTF_8, false, UPPER_HEADER, null, "french",
          false, "services-associes/casablanca"),
      new Service("Samusocial Perú", "Pérou", "Lima", 0.8, ',', StandardCharsets.UTF_8, false, ENGLISH_HEADER, null, "iso", false,
          "services-associes/peru"),
      new Service("Samusocial Bucarest", "Roumanie", "București", 0.8, ';', StandardCharsets.UTF_8, true, FRENCH_HEADER, null, "slash",
          true, "services-associes/roumanie"),
      new Service("Samusocial Egypte", "Égypte", "Le Caire", 0.8, ',', StandardCharsets.UTF_8, false, HXL_LABELS, HXL_TAGS, "iso",
          false, "services-associes/egypte"),
      new Service("Samusocial Grand Tunis", "Tunisie", "Grand Tunis", 0.8, ';', WINDOWS_1252, false, FRENCH_HEADER, null, "french",
          true, "services-associes/tunis"),
      new Service("Amel Association", "Liban", "Beyrouth", 1, ';', StandardCharsets.UTF_8, false, SNAKE_HEADER, null, "slash", false,
          "services-associes/amel"));

  private static final String[] FRENCH_MONTHS = {"janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août",
      "septembre", "octobre", "novembre", "décembre"};
  private static final YearMonth FIRST_MONTH = YearMonth.of(2022, 1);
  private static final int MONTHS = 36;
  /** About one row in this many is bad (a word for a figure, a negative count, a blank service, an impossible month). */
  private static final int BAD_ROW_EVERY = 500;

  private final long rows;
  private final long seed;
  private long reportRows;
  private long otherRows;
  private long badRows;
  private int files;
  private long bytes;
  private final List<Path> csvFiles = new ArrayList<>();

  public SyntheticDeliveries(long rows, long seed) {
    if (rows < 1) {
      throw new IllegalArgumentException("--rows must be at least 1");
    }
    this.rows = rows;
    this.seed = seed;
  }

  /**
   * Writes the deliveries under {@code out} (one sub-folder per source family).
   *
   * @return what was written
   */
  public Summary writeTo(Path out) throws IOException {
    SplittableRandom random = new SplittableRandom(seed);
    long otherShare = Math.max(20, rows / 50);
    long reportShare = Math.max(1, rows - otherShare);
    writeReports(out.resolve("samusocial"), reportShare, random.split());
    writeTrainings(out.resolve("samusocial"), Math.max(5, otherShare / 5), random.split());
    writeHxl3w(out.resolve("hxl"), Math.max(5, otherShare / 5), random.split());
    writeDhis2(out.resolve("dhis2"), Math.max(5, otherShare * 2 / 5), random.split());
    writeIati(out.resolve("iati"), out.resolve("reference"), Math.max(2, otherShare / 10), random.split());
    writeMissions(out.resolve("missions"), Math.max(2, Math.min(200, otherShare / 500)), random.split());
    writePartnerships(out.resolve("partnerships"), Math.max(6, otherShare / 10), random.split());
    // the patients are made up: the public sample pseudonym key is the right one for them
    java.nio.file.Files.writeString(out.resolve(org.palabre.privacy.PseudonymKeys.SAMPLE_MARKER),
        "Synthetic deliveries written by palabre generate: made-up patients, pseudonymised with the public sample key.\n");
    return new Summary(reportRows, otherRows, badRows, files, bytes, List.copyOf(csvFiles));
  }

  /** One more monthly report (a late delivery), as the first service writes it: for re-run benchmarks. */
  public static void writeOneReport(Path file, YearMonth month, long rows, long seed) throws IOException {
    new SyntheticDeliveries(rows, seed).writeReport(file, SERVICES.get(0), month, rows, new SplittableRandom(seed));
  }

  /**
   * A corrected delivery: the first service's report of the first month written again under its own
   * name, as many rows with other figures (the member re-sends April). For re-run benchmarks.
   *
   * @param samusocial the {@code samusocial/} folder {@link #writeTo} wrote
   * @return the rows of the corrected report
   */
  public static long correctOneReport(Path samusocial, long seed) throws IOException {
    Service service = SERVICES.get(0);
    Path file = samusocial.resolve(service.folder()).resolve(slug(service.name()) + "_rapport_" + FIRST_MONTH + ".csv");
    long rows;
    try (var lines = Files.lines(file, service.charset())) {
      rows = Math.max(1, lines.count() - 1);
    }
    writeOneReport(file, FIRST_MONTH, rows, seed);
    return rows;
  }

  // ---------------------------------------------------------------- Samusocial monthly reports

  private void writeReports(Path dir, long total, SplittableRandom random) throws IOException {
    double weights = SERVICES.stream().mapToDouble(Service::weight).sum();
    long written = 0;
    for (int s = 0; s < SERVICES.size(); s++) {
      Service service = SERVICES.get(s);
      long mine = s == SERVICES.size() - 1 ? total - written : Math.round(total * service.weight() / weights);
      written += mine;
      for (int m = 0; m < MONTHS; m++) {
        long inFile = mine / MONTHS + (m < mine % MONTHS ? 1 : 0);
        if (inFile == 0) {
          continue;
        }
        YearMonth month = FIRST_MONTH.plusMonths(m);
        String name = slug(service.name()) + "_rapport_" + month + ".csv";
        writeReport(dir.resolve(service.folder()).resolve(name), service, month, inFile, random);
      }
    }
  }

  /** One service's report for one month: one row per outreach round (team and night). */
  private void writeReport(Path file, Service service, YearMonth month, long count, SplittableRandom random) throws IOException {
    char sep = service.separator();
    double scale = 0.6 + random.nextDouble() * 0.8;
    try (Writer w = open(file, service.charset(), service.bom())) {
      if (random.nextInt(4) == 0 && service.hxl() == null) {
        w.write("Rapport d'activité mensuel - " + service.name() + " (" + service.country() + ")\r\n");
      }
      w.write(join(service.header(), sep));
      w.write("\r\n");
      if (service.hxl() != null) {
        w.write(join(service.hxl(), sep));
        w.write("\r\n");
      }
      String monthLabel = monthLabel(month, service.monthStyle());
      StringBuilder row = new StringBuilder(128);
      for (long i = 0; i < count; i++) {
        int people = (int) Math.max(0, Math.round(random.nextGaussian() * 6 * scale + 18 * scale));
        int women = (int) Math.round(people * (0.30 + random.nextDouble() * 0.2));
        int minors = (int) Math.round(people * (0.15 + random.nextDouble() * 0.25));
        int consultations = (int) Math.round(people * (0.4 + random.nextDouble() * 0.4));
        int interviews = (int) Math.round(people * (0.1 + random.nextDouble() * 0.3));
        int nights = random.nextInt(6) == 0 ? random.nextInt(30) : 0;
        int referrals = random.nextInt(5);
        String org = service.name();
        String monthCell = monthLabel;
        String peopleCell = Integer.toString(people);
        String womenCell = random.nextInt(40) == 0 ? "" : Integer.toString(women);
        String minorsCell = random.nextInt(25) == 0 ? "-" : Integer.toString(minors);
        String consultCell = service.decimalComma() ? "\"" + consultations + ",0\"" : Integer.toString(consultations);
        if (sep == ';' && service.decimalComma()) {
          consultCell = consultations + ",0";
        }
        if (random.nextInt(BAD_ROW_EVERY) == 0) {
          badRows++;
          switch (random.nextInt(4)) {
            case 0 -> peopleCell = "beaucoup";
            case 1 -> womenCell = "-" + women;
            case 2 -> org = "";
            default -> monthCell = "13/" + month.getYear();
          }
        }
        row.setLength(0);
        row.append(org).append(sep).append(service.country()).append(sep).append(monthCell).append(sep)
            .append(1).append(sep).append(peopleCell).append(sep).append(womenCell).append(sep).append(minorsCell).append(sep)
            .append(consultCell).append(sep).append(interviews).append(sep).append(nights).append(sep).append(referrals)
            .append("\r\n");
        w.append(row);
      }
    }
    reportRows += count;
    csvFiles.add(file);
    counted(file);
  }

  private static String monthLabel(YearMonth month, String style) {
    return switch (style) {
      case "slash" -> String.format(Locale.ROOT, "%02d/%d", month.getMonthValue(), month.getYear());
      case "french" -> FRENCH_MONTHS[month.getMonthValue() - 1] + " " + month.getYear();
      default -> month.toString();
    };
  }

  // ---------------------------------------------------------------- trainings and HXL 3W

  private void writeTrainings(Path dir, long count, SplittableRandom random) throws IOException {
    String[] topics = {"Santé mentale des enfants en situation de rue", "Premiers secours psychologiques",
        "Prise en charge des violences basées sur le genre", "Approche de rue et maraude"};
    String[] audiences = {"psychologues", "travailleurs sociaux", "infirmiers", "éducateurs"};
    Path file = dir.resolve("formations_professionnels.csv");
    try (Writer w = open(file, StandardCharsets.UTF_8, false)) {
      w.write("Dispositif;Pays;Date de la formation;Intitulé de la formation;Public cible;Participants;dont femmes;dont hommes\r\n");
      for (long i = 0; i < count; i++) {
        Service s = SERVICES.get(random.nextInt(3));
        int women = 3 + random.nextInt(15);
        int men = 2 + random.nextInt(12);
        YearMonth month = FIRST_MONTH.plusMonths(random.nextInt(MONTHS));
        w.write(String.join(";", s.name(), s.country(), String.format(Locale.ROOT, "%02d/%02d/%d", 1 + random.nextInt(28),
            month.getMonthValue(), month.getYear()), topics[random.nextInt(topics.length)], audiences[random.nextInt(audiences.length)],
            Integer.toString(women + men), Integer.toString(women), Integer.toString(men)) + "\r\n");
      }
    }
    otherRows += count;
    csvFiles.add(file);
    counted(file);
  }

  private void writeHxl3w(Path dir, long count, SplittableRandom random) throws IOException {
    String[][] places = {{"Samusocial Burkina Faso", "BF", "Centre", "Ouagadougou"}, {"Samusocial Sénégal", "SN", "Dakar", "Dakar"},
        {"Médecins du Monde", "ML", "Kayes", "Kayes"}, {"Samusocial Pointe-Noire", "CG", "Pointe-Noire", "Pointe-Noire"}};
    String[] sectors = {"Protection", "Santé", "Abris"};
    Path file = dir.resolve("3w_synthetique.csv");
    try (Writer w = open(file, StandardCharsets.UTF_8, false)) {
      w.write("\"3W - Qui fait quoi où (données synthétiques)\",,,,,,,,,\r\n");
      w.write("Organisation,Secteur,Pays,Région,Cercle / district,Date,Personnes atteintes,dont femmes,dont hommes,Ménages atteints\r\n");
      w.write("#org +impl,#sector,#country +code,#adm1 +name,#adm2 +name,#date +reported,#reached +ind,#reached +ind +f,"
          + "#reached+ind+m,#reached +hh\r\n");
      for (long i = 0; i < count; i++) {
        String[] place = places[random.nextInt(places.length)];
        int women = random.nextInt(800);
        int men = random.nextInt(800);
        YearMonth month = FIRST_MONTH.plusMonths(random.nextInt(MONTHS));
        String total = women + men >= 1000 ? "\"" + String.format(Locale.ROOT, "%,d", women + men) + "\"" : Integer.toString(women + men);
        w.write(String.join(",", place[0], sectors[random.nextInt(sectors.length)], place[1], place[2], place[3],
            month.atEndOfMonth().toString(), total, Integer.toString(women), Integer.toString(men),
            Integer.toString((women + men) / 4)) + "\r\n");
      }
    }
    otherRows += count;
    csvFiles.add(file);
    counted(file);
  }

  // ---------------------------------------------------------------- DHIS2

  private static final String[] FACILITIES = {"bcva06s2evp", "PG6yNPBb4Pn", "AMFAHhmituS", "B9z9tmlV8k0", "EpJVGvUDIP4",
      "Kwy1r1WoDuM", "XcRLzsmJpOn", "L5poT1PfMFm", "FmnjX1dFvo1", "auR06taNqlq", "hPEVoDtUmo2", "b2z5PcfxRRN"};
  /** Consultations by sex and age band (the catcombo of W9BlIBGvFde in the sample metadata). */
  private static final String[] CONSULTATION_COMBOS = {"XFe7wWptx0Z", "P3KyEo96HSE", "jm4qBbm7K7j", "uCFrXB2jM5x", "SW4ym351wmX",
      "RITwWbE25DP", "yjcqphuPXp2", "CFK7gS1zsiD", "lv4jOoOiifp", "X3CTdlmFDE4"};

  private void writeDhis2(Path dir, long count, SplittableRandom random) throws IOException {
    Files.createDirectories(dir);
    Path metadata = dir.resolve("metadata_mali_pads.json");
    Files.writeString(metadata, resource("metadata_mali_pads.json"));
    counted(metadata);
    long half = count / 2;
    Path csv = dir.resolve("dataValueSet_consultations.csv");
    try (Writer w = open(csv, StandardCharsets.UTF_8, false)) {
      w.write("dataelement,period,orgunit,categoryoptioncombo,attributeoptioncombo,value,storedby,lastupdated,comment,followup,deleted\n");
      for (long i = 0; i < half; i++) {
        String period = String.format(Locale.ROOT, "%d%02d", 2010 + (int) (i / 1200 % 8), 1 + (int) (i / 120 % 12));
        String value = random.nextInt(BAD_ROW_EVERY) == 0 ? "beaucoup" : Integer.toString(random.nextInt(200));
        if ("beaucoup".equals(value)) {
          badRows++;
        }
        w.write("W9BlIBGvFde," + period + "," + FACILITIES[(int) (i / 10 % FACILITIES.length)] + ","
            + CONSULTATION_COMBOS[(int) (i % 10)] + ",," + value + ",cscom.agent," + period.substring(0, 4) + "-"
            + period.substring(4) + "-28,,false,false\n");
      }
    }
    counted(csv);
    Path json = dir.resolve("dataValueSet_sessions.json");
    try (Writer w = open(json, StandardCharsets.UTF_8, false)) {
      w.write("{\n  \"dataValues\": [\n");
      for (long i = half; i < count; i++) {
        String period = String.format(Locale.ROOT, "%d%02d", 2010 + (int) (i / 144 % 8), 1 + (int) (i / 12 % 12));
        w.write("    {\"dataElement\": \"ebxUDyVAcpS\", \"period\": \"" + period + "\", \"orgUnit\": \""
            + FACILITIES[(int) (i % FACILITIES.length)] + "\", \"value\": \"" + random.nextInt(6) + "\", \"storedBy\": \"cscom\"}"
            + (i + 1 < count ? "," : "") + "\n");
      }
      w.write("  ]\n}\n");
    }
    counted(json);
    otherRows += count;
  }

  // ---------------------------------------------------------------- IATI

  private void writeIati(Path dir, Path reference, long activities, SplittableRandom random) throws IOException {
    Files.createDirectories(reference);
    Path rates = reference.resolve("exchange_rates.csv");
    Files.writeString(rates, resource("exchange_rates.csv"));
    counted(rates);
    String[][] members = {{"BF-SAMPLE-SAMUSOCIAL-BF", "Samusocial Burkina Faso", "BF", "XOF"},
        {"SN-SAMPLE-SAMUSOCIAL-SN", "Samusocial Sénégal", "SN", "XOF"}, {"CG-SAMPLE-SAMUSOCIAL-PN", "Samusocial Pointe-Noire", "CG", "USD"},
        {"FR-RNA-SAMPLE-MDM", "Médecins du Monde", "MG", "EUR"}, {"CA-SAMPLE-UDEM", "Université de Montréal", "ML", "CAD"}};
    Path file = dir.resolve("synthetic-activities.xml");
    try (Writer w = open(file, StandardCharsets.UTF_8, false)) {
      w.write("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<iati-activities version=\"2.03\" generated-datetime=\"2025-01-15T10:00:00Z\">\n");
      for (long a = 0; a < activities; a++) {
        String[] m = members[(int) (a % members.length)];
        String currency = random.nextInt(3) == 0 ? "EUR" : m[3];
        w.write("  <iati-activity default-currency=\"" + currency + "\">\n");
        w.write("    <iati-identifier>FR-3-SYN-" + a + "</iati-identifier>\n");
        w.write("    <reporting-org ref=\"FR-3\" type=\"10\"><narrative>Agence française de développement</narrative></reporting-org>\n");
        w.write("    <title><narrative>Activité synthétique " + a + "</narrative></title>\n");
        w.write("    <participating-org ref=\"FR-3\" role=\"1\" type=\"10\"><narrative>Agence française de développement</narrative>"
            + "</participating-org>\n");
        w.write("    <participating-org ref=\"" + m[0] + "\" role=\"4\" type=\"22\"><narrative>" + m[1] + "</narrative>"
            + "</participating-org>\n");
        w.write("    <activity-status code=\"2\"/>\n    <recipient-country code=\"" + m[2] + "\" percentage=\"100\"/>\n");
        for (int year = 2022; year <= 2024; year++) {
          long budget = (50 + random.nextInt(200)) * 1000L * ("EUR".equals(currency) ? 1 : 650);
          w.write("    <budget type=\"1\" status=\"2\"><period-start iso-date=\"" + year + "-01-01\"/><period-end iso-date=\"" + year
              + "-12-31\"/><value currency=\"" + currency + "\" value-date=\"" + year + "-01-01\">" + budget + "</value></budget>\n");
          String date = year + "-" + String.format(Locale.ROOT, "%02d", 1 + random.nextInt(12)) + "-15";
          w.write("    <transaction><transaction-type code=\"3\"/><transaction-date iso-date=\"" + date + "\"/><value currency=\""
              + currency + "\" value-date=\"" + date + "\">" + budget * (60 + random.nextInt(40)) / 100 + "</value>"
              + "<provider-org ref=\"FR-3\"><narrative>Agence française de développement</narrative></provider-org>"
              + "<receiver-org ref=\"" + m[0] + "\"><narrative>" + m[1] + "</narrative></receiver-org></transaction>\n");
          otherRows += 2;
        }
        w.write("  </iati-activity>\n");
        otherRows++;
      }
      w.write("</iati-activities>\n");
    }
    counted(file);
  }

  // ---------------------------------------------------------------- missions (DESIGN §3.3)

  private void writeMissions(Path dir, long missions, SplittableRandom random) throws IOException {
    String[][] countries = {{"MG", "Madagascar"}, {"KH", "Cambodge"}, {"PK", "Pakistan"}, {"LA", "Laos"}, {"TZ", "Tanzanie"},
        {"SL", "Sierra Leone"}};
    String[] sections = {"France", "Pays-Bas", "Japon", "Allemagne"};
    String[] pathologies = {"Fente labiale", "Cleft palate", "Brûlure", "Burn contracture", "Tumeur", "Tumour of the jaw"};
    String[] sexes = {"F", "M", "female", "male"};
    Files.createDirectories(dir);
    for (long i = 0; i < missions; i++) {
      String[] c = countries[(int) (i % countries.length)];
      int year = 2022 + (int) (i / countries.length % 3);
      String id = "OS-" + c[0] + "-" + year + "-" + String.format(Locale.ROOT, "%02d", 1 + i / (countries.length * 3));
      StringBuilder json = new StringBuilder();
      json.append("{\n  \"mission_id\": \"").append(id).append("\",\n  \"section\": \"").append(sections[random.nextInt(4)])
          .append("\",\n  \"country\": \"").append(c[1]).append("\",\n  \"site\": \"Hôpital régional\",\n  \"start_date\": \"")
          .append(year).append("-03-14\",\n  \"end_date\": \"").append(year).append("-03-24\",\n")
          .append("  \"team\": {\"surgeons\": 3, \"anaesthetists\": 1, \"nurses\": 4},\n  \"status\": \"closed\",\n  \"patients\": [\n");
      int patients = 10 + random.nextInt(40);
      for (int p = 0; p < patients; p++) {
        json.append("    {\"code\": \"").append(c[0]).append("-").append(year).append("-").append(1000 + random.nextInt(9000))
            .append("\", \"sex\": \"").append(sexes[random.nextInt(4)]).append("\", \"age\": ").append(1 + random.nextInt(70))
            .append(", \"pathology\": \"").append(pathologies[random.nextInt(pathologies.length)]).append("\", \"operated\": ")
            .append(random.nextInt(10) > 0).append(", \"psychosocial_follow_up\": \"").append(random.nextBoolean() ? "yes" : "no")
            .append("\"}").append(p + 1 < patients ? "," : "").append("\n");
      }
      json.append("  ]\n}\n");
      Path file = dir.resolve(id.toLowerCase(Locale.ROOT) + ".json");
      Files.writeString(file, json);
      otherRows += patients;
      counted(file);
    }
  }

  // ---------------------------------------------------------------- partnerships (registry, Kobo survey, alert log)

  /** Countries as the registry and the alert log write them, and as the Kobo form codes them. */
  private static final String[][] PARTNER_COUNTRIES = {{"Madagascar", "madagascar"}, {"Cambodge", "cambodia"},
      {"Pakistan", "pakistan"}, {"Mali", "mali"}, {"Niger", "niger"}, {"Sénégal", "senegal"}, {"Burkina Faso", "burkina_faso"},
      {"Liban", "lebanon"}};
  private static final String[][] PARTNER_SECTIONS = {{"MdM France", "FR", "fr"}, {"MdM Belgique", "BE", "be"},
      {"MdM Suisse", "CH", "ch"}, {"MdM Espagne", "ES", "es"}};
  private static final String[] PARTNERSHIP_TYPES = {"Partenariat opérationnel", "opérationnel", "transfert",
      "Partenariat de transfert", "alliance", "Partenariat stratégique", "operational", "Transfer partnership"};
  private static final String[] AGREEMENTS = {"écrit", "tacite", "convention signée", "written", "tacit"};
  private static final String[] SURVEY_TYPES = {"operational", "service_provider", "transfer", "alliance", "strategic"};
  private static final String[][] ALERT_CATEGORIES = {{"Qualité des soins", "rouge"}, {"corruption", "rouge"},
      {"manque d'implication du partenaire", "orange"}, {"propos discriminants", "orange"}, {"quality of care", "red"},
      {"harcèlement moral et sexuel", "orange"}};

  /**
   * The partnerships family: one registry of {@code count} partnerships, a Kobo export of as many
   * survey submissions (six scores each) and an alert log of a tenth as many alerts.
   */
  private void writePartnerships(Path dir, long count, SplittableRandom random) throws IOException {
    Path registry = dir.resolve("partnership_registry.csv");
    try (Writer w = open(registry, StandardCharsets.UTF_8, false)) {
      w.write("Partenaire;Pays;Section;Type de partenariat;Accord;Date de début;Date de fin\n");
      for (long i = 0; i < count; i++) {
        String[] country = PARTNER_COUNTRIES[random.nextInt(PARTNER_COUNTRIES.length)];
        int year = 2019 + random.nextInt(6);
        int month = 1 + random.nextInt(12);
        String start = random.nextBoolean() ? String.format(Locale.ROOT, "%d-%02d-01", year, month)
            : String.format(Locale.ROOT, "01/%02d/%d", month, year);
        String end = random.nextInt(3) == 0 ? String.format(Locale.ROOT, "%d-%02d-28", year + 1, month) : "";
        w.write("Association partenaire " + (i + 1) + ";" + country[0] + ";" + PARTNER_SECTIONS[random.nextInt(PARTNER_SECTIONS.length)][0]
            + ";" + PARTNERSHIP_TYPES[random.nextInt(PARTNERSHIP_TYPES.length)] + ";" + AGREEMENTS[random.nextInt(AGREEMENTS.length)]
            + ";" + start + ";" + end + "\n");
        otherRows++;
      }
    }
    counted(registry);
    Path survey = dir.resolve("partner_survey_kobo_export.csv");
    try (Writer w = open(survey, StandardCharsets.UTF_8, false)) {
      w.write("start;end;today;deviceid;identification/country;identification/member_section;identification/partner_type;"
          + "identification/themes;identification/themes/srh;identification/themes/harm_reduction;identification/themes/migration;"
          + "identification/themes/surgery;identification/themes/emergency;identification/themes/gbv;quality/score_overall;"
          + "quality/score_communication;quality/score_co_construction;quality/score_transparency;quality/score_capacity_building;"
          + "quality/score_reciprocity;quality/comment;_id;_uuid;_submission_time;_validation_status;_notes;_status;_submitted_by;"
          + "__version__;_tags;_index\n");
      for (long i = 0; i < count; i++) {
        String day = String.format(Locale.ROOT, "%d-%02d-%02d", 2019 + random.nextInt(6), 1 + random.nextInt(12), 1 + random.nextInt(28));
        StringBuilder scores = new StringBuilder();
        for (int s = 0; s < 6; s++) {
          // a score left blank now and then, as respondents do
          scores.append(random.nextInt(8) == 0 ? "" : String.valueOf(1 + random.nextInt(4))).append(';');
        }
        String uuid = new java.util.UUID(random.nextLong(), random.nextLong()).toString();
        w.write(day + "T09:00:00.000+00:00;" + day + "T09:14:00.000+00:00;" + day + ";ee.kobotoolbox.org:synthetic;"
            + PARTNER_COUNTRIES[random.nextInt(PARTNER_COUNTRIES.length)][1] + ";" + PARTNER_SECTIONS[random.nextInt(PARTNER_SECTIONS.length)][2]
            + ";" + SURVEY_TYPES[random.nextInt(SURVEY_TYPES.length)] + ";srh;1;0;0;0;0;0;" + scores + "Commentaire;" + (90000000 + i)
            + ";" + uuid + ";" + day + "T09:15:00;" + (random.nextBoolean() ? "validation_status_approved" : "")
            + ";;submitted_via_web;;vSynth;;" + (i + 1) + "\n");
        otherRows++;
      }
    }
    counted(survey);
    Path alerts = dir.resolve("red_orange_alerts.csv");
    try (Writer w = open(alerts, StandardCharsets.UTF_8, false)) {
      w.write("alert_id,date_raised,date_closed,country,partner,member_section,category,level,description\n");
      for (long i = 0; i < Math.max(2, count / 10); i++) {
        int year = 2019 + random.nextInt(6);
        String[] category = ALERT_CATEGORIES[random.nextInt(ALERT_CATEGORIES.length)];
        w.write(String.format(Locale.ROOT, "AL-%d-%03d,%d-%02d-10,,", year, i + 1, year, 1 + random.nextInt(12))
            + PARTNER_COUNTRIES[random.nextInt(PARTNER_COUNTRIES.length)][0] + ",Association partenaire " + (1 + random.nextInt((int) Math.min(count, 1000)))
            + "," + PARTNER_SECTIONS[random.nextInt(PARTNER_SECTIONS.length)][1] + "," + category[0] + "," + category[1] + ",\n");
        otherRows++;
      }
    }
    counted(alerts);
  }

  // ---------------------------------------------------------------- helpers

  private static Writer open(Path file, Charset charset, boolean bom) throws IOException {
    Files.createDirectories(file.getParent());
    OutputStream out = Files.newOutputStream(file);
    if (bom) {
      out.write(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});
    }
    return new BufferedWriter(new OutputStreamWriter(out, charset), 1 << 16);
  }

  /** A file shipped with the generator (the samples' DHIS2 metadata and exchange rates, copied at build). */
  private static String resource(String name) throws IOException {
    try (var in = SyntheticDeliveries.class.getResourceAsStream("/generate/" + name)) {
      if (in == null) {
        throw new IOException("missing generate/" + name + " on the classpath: rebuild with ./palabre or mvn package");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  private void counted(Path file) throws IOException {
    files++;
    bytes += Files.size(file);
  }

  private static String join(String[] cells, char sep) {
    return String.join(String.valueOf(sep), cells);
  }

  private static String slug(String name) {
    return java.text.Normalizer.normalize(name, java.text.Normalizer.Form.NFD).replaceAll("\\p{M}", "")
        .toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-");
  }
}
