package org.palabre.sources.mdm;

import java.io.InputStream;
import java.nio.channels.Channels;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.transforms.DoFn;
import org.palabre.lake.LakeTable;
import org.palabre.model.Delivery;
import org.palabre.model.FileLoad;
import org.palabre.model.InputFile;
import org.palabre.model.MissionRow;
import org.palabre.model.ParseSink;
import org.palabre.model.SurgicalPatientRow;
import org.palabre.privacy.Pseudonymiser;
import org.palabre.sources.FileRows;

/**
 * Reads one mission sheet per element with {@link MissionSheetParser}: the mission to {@code
 * missions}, its patients (pseudonymised) to {@code surgical_patients}, bad documents and patients
 * to {@code rejected_rows}, and the file's accounting (one row per mission document and per patient
 * entry) to the file loads, whose warnings list the pathology spellings the mapping does not know.
 * Rows go through {@link FileRows}: as elements, or straight into the file's Parquet parts when a
 * staging root is given.
 */
final class ReadMissionSheetsFn extends DoFn<InputFile, MissionRow> {

  private final String runId;
  private final Pseudonymiser pseudonymiser;
  private final String stagingRoot;
  private final Counter loaded = Metrics.counter("missions", "rows_loaded");
  private final Counter rejected = Metrics.counter("missions", "rows_rejected");
  private transient LabelMapping sections;
  private transient LabelMapping statuses;
  private transient LabelMapping roles;
  private transient LabelMapping sexes;
  private transient LabelMapping pathologies;

  /** @param stagingRoot where to write the files' Parquet parts; null sends the rows on as elements */
  ReadMissionSheetsFn(String runId, Pseudonymiser pseudonymiser, String stagingRoot) {
    this.runId = runId;
    this.pseudonymiser = pseudonymiser;
    this.stagingRoot = stagingRoot;
  }

  @Setup
  public void setup() {
    sections = LabelMapping.load("schemas/mappings/mdm_sections.csv");
    statuses = LabelMapping.load("schemas/mappings/mission_statuses.csv");
    roles = LabelMapping.load("schemas/mappings/team_roles.csv");
    sexes = LabelMapping.load("schemas/mappings/sex_labels.csv");
    pathologies = LabelMapping.load(PathologyMapping.RESOURCE);
  }

  @ProcessElement
  public void processElement(@Element InputFile file, MultiOutputReceiver out) {
    try (FileRows rows = FileRows.of(stagingRoot, file, out)) {
      read(file, rows);
    }
  }

  private void read(InputFile file, FileRows rows) {
    Delivery d = Delivery.of(runId, file);
    // a parser per file, so that the unmapped pathologies it collects are this file's
    MissionSheetParser parser = new MissionSheetParser(pseudonymiser, new PathologyMapping(pathologies),
        org.palabre.codes.CountryCodes.get(), sections, statuses, roles, sexes);
    long[] counts = new long[2]; // loaded, rejected
    ParseSink<MissionSheet> missions = new ParseSink<>() {
      @Override
      public void accept(MissionSheet m) {
        counts[0]++;
        rows.add(LakeTable.MISSIONS, new MissionRow(d.runId(), d.sha256(), d.sourceFamily(), d.sourceFile(), m.line(),
            m.missionId(), m.section(), m.countryRaw(), m.countryIso2(), m.site(), m.startDate(), m.endDate(),
            team(m.teamByRole()), m.volunteers(), m.status(), m.transferPartner(), m.transferPlannedDate(),
            m.transferActualDate(), m.patientsListed()));
      }

      @Override
      public void reject(long line, String reason, String raw) {
        counts[1]++;
        rows.add(LakeTable.REJECTED_ROWS, d.rejection(line, reason, raw));
      }
    };
    ParseSink<SurgicalPatient> patients = new ParseSink<>() {
      @Override
      public void accept(SurgicalPatient p) {
        counts[0]++;
        rows.add(LakeTable.SURGICAL_PATIENTS, new SurgicalPatientRow(d.runId(), d.sha256(), d.sourceFamily(),
            d.sourceFile(), p.line(), p.missionId(), p.patientPseudonym(), p.sex(), p.ageYears(), p.ageGroup(),
            p.pathologyRaw(), p.pathology(), p.operated(), p.psychosocialFollowUp()));
      }

      @Override
      public void reject(long line, String reason, String raw) {
        counts[1]++;
        rows.add(LakeTable.REJECTED_ROWS, d.rejection(line, reason, raw));
      }
    };
    String kind = "Opération Sourire mission sheet (JSON)";
    try (InputStream in = Channels.newInputStream(FileSystems.open(FileSystems.matchNewResource(file.path(), false)))) {
      parser.parse(in, missions, patients);
    } catch (FileRows.LakeWriteFailure e) {
      throw e; // the lake, not the file, is at fault: fail the bundle (Beam retries it)
    } catch (Exception e) {
      // what was sent before the failure stays sent and counted; the whole file adds one rejection
      // the message of an I/O failure names the file, never its content
      missions.reject(0, "the file could not be read: " + e.getClass().getSimpleName()
          + "; check that it is a JSON mission sheet and re-deliver it", "");
      kind = "unreadable";
    }
    loaded.inc(counts[0]);
    rejected.inc(counts[1]);
    rows.add(LakeTable.FILE_LOADS, new FileLoad(runId, file.deliveryKey(), file.sourceFamily(), file.relativeName(),
        kind, "JSON (UTF-8/16/32 detected)", "", counts[0] + counts[1], counts[0], counts[1], counts[0],
        warnings(parser.pathologies().unmappedLabels())));
  }

  /** {@code surgeon:3, nurse:3}: head counts only, never names. */
  static String team(Map<String, Integer> byRole) {
    return byRole.isEmpty() ? null
        : new java.util.TreeMap<>(byRole).entrySet().stream().map(e -> e.getKey() + ":" + e.getValue()).collect(Collectors.joining(", "));
  }

  private static String warnings(Map<String, Long> unmapped) {
    StringBuilder w = new StringBuilder();
    if (!unmapped.isEmpty()) {
      w.append("pathologies not in schemas/mappings/pathologies.csv, loaded as 'other': ")
          .append(unmapped.entrySet().stream().map(e -> "'" + e.getKey() + "' (" + e.getValue() + ")")
              .collect(Collectors.joining(", ")));
    }
    return w.toString();
  }
}
