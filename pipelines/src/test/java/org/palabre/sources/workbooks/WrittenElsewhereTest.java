package org.palabre.sources.workbooks;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Workbooks written by another program, LibreOffice 7.4 (how each was made is in {@code
 * src/test/resources/workbooks/README.md}): its own shared strings, styles, number formats,
 * merged cells and formula values, in .xlsx and in .xls, read as the generated workbook is.
 */
class WrittenElsewhereTest {

  private static final Path FOLDER = WorkbookSamples.folder();

  @Test
  void theSamusocialReportSavedByLibreOfficeReadsAsTheGeneratedOneInXlsxAndXls() throws IOException {
    Map<String, List<List<String>>> generated = SheetRows.cellsBySheet(WorkbookSamples.repository().resolve(WorkbookSamples.SAMUSOCIAL));
    for (String copy : List.of("SSBF_rapports_mensuels_2022-2023.libreoffice.xlsx",
        "SSBF_rapports_mensuels_2022-2023.libreoffice.xls")) {
      try (Workbook workbook = Workbooks.open(FOLDER.resolve(copy))) {
        assertEquals(copy.endsWith(".xls") ? "xls" : "xlsx", workbook.format());
        assertEquals(List.of(new IgnoredSheet("Listes", Workbooks.HIDDEN)), workbook.ignoredSheets(), copy);
        assertEquals(generated, SheetRows.cellsBySheet(workbook), copy);
        assertEquals(List.of(), workbook.notes(), copy);
      }
    }
  }

  @Test
  void theKoboCsvImportedByLibreOfficeReadsCellForCellAsTheCsv() throws IOException {
    List<List<String>> csv = WorkbookSamples.csv(WorkbookSamples.KOBO_CSV);
    Map<String, List<List<String>>> sheets =
        SheetRows.cellsBySheet(FOLDER.resolve("partner_survey_kobo_export.libreoffice.xlsx"));
    assertEquals(List.of("partner_survey_kobo_export"), List.copyOf(sheets.keySet()));
    assertEquals(csv, WorkbookSamplesTest.padded(sheets.get("partner_survey_kobo_export"), csv.get(0).size()));
  }
}
