package org.palabre.sources.mdm;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import java.util.TreeMap;
import org.palabre.lake.LakeTable;
import org.palabre.model.Delivery;
import org.palabre.model.FileLoad;
import org.palabre.model.InputFile;
import org.palabre.model.MissionRow;
import org.palabre.model.ParseSink;
import org.palabre.model.SurgicalPatientRow;
import org.palabre.privacy.Pseudonymiser;
import org.palabre.sources.FileParser;
import org.palabre.sources.FileRows;

/**
 * The mission family's {@link FileParser}: one mission sheet per file, read with {@link
 * MissionSheetParser}: the mission to {@code missions}, its patients (pseudonymised) to {@code
 * surgical_patients}, documents and patients that cannot be read to {@code rejected_rows} (without
 * their text: it is about patients), and one row of the file's accounting per mission document
 * and per patient entry. The pseudonymiser, with its key, travels to the workers inside this
 * parser; it is never logged or written.
 */
final class MissionSheetFiles implements FileParser {

  static final String KIND = "Opération Sourire mission sheet (JSON)";
  static final String ENCODING = "JSON (UTF-8/16/32 detected)";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Pseudonymiser pseudonymiser;
  private transient MissionSheetParser parser;

  MissionSheetFiles(Pseudonymiser pseudonymiser) {
    this.pseudonymiser = pseudonymiser;
  }

  @Override
  public void setup() {
    parser = MissionSheetParser.create(pseudonymiser);
  }

  @Override
  public FileLoad read(InputFile file, Delivery d, FileRows rows) throws IOException {
    if (parser == null) {
      setup();
    }
    long[] counts = new long[2]; // loaded, rejected
    ParseSink<MissionSheet> missions = new Counted<>(d, rows, counts) {
      @Override
      void write(MissionSheet m) {
        rows.add(LakeTable.MISSIONS, new MissionRow(d.runId(), d.sha256(), d.sourceFamily(), d.sourceFile(), m.line(),
            m.missionId(), m.sectionRaw(), m.countryRaw(), m.site(), m.startDate(), m.endDate(), team(m.teamByRole()),
            m.volunteers(), m.statusRaw(), m.transferPartner(), m.transferPlannedDate(), m.transferActualDate(),
            m.patientsListed()));
      }
    };
    ParseSink<SurgicalPatient> patients = new Counted<>(d, rows, counts) {
      @Override
      void write(SurgicalPatient p) {
        rows.add(LakeTable.SURGICAL_PATIENTS, new SurgicalPatientRow(d.runId(), d.sha256(), d.sourceFamily(),
            d.sourceFile(), p.line(), p.missionId(), p.patientPseudonym(), p.sexRaw(), p.ageYears(), p.pathologyLabel(),
            p.operated(), p.psychosocialFollowUp()));
      }
    };
    try (InputStream in = FileParser.open(file)) {
      parser.parse(in, missions, patients);
    } catch (FileRows.LakeWriteFailure e) {
      throw e;
    } catch (RuntimeException e) {
      // whatever the failure, its message may quote the sheet: only its kind goes into the reason
      throw new IOException(e.getClass().getSimpleName(), null);
    }
    return new FileLoad(d.runId(), file.deliveryKey(), file.sourceFamily(), file.relativeName(), KIND, ENCODING, "",
        counts[0] + counts[1], counts[0], counts[1], counts[0], "");
  }

  @Override
  public String whatToCheck() {
    return "check that it is a JSON mission sheet and re-deliver it";
  }

  /** A mission sheet holds patients: one rejected whole is not kept in the lake. */
  @Override
  public boolean keepsRejectedFiles() {
    return false;
  }

  /** {@code {"chirurgiens":2,"nurse":3}}: head counts by role as written, never names; null for no team. */
  static String team(Map<String, Integer> byRole) {
    if (byRole.isEmpty()) {
      return null;
    }
    try {
      return JSON.writeValueAsString(new TreeMap<>(byRole));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write a team as JSON", e);
    }
  }

  /** Counts what a parser accepted and rejected; rejections go to {@code rejected_rows} without raw text. */
  private abstract static class Counted<T> implements ParseSink<T> {
    private final Delivery delivery;
    private final FileRows rows;
    private final long[] counts;

    Counted(Delivery delivery, FileRows rows, long[] counts) {
      this.delivery = delivery;
      this.rows = rows;
      this.counts = counts;
    }

    abstract void write(T record);

    @Override
    public void accept(T record) {
      counts[0]++;
      write(record);
    }

    @Override
    public void reject(long line, String reason, String raw) {
      counts[1]++;
      rows.add(LakeTable.REJECTED_ROWS, delivery.rejection(line, reason, ""));
    }
  }
}
