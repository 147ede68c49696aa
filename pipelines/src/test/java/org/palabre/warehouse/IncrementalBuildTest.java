package org.palabre.warehouse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.palabre.RunningPalabre;
import org.palabre.lake.Lake;
import org.palabre.serve.AudienceWarehouses;

/**
 * An incremental build gives the warehouse {@code build --full} gives from the same lake, mart for
 * mart and row for row ({@link WarehouseComparison}: every relation of every schema but
 * {@code meta}), after each step of a sequence drawn with a fixed seed from what members do (each
 * kind once, in a drawn order, then more drawn at random): a new monthly report, a report
 * corrected under its own name or under a new one, a file renamed, a DHIS2 export re-sent with a
 * corrected value, a delivery withdrawn, a mapping line closed (and opened again: the figures of
 * that measure are updated, not their whole deliveries), and a mapping line toggled in the same run
 * as a new report. The runs are real {@code palabre run} and {@code palabre withdraw} commands on
 * a copy of some files of each family of {@code data-samples/}.
 */
class IncrementalBuildTest {

  @TempDir Path dir;

  private static final Path SAMPLES = Path.of("data-samples");
  private static final long SEED = 20261201L;
  private static final int STEPS = 9;
  /** A few files of each kind of the samples: monthly reports, trainings, HXL, DHIS2, a mission, an alert log, the calendar. */
  private static final List<String> FILES = List.of("samusocial/pointe-noire", "samusocial/formations_professionnels_2023_2024.csv",
      "samusocial/senegal", "dhis2/metadata_mali_pads.json", "dhis2/dataValueSet_sessions_kayes_2017.json",
      "missions/os-kh-2022-01.json", "partnerships/red_orange_alerts.csv", "reference/expected_reports.csv", ".palabre-sample-data");

  private Path input;
  private Path lake;
  private Path warehouse;
  private Path schemas;
  private boolean mappingChanged;
  private int newMonths;

