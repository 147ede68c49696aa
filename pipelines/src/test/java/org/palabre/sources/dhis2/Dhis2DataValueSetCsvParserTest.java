package org.palabre.sources.dhis2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import org.junit.jupiter.api.Test;

class Dhis2DataValueSetCsvParserTest {

  private static CollectingSink<Dhis2DataValue> read(String fixture) throws IOException {
    CollectingSink<Dhis2DataValue> sink = new CollectingSink<>();
    try (Reader r = Files.newBufferedReader(Fixtures.resource(fixture), StandardCharsets.UTF_8)) {
      Dhis2DataValueSetCsvParser.parse(r, sink);
    }
    return sink;
  }

  private static CollectingSink<Dhis2DataValue> readText(String csv) throws IOException {
    CollectingSink<Dhis2DataValue> sink = new CollectingSink<>();
    Dhis2DataValueSetCsvParser.parse(new StringReader(csv), sink);
    return sink;
  }

  @Test
  void readsByPositionWhateverTheHeaderSays() throws IOException {
    CollectingSink<Dhis2DataValue> sink = read("dvs_basic.csv");

    assertEquals(8, sink.total(), "8 data rows; the header and the blank line are not rows");
    assertEquals(5, sink.accepted.size());
    assertEquals(3, sink.rejected.size());

    assertEquals(new Dhis2DataValue("f7n9E0hX8qk", "201201", "DiszpKrYNg8", null, null, "10001",
        "john", null, "2012-01-01", "comment", false, false, null, null, 2),
        sink.accepted.get(0));

    Dhis2DataValue b = sink.accepted.get(1);
    assertEquals("Prlt0C1RF0s", b.categoryOptionCombo());
    assertEquals("HllvX50cXC0", b.attributeOptionCombo());
    assertEquals("17", b.value(), "cells are trimmed");
    assertTrue(b.followup(), "TRUE is true");
    assertFalse(b.deleted(), "no is false");
    assertNull(b.comment());
    assertEquals(3, b.sourceLine());
  }

  @Test
  void shortRowsLeaveTheMissingCellsEmpty() throws IOException {
    Dhis2DataValue c = read("dvs_basic.csv").accepted.get(2);
    assertEquals(new Dhis2DataValue("f7n9E0hX8qk", "2012Q1", "BdfsJfj87js", null, null, null,
        null, null, null, null, false, false, null, null, 4), c);
  }

  @Test
  void multiLineCellKeepsTheLineWhereTheRowStarts() throws IOException {
    CollectingSink<Dhis2DataValue> sink = read("dvs_basic.csv");
    Dhis2DataValue f = sink.accepted.get(3);
    assertEquals("a comment\non two lines", f.comment());
    assertEquals(8, f.sourceLine());
    assertTrue(f.followup(), "t is true");
    assertTrue(f.deleted(), "1 is true");

    Dhis2DataValue h = sink.accepted.get(4);
    assertEquals("6", h.value());
    assertEquals(11, h.sourceLine(), "the row after a two-line row");
    assertFalse(h.followup(), "0 is false");
    assertTrue(h.deleted(), "yes is true; the extra 12th cell is ignored");
  }

  @Test
  void rowsWithoutKeyColumnsAreRejectedNamingTheColumn() throws IOException {
    List<CollectingSink.Rejection> r = read("dvs_basic.csv").rejected;
    assertEquals(new CollectingSink.Rejection(6, "missing orgunit (column 3)",
        "Ix2HsbDMLea,201203,,,,3"), r.get(0));
    assertEquals(7, r.get(1).line());
    assertEquals("missing period (column 2)", r.get(1).reason());
    assertEquals(10, r.get(2).line());
    assertTrue(r.get(2).reason().startsWith("followup (column 10) is 'perhaps', not a boolean"),
        r.get(2).reason());
  }

  @Test
  void missingDataElementIsNamed() throws IOException {
    CollectingSink<Dhis2DataValue> sink = readText("h\n,201201,DiszpKrYNg8,,,1\n");
    assertEquals("missing dataelement (column 1)", sink.rejected.get(0).reason());
    assertEquals(2, sink.rejected.get(0).line());
  }

  @Test
  void brokenQuoteKeepsWhatWasReadAndStops() throws IOException {
    CollectingSink<Dhis2DataValue> sink = read("dvs_broken_quote.csv");
    assertEquals(1, sink.accepted.size());
    assertEquals("1", sink.accepted.get(0).value());
    assertEquals(1, sink.rejected.size());
    CollectingSink.Rejection r = sink.rejected.get(0);
    assertEquals(3, r.line());
    assertTrue(r.reason().startsWith("malformed CSV after line 2: "), r.reason());
    assertTrue(r.reason().contains("the rest of the file was not read (1 data rows"), r.reason());
  }

  @Test
  void headerOnlyAndEmptyInputsHaveNoRows() throws IOException {
    assertEquals(0, readText("").total());
    assertEquals(0, readText("dataelement,period,orgunit\n").total());
    assertEquals(0, readText("dataelement,period,orgunit").total());
  }

  @Test
  void aFirstRowIsAlwaysTheHeaderEvenIfItLooksLikeData() throws IOException {
    CollectingSink<Dhis2DataValue> sink =
        readText("f7n9E0hX8qk,201201,DiszpKrYNg8,,,1\r\nf7n9E0hX8qk,201202,DiszpKrYNg8,,,2");
    assertEquals(1, sink.accepted.size());
    assertEquals("201202", sink.accepted.get(0).period());
    assertEquals(2, sink.accepted.get(0).sourceLine());
  }
}
