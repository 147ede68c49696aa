package org.palabre.sources.iati;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.palabre.codes.OrganisationDirectory;
import org.palabre.lake.LakeTable;
import org.palabre.model.Delivery;
import org.palabre.model.FileLoad;
import org.palabre.model.InputFile;
import org.palabre.model.Rejection;
import org.palabre.model.iati.IatiActivityRow;
import org.palabre.model.iati.IatiBudgetRow;
import org.palabre.model.iati.IatiParticipatingOrgRow;
import org.palabre.model.iati.IatiResultRow;
import org.palabre.model.iati.IatiTransactionRow;
import org.palabre.money.ExchangeRates;
import org.palabre.money.RateTable;
import org.palabre.sources.FileParser;
import org.palabre.sources.LakeRowSink;
import org.palabre.sources.reference.RateSheets;

/**
 * The IATI family's {@link FileParser}: reads whole IATI activity files as a stream (StAX, one
 * activity in memory at a time): activities, participating organisations, budgets, transactions
 * and result periods to their lake tables, rejections to {@code rejected_rows}, through {@link
 * LakeRowSink}. The exchange-rate tables (the family's context files) are read once per worker, line
 * by line: a bad line of a table leaves out that rate only, and the load report of every IATI file
 * notes it; a table that cannot be opened at all rejects every value with the reason, it never
 * stops the run. A file that breaks off keeps what was read before the break (its reading never
 * throws, so {@link org.palabre.sources.ReadFileFn} never rejects it whole).
 */
final class IatiActivityFiles implements FileParser {

  private static final Pattern DECLARED_ENCODING = Pattern.compile("encoding\\s*=\\s*[\"']([A-Za-z0-9._-]+)[\"']");

  private final List<InputFile> rateTables;

  private transient IatiActivityParser parser;
  private transient ActivityMembers members;
  private transient ExchangeRates rates;
  private transient String ratesProblem;

  IatiActivityFiles(List<InputFile> rateTables) {
    this.rateTables = List.copyOf(rateTables);
  }

  @Override
  public void setup() {
    parser = new IatiActivityParser();
    members = new ActivityMembers(new OrganisationDirectory());
    try {
      List<RateTable> tables = new ArrayList<>();
      for (InputFile table : rateTables) {
        tables.addAll(RateSheets.of(java.nio.file.Path.of(table.path()), table.relativeName()));
      }
      rates = ExchangeRates.of(tables); // a bad line leaves out that line only (ExchangeRates.notes)
    } catch (IOException | RuntimeException e) {
      rates = null;
      ratesProblem = e.getMessage() == null ? e.toString() : e.getMessage();
    }
  }

  @Override
  public String whatToCheck() {
    return "check that it is an IATI activity XML file and deliver it again";
  }

  /** An XML file has no header row: the reading does not look for one of a list of people. */
  @Override
  public boolean screensListsOfPeople() {
    return false;
  }

  @Override
  public FileLoad read(InputFile file, Delivery delivery, LakeRowSink lake) {
    IatiLakeRows rows = new IatiLakeRows(delivery, rates, ratesProblem, members, new IatiLakeRows.Output() {
      @Override
      public void activity(IatiActivityRow row) {
        lake.add(LakeTable.IATI_ACTIVITIES, row);
      }

      @Override
      public void participatingOrg(IatiParticipatingOrgRow row) {
        lake.add(LakeTable.IATI_PARTICIPATING_ORGS, row);
      }

      @Override
      public void budget(IatiBudgetRow row) {
        lake.add(LakeTable.IATI_BUDGETS, row);
      }

      @Override
      public void transaction(IatiTransactionRow row) {
        lake.add(LakeTable.IATI_TRANSACTIONS, row);
      }

      @Override
      public void result(IatiResultRow row) {
        lake.add(LakeTable.IATI_RESULTS, row);
      }

      @Override
      public void rejected(Rejection rejection) {
        lake.add(LakeTable.REJECTED_ROWS, rejection);
      }
    });
    String encoding = "";
    try (InputStream in = new BufferedInputStream(FileParser.open(file))) {
      encoding = declaredEncoding(in);
      parser.forRunDate(org.palabre.text.Periods.runDate(delivery.runId())).parse(in, rows);
    } catch (LakeRowSink.LakeWriteFailure e) {
      throw e; // the lake, not the file, is at fault: fail the bundle (Beam retries it)
    } catch (IOException | RuntimeException e) {
      rows.reject(0, "the file could not be read: " + e + "; check that it is an IATI activity XML file and deliver it"
          + " again (what was read before the failure stays loaded)", "");
    }
    return new FileLoad(delivery.runId(), file.deliveryKey(), file.sourceFamily(),
        file.relativeName(), rows.fileKind(), encoding, "", rows.rowsLoaded() + rows.rowsRejected(), rows.rowsLoaded(),
        rows.rowsRejected(), rows.recordsWritten(), rows.warnings());
  }

  /**
   * The encoding the file declares (byte-order mark, else the XML declaration, else UTF-8), for the
   * load report; the parser finds it on its own. Leaves the stream where it was.
   */
  static String declaredEncoding(InputStream in) throws IOException {
    in.mark(512);
    byte[] head = in.readNBytes(512);
    in.reset();
    if (head.length >= 3 && (head[0] & 0xFF) == 0xEF && (head[1] & 0xFF) == 0xBB && (head[2] & 0xFF) == 0xBF) {
      return "UTF-8 (BOM)";
    }
    if (head.length >= 2 && ((head[0] & 0xFF) == 0xFE || (head[0] & 0xFF) == 0xFF)) {
      return "UTF-16";
    }
    String text = new String(head, StandardCharsets.ISO_8859_1);
    int end = text.indexOf("?>");
    Matcher m = DECLARED_ENCODING.matcher(text.startsWith("<?xml") && end > 0 ? text.substring(0, end) : "");
    return m.find() ? m.group(1).toUpperCase(java.util.Locale.ROOT) : "UTF-8";
  }
}