  @Test
  void everyIncrementalBuildOfARandomSequenceEqualsAFullBuildOfTheSameLake() throws Exception {
    input = dir.resolve("input");
    lake = dir.resolve("lake");
    warehouse = dir.resolve("wh/palabre.duckdb");
    schemas = dir.resolve("schemas-changed");
    for (String file : FILES) {
      copyTree(SAMPLES.resolve(file), input.resolve(file));
    }
    // the mapping change: the samples' "personnes rencontrees" column maps to people_reached until March 2023 only
    String columns = Files.readString(Path.of("schemas/mappings/samusocial_columns.csv"), StandardCharsets.UTF_8);
    String closed = columns.replace("\nreport,personnes rencontrees,people_reached,,,,,\n",
        "\nreport,personnes rencontrees,people_reached,,,,2023-03-31,\n");
    assertTrue(!closed.equals(columns), "the mapping line to close is in schemas/mappings/samusocial_columns.csv");
    Files.createDirectories(schemas.resolve("mappings"));
    Files.writeString(schemas.resolve("mappings/samusocial_columns.csv"), closed, StandardCharsets.UTF_8);
    RunningPalabre.Outcome first = run();
    assertTrue(first.output().contains("full build (there is no published warehouse"), first.output());
    int relations = WarehouseComparison.relationCount(warehouse);
    assertTrue(relations > 100, "the warehouse has its relations: " + relations);
    Path firstWarehouse = dir.resolve("wh/first.duckdb");
    Files.copy(warehouse, firstWarehouse);

    Random random = new Random(SEED);
    // every kind of change once, in an order drawn with the seed, then more drawn at random
    List<Integer> kinds = new ArrayList<>(List.of(0, 1, 2, 3, 4, 5, 6, 7));
    java.util.Collections.shuffle(kinds, random);
    List<String> done = new ArrayList<>();
    int updatedByDelivery = 0;
    int cutOff = 0;
    int observationsUpdated = 0;
    int updatedByCode = 0;
    int audienceMartsKept = 0;
    for (int step = 1; step <= STEPS; step++) {
      String what = change(step <= kinds.size() ? kinds.get(step - 1) : random.nextInt(8), random);
      done.add(what);
      RunningPalabre.Outcome outcome = what.startsWith("withdrew") ? lastOutcome : run();
      String log = outcome.output();
      if (!log.contains("nothing new to ingest") || !log.contains("Nothing new: the warehouse is up to date")) {
        assertTrue(log.contains("incremental build:"), what + ": the build started from the published warehouse\n" + log);
      }
      if (log.contains("updated by delivery") && !log.contains(" 0 updated by delivery")) {
        updatedByDelivery++;
      }
      if (log.contains("(rebuilt: no row changed)")) {
        cutOff++;
      }
      if (java.util.regex.Pattern.compile("core\\.fct_observations .*\\(\\d+ deliveries: -").matcher(log).find()) {
        observationsUpdated++;
      }
      // (the mapped figures are a view the change passes through: the figure versions are the table updated by code)
      if (java.util.regex.Pattern.compile("intermediate\\.int_figure_versions .*of them for \\d+ measure values only\\): -")
          .matcher(log).find()) {
        updatedByCode++;
      }
      if (log.contains("kept from the files before")) {
        audienceMartsKept++;
      }
      // the full build in a folder of its own: its audience files are made from nothing
      Path full = dir.resolve("full-" + step + "/palabre.duckdb");
      RunningPalabre.Outcome fullBuild = RunningPalabre.inProcess(withSchemas("build", "--full", "--lake", lake.toString(),
          "--warehouse", full.toString()));
      assertEquals(0, fullBuild.exit(), fullBuild.output());
      Map<String, String> differences = WarehouseComparison.differences(warehouse, full);
      assertTrue(differences.isEmpty(), "after " + done + ", the incremental warehouse differs from build --full:\n"
          + String.join("\n", differences.entrySet().stream().map(e -> e.getKey() + ": " + e.getValue()).toList()));
      // and every audience file, written again only where its rows changed, equals the one made from nothing
      List<String> audiences = audienceFiles(warehouse);
      assertEquals(audienceFiles(full), audiences, "after " + done + ": the same audience files");
      for (String audience : audiences) {
        Map<String, String> audienceDifferences = WarehouseComparison.differences(
            AudienceWarehouses.folder(warehouse).resolve(audience), AudienceWarehouses.folder(full).resolve(audience));
        assertTrue(audienceDifferences.isEmpty(), "after " + done + ", the audience file " + audience + " differs from the one of"
            + " build --full: " + audienceDifferences);
      }
      deleteTree(full.getParent());
    }
    assertTrue(WarehouseComparison.differences(warehouse, firstWarehouse).containsKey("marts.observations"),
        "the comparison sees what the sequence changed in the figures");
    System.out.println("IncrementalBuildTest, seed " + SEED + ": " + done);
    assertTrue(updatedByDelivery >= 2, "models were updated by delivery, not only rebuilt, in " + updatedByDelivery + " steps of " + done);
    assertTrue(observationsUpdated >= 1, "core.fct_observations was updated by delivery in " + observationsUpdated + " steps of " + done);
    assertTrue(updatedByCode >= 1, "a mapping change updated the figures of the measure it maps, not of whole deliveries, in "
        + updatedByCode + " steps of " + done);
    assertTrue(audienceMartsKept >= 1, "the audience files kept the marts whose rows had not changed in " + audienceMartsKept
        + " steps of " + done);
    assertTrue(cutOff >= 1, "a model rebuilt to the same rows kept the models after it in " + cutOff + " steps of " + done);
  }

  private RunningPalabre.Outcome lastOutcome;

  private RunningPalabre.Outcome run() {
    RunningPalabre.Outcome outcome = RunningPalabre.inProcess(withSchemas("run", "--input", input.toString(), "--lake",
        lake.toString(), "--warehouse", warehouse.toString()));
    assertEquals(0, outcome.exit(), outcome.output());
    return outcome;
  }

  private String[] withSchemas(String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    if (mappingChanged) {
      all.addAll(List.of("--schemas", schemas.toString()));
    }
    return all.toArray(String[]::new);
  }

  private String change(int kind, Random random) throws Exception {
    return switch (kind) {
      case 0 -> addReport(random);
      case 1 -> correctReport(random, false);
      case 2 -> correctReport(random, true);
      case 3 -> rename(random);
      case 4 -> resendDhis2(random);
      case 5 -> withdraw(random);
      case 6 -> toggleMapping();
      // both at once: some deliveries change whole, others for the mapped measure only
      default -> toggleMapping() + " and " + addReport(random);
    };
  }

  private Path pointeNoire() {
    return input.resolve("samusocial/pointe-noire");
  }

