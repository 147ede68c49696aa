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
import org.palabre.sources.RowTally;
import org.palabre.sources.FileParser;
import org.palabre.sources.LakeRowSink;

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
  public FileLoad read(InputFile file, Delivery d, LakeRowSink rows) throws IOException {
    if (parser == null) {
      setup();
    }
    RowTally tally = new RowTally(d, rows);
    ParseSink<MissionSheet> missions = withoutRawText(tally.sink(m -> tally.add(LakeTable.MISSIONS, new MissionRow(
        d.runId(), d.sha256(), d.sourceFamily(), d.sourceFile(), m.line(), m.missionId(), m.sectionRaw(), m.countryRaw(),
        m.site(), m.startDate(), m.endDate(), team(m.teamByRole()), m.volunteers(), m.statusRaw(), m.transferPartner(),
        m.transferPlannedDate(), m.transferActualDate(), m.patientsListed()))));
    ParseSink<SurgicalPatient> patients = withoutRawText(tally.sink(p -> tally.add(LakeTable.SURGICAL_PATIENTS,
        new SurgicalPatientRow(d.runId(), d.sha256(), d.sourceFamily(), d.sourceFile(), p.line(), p.missionId(),
            p.patientPseudonym(), p.sexRaw(), p.ageYears(), p.pathologyLabel(), p.operated(), p.psychosocialFollowUp()))));
    try (InputStream in = FileParser.open(file)) {
      parser.forRunDate(org.palabre.text.Periods.runDate(d.runId())).parse(in, missions, patients);
    } catch (LakeRowSink.LakeWriteFailure e) {
      throw e;
    } catch (RuntimeException e) {
      // whatever the failure, its message may quote the sheet: only its kind goes into the reason
      throw new IOException(e.getClass().getSimpleName(), null);
    }
    return tally.fileLoad(file, KIND, ENCODING, "", "");
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

  /** A sink whose rejections keep no raw text: a mission sheet is about patients. */
  private static <T> ParseSink<T> withoutRawText(ParseSink<T> sink) {
    return new ParseSink<>() {
      @Override
      public void accept(T record) {
        sink.accept(record);
      }

      @Override
      public void reject(long line, String reason, String raw) {
        sink.reject(line, reason, "");
      }
    };
  }
}
