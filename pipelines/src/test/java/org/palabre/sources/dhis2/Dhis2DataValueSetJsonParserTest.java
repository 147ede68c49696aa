package org.palabre.sources.dhis2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class Dhis2DataValueSetJsonParserTest {

  private static CollectingSink<Dhis2DataValue> read(String fixture) throws IOException {
    CollectingSink<Dhis2DataValue> sink = new CollectingSink<>();
    Dhis2DataValueSetJsonParser.parse(Fixtures.resource(fixture), sink);
    return sink;
  }

  private static CollectingSink<Dhis2DataValue> readText(String json) throws IOException {
    byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
    CollectingSink<Dhis2DataValue> sink = new CollectingSink<>();
    Dhis2DataValueSetJsonParser.parse(() -> new ByteArrayInputStream(bytes), sink);
    return sink;
  }

  @Test
  void headerBeforeValuesAppliesWhereTheValueIsSilent() throws IOException {
    CollectingSink<Dhis2DataValue> sink = read("dvs_header_first.json");

    assertEquals(9, sink.total(), "every dataValues element ends in accept or reject");
    assertEquals(5, sink.accepted.size());
    assertEquals(4, sink.rejected.size());

    assertEquals(new Dhis2DataValue("f7n9E0hX8qk", "201503", "DiszpKrYNg8", null, "HllvX50cXC0",
        "12", "admin", "2015-04-02T10:00:00.000", "2015-04-03T11:00:00.000", null, false, false,
        "pBOMPrpg1QX", "2015-04-10", 8), sink.accepted.get(0));

    Dhis2DataValue own = sink.accepted.get(1);
    assertEquals("201504", own.period(), "the value's own period wins over the header");
    assertEquals("BdfsJfj87js", own.orgUnit());
    assertEquals("Xr12mI7VPn3", own.attributeOptionCombo());
    assertEquals("Prlt0C1RF0s", own.categoryOptionCombo());
    assertEquals("7.50", own.value(), "a JSON number keeps its written form");
    assertEquals("estimated", own.comment());
    assertTrue(own.followup());
    assertEquals(10, own.sourceLine());

    Dhis2DataValue nullValue = sink.accepted.get(2);
    assertNull(nullValue.value());
    assertNull(nullValue.categoryOptionCombo(), "an empty combo is the default combo");
    assertEquals(13, nullValue.sourceLine());

    Dhis2DataValue deleted = sink.accepted.get(3);
    assertTrue(deleted.deleted());
    assertEquals("3", deleted.value());

    assertNull(sink.accepted.get(4).value(), "a missing value field is a null value");
    assertEquals(15, sink.accepted.get(4).sourceLine());
  }

  @Test
  void structuralProblemsAreRejectedWithLineAndReason() throws IOException {
    List<CollectingSink.Rejection> r = read("dvs_header_first.json").rejected;

    assertEquals(16, r.get(0).line());
    assertTrue(r.get(0).reason().contains("'value' must be a string or a number"), r.get(0).reason());

    assertEquals(17, r.get(1).line());
    assertTrue(r.get(1).reason().startsWith("missing dataElement "), r.get(1).reason());
    assertEquals("{\"value\":\"5\"}", r.get(1).raw());

    assertEquals(18, r.get(2).line());
    assertTrue(r.get(2).reason().contains("not a JSON object"), r.get(2).reason());
    assertEquals("not an object", r.get(2).raw());

    assertEquals(19, r.get(3).line());
    assertTrue(r.get(3).reason().contains("'followup' is 'maybe', not a boolean"),
        r.get(3).reason());
  }

  @Test
  void headerAfterTheValuesStillApplies() throws IOException {
    CollectingSink<Dhis2DataValue> sink = read("dvs_header_last.json");

    assertEquals(List.of(), sink.rejected);
    assertEquals(3, sink.accepted.size());
    Dhis2DataValue first = sink.accepted.get(0);
    assertEquals("2015W53", first.period());
    assertEquals("DiszpKrYNg8", first.orgUnit());
    assertEquals("pBOMPrpg1QX", first.dataSet());
    assertEquals("2016-01-05", first.completeDate(), "completedDate is read as completeDate");
    assertEquals(2, first.sourceLine());
    assertEquals("BdfsJfj87js", sink.accepted.get(1).orgUnit());
    assertEquals("2015W53", sink.accepted.get(1).period());
    assertEquals("2015Q2", sink.accepted.get(2).period());
    assertEquals("DiszpKrYNg8", sink.accepted.get(2).orgUnit());
  }

  @Test
  void withoutHeaderAValueMissingItsOrgUnitIsRejected() throws IOException {
    CollectingSink<Dhis2DataValue> sink = readText(
        "{\"dataValues\":[{\"dataElement\":\"a\",\"period\":\"2015\",\"value\":\"1\"}]}");
    assertEquals(0, sink.accepted.size());
    assertEquals(1, sink.rejected.size());
    assertEquals("missing orgUnit (neither on the data value nor in the data value set header)",
        sink.rejected.get(0).reason());
    assertEquals(1, sink.rejected.get(0).line());
  }

  @Test
  void malformedJsonKeepsWhatWasReadAndStopsWithLineAndColumn() throws IOException {
    CollectingSink<Dhis2DataValue> sink = read("dvs_malformed.json");

    assertEquals(List.of("1", "2"), sink.accepted.stream().map(Dhis2DataValue::value).toList());
    assertEquals(1, sink.rejected.size());
    CollectingSink.Rejection r = sink.rejected.get(0);
    assertEquals(7, r.line());
    assertTrue(r.reason().startsWith("malformed JSON at line 7, column "), r.reason());
    assertTrue(r.reason().contains("the rest of the file was not read"), r.reason());
    assertTrue(r.reason().contains("2 data values before this point were read"), r.reason());
    assertTrue(r.raw().contains("\"value\":\"3\""), "raw keeps the broken value: " + r.raw());
  }

  @Test
  void truncatedFileIsRejectedAtItsEnd() throws IOException {
    CollectingSink<Dhis2DataValue> sink = read("dvs_truncated.json");
    assertEquals(1, sink.accepted.size());
    assertEquals(1, sink.rejected.size());
    assertTrue(sink.rejected.get(0).reason().startsWith("malformed JSON at line 3"),
        sink.rejected.get(0).reason());
    assertTrue(sink.rejected.get(0).reason().contains("the rest of the file was not read"));
  }

  @Test
  void filesThatAreNotDataValueSetsAreRejectedWhole() throws IOException {
    for (String fixture : List.of("not_a_dvs.json", "top_level_array.json", "empty.json")) {
      CollectingSink<Dhis2DataValue> sink = read(fixture);
      assertEquals(0, sink.accepted.size(), fixture);
      assertEquals(1, sink.rejected.size(), fixture);
      assertEquals(0, sink.rejected.get(0).line(), fixture);
    }
    assertTrue(read("not_a_dvs.json").rejected.get(0).reason()
        .contains("no top-level dataValues array"));
    assertTrue(read("top_level_array.json").rejected.get(0).reason()
        .contains("starts with START_ARRAY"));
    assertTrue(read("empty.json").rejected.get(0).reason().startsWith("empty file"));
  }

  @Test
  void emptyDataValuesIsAValidSetWithNoRows() throws IOException {
    CollectingSink<Dhis2DataValue> sink = readText("{\"period\":\"2015\",\"dataValues\":[]}");
    assertEquals(0, sink.total());
  }

  @Test
  void opensTheSourceTwiceAndClosesIt() throws IOException {
    AtomicInteger opened = new AtomicInteger();
    AtomicInteger closed = new AtomicInteger();
    byte[] bytes = "{\"dataValues\":[],\"period\":\"2015\"}".getBytes(StandardCharsets.UTF_8);
    Dhis2DataValueSetJsonParser.parse(() -> {
      opened.incrementAndGet();
      return new ByteArrayInputStream(bytes) {
        @Override
        public void close() {
          closed.incrementAndGet();
        }
      };
    }, new CollectingSink<>());
    assertEquals(2, opened.get());
    assertEquals(2, closed.get());
  }

  @Test
  void streamsALargeSetWithTheHeaderAtTheEnd() throws IOException {
    StringBuilder json = new StringBuilder("{\"dataValues\":[\n");
    int n = 50_000;
    for (int i = 0; i < n; i++) {
      json.append(i == 0 ? "" : ",\n")
          .append("{\"dataElement\":\"f7n9E0hX8qk\",\"value\":\"").append(i).append("\"}");
    }
    json.append("\n],\"orgUnit\":\"DiszpKrYNg8\",\"period\":\"201501\"}");
    CollectingSink<Dhis2DataValue> sink = readText(json.toString());
    assertEquals(n, sink.accepted.size());
    assertEquals(0, sink.rejected.size());
    Dhis2DataValue last = sink.accepted.get(n - 1);
    assertEquals(String.valueOf(n - 1), last.value());
    assertEquals("201501", last.period());
    assertEquals(n + 1, last.sourceLine());
    assertFalse(last.deleted());
  }
}