  private static String report(String month, Random random) {
    return "dispositif,pays,mois,maraudes,personnes_rencontrees,dont_femmes,dont_mineurs,consultations_medicales,"
        + "entretiens_psychosociaux,nuitees_hebergement,orientations\n"
        + "Samusocial Pointe-Noire,Congo," + month + "," + (10 + random.nextInt(30)) + "," + (100 + random.nextInt(200)) + ","
        + random.nextInt(90) + "," + random.nextInt(60) + "," + (50 + random.nextInt(100)) + "," + random.nextInt(60) + ","
        + (100 + random.nextInt(200)) + "," + random.nextInt(30) + "\n";
  }

  private String addReport(Random random) throws Exception {
    String month = String.format("%02d/2023", 7 + newMonths++);
    Path file = pointeNoire().resolve("SSPN_rapport_2023-" + month.substring(0, 2) + ".csv");
    Files.writeString(file, report(month, random), StandardCharsets.UTF_8);
    return "added " + file.getFileName();
  }

  private List<Path> reports() throws Exception {
    try (Stream<Path> files = Files.list(pointeNoire())) {
      return files.filter(p -> p.toString().endsWith(".csv")).sorted().toList();
    }
  }

  private String correctReport(Random random, boolean underNewName) throws Exception {
    List<Path> reports = reports();
    Path file = reports.get(random.nextInt(reports.size()));
    String month = file.getFileName().toString().replaceAll(".*2023-(\\d\\d).*", "$1") + "/2023";
    Path target = underNewName ? file.resolveSibling(file.getFileName().toString().replace(".csv", "_corrige.csv")) : file;
    Files.writeString(target, report(month, random), StandardCharsets.UTF_8);
    return "corrected " + file.getFileName() + (underNewName ? " as " + target.getFileName() : "");
  }

  private String rename(Random random) throws Exception {
    List<Path> reports = reports();
    Path file = reports.get(random.nextInt(reports.size()));
    Path renamed = file.resolveSibling(file.getFileName().toString().replace(".csv", "_renomme.csv"));
    Files.move(file, renamed, StandardCopyOption.REPLACE_EXISTING);
    return "renamed " + file.getFileName();
  }

  /** The Kayes sessions export again with one value changed: DHIS2 re-exports replace earlier values. */
  private String resendDhis2(Random random) throws Exception {
    Path file = input.resolve("dhis2/dataValueSet_sessions_kayes_2017.json");
    String json = Files.readString(file, StandardCharsets.UTF_8);
    String changed = json.replaceFirst("\"value\"\\s*:\\s*\"\\d+\"", "\"value\": \"" + (1 + random.nextInt(500)) + "\"");
    assertTrue(!changed.equals(json), "a value of the DHIS2 export changed");
    Files.writeString(file, changed, StandardCharsets.UTF_8);
    return "re-sent the Kayes DHIS2 export";
  }

  private String withdraw(Random random) throws Exception {
    List<Lake.DeliveryMarker> samusocial = new Lake(lake).deliveries().values().stream()
        .filter(m -> m.sourceFile().contains("pointe-noire")).sorted((a, b) -> a.sourceFile().compareTo(b.sourceFile())).toList();
    Lake.DeliveryMarker chosen = samusocial.get(random.nextInt(samusocial.size()));
    lastOutcome = RunningPalabre.inProcess(withSchemas("withdraw", chosen.sha256(), "--lake", lake.toString(), "--warehouse",
        warehouse.toString()));
    assertEquals(0, lastOutcome.exit(), lastOutcome.output());
    return "withdrew " + chosen.sourceFile();
  }

  private String toggleMapping() {
    mappingChanged = !mappingChanged;
    return mappingChanged ? "closed a mapping line" : "reopened the mapping line";
  }

  private static List<String> audienceFiles(Path warehouse) throws Exception {
    try (Stream<Path> files = Files.list(AudienceWarehouses.folder(warehouse))) {
      return files.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  private static void deleteTree(Path folder) throws Exception {
    try (Stream<Path> files = Files.walk(folder)) {
      for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }

  /** Copies a file or a folder, with the files' times (a file's time is part of what the ingest knows of it). */
  static void copyTree(Path from, Path to) throws Exception {
    try (Stream<Path> walk = Files.walk(from)) {
      for (Path p : walk.toList()) {
        Path target = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(target);
        } else {
          Files.createDirectories(target.getParent());
          Files.copy(p, target, StandardCopyOption.COPY_ATTRIBUTES);
        }
      }
    }
  }
}
