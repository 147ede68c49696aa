package org.palabre.sources.dhis2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.Reader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.palabre.sources.dhis2.Dhis2MetadataObject.DataElement;

/**
 * Reads the real DHIS2 files kept in {@code ../shared/reference-inputs/dhis2/} (never copied into
 * the repository). Skipped when that folder is not on the machine.
 */
class Dhis2ConformanceTest {

  private static CollectingSink<Dhis2DataValue> readCsv(Path file) throws IOException {
    CollectingSink<Dhis2DataValue> sink = new CollectingSink<>();
    try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      Dhis2DataValueSetCsvParser.parse(r, sink);
    }
    return sink;
  }

  @Test
  void singleDataSetWithHeader() throws IOException {
    Path file = Fixtures.referenceInputs().resolve("dataValueSet_single_dataset_with_header.json");
    CollectingSink<Dhis2DataValue> sink = new CollectingSink<>();
    Dhis2DataValueSetJsonParser.parse(file, sink);

    assertEquals(2, sink.total(), "rows in = accepted + rejected");
    assertEquals(List.of(), sink.rejected);
    assertEquals(new Dhis2DataValue("BjDrgVrkBI3", "201911", "O6uvpzGd5pu", "oPcWGgS2Liz",
        "HllvX50cXC0", "1000", null, null, null, null, false, false, "VEM58nY22sO", "2019-06-05",
        7), sink.accepted.get(0));
    Dhis2DataValue second = sink.accepted.get(1);
    assertEquals("rtfSaMjPyq6", second.categoryOptionCombo());
    assertEquals("2000", second.value());
    assertEquals(16, second.sourceLine());
    assertEquals("2019-11-01", Dhis2Period.parse(second.period()).start().toString());
  }

  @Test
  void sierraLeoneMetadata() throws IOException {
    Path file = Fixtures.referenceInputs().resolve("metadata_setup_orgunits_sierraleone.json");
    Dhis2Metadata md = Dhis2Metadata.read(file);

    assertEquals(5, md.orgUnits().size());
    assertEquals(2, md.dataElements().size());
    assertEquals(1, md.categoryOptionCombos().size());
    assertEquals(2, md.categoryCombos().size());
    assertEquals(2, md.categories().size());
    assertEquals(1, md.categoryOptions().size());

    OrgUnitTree tree = md.orgUnitTree();
    // Ngelehun CHC has no path: ancestry from parent links
    assertEquals(List.of("ImspTQPwCqd", "O6uvpzGd5pu", "YuQRtpLP10I", "DiszpKrYNg8"),
        Dhis2MetadataTest.ids(tree.ancestry("DiszpKrYNg8")));
    assertEquals(List.of("Sierra Leone", "Bo", "Badjia", "Ngelehun CHC"),
        tree.ancestry("DiszpKrYNg8").stream().map(u -> u.name()).toList());
    // Njandama MCHP has a path
    assertEquals(List.of("ImspTQPwCqd", "O6uvpzGd5pu", "YuQRtpLP10I", "g8upMTyEZGZ"),
        Dhis2MetadataTest.ids(tree.ancestry("g8upMTyEZGZ")));
    assertEquals("Bo", tree.ancestorAtLevel("g8upMTyEZGZ", 2).orElseThrow().name());

    assertEquals(new DataElement("vbZ5LGNfGET", "TA_DATE_AND_TIME_DE AGGREGATE",
        "TA Date and time AGGREGATE", "BOOLEAN", "SUM", "bjDvmb4bfuf"),
        md.dataElement("vbZ5LGNfGET").orElseThrow());
    assertNull(md.dataElement("vbZ5LGNfGyy").orElseThrow().categoryComboId());
    assertEquals(List.of("fjvZIRlTBrp"),
        md.categoryOptionCombo("igZVvNyxlTM").orElseThrow().categoryOptionIds());
  }

  @Test
  void csvDataValueSetB() throws IOException {
    CollectingSink<Dhis2DataValue> sink =
        readCsv(Fixtures.referenceInputs().resolve("dataValueSetB.csv"));

    assertEquals(12, sink.total(), "rows in = accepted + rejected");
    assertEquals(12, sink.accepted.size());
    assertEquals(LongStream.rangeClosed(10001, 10012).mapToObj(String::valueOf).toList(),
        sink.accepted.stream().map(Dhis2DataValue::value).toList());
    assertEquals(LongStream.rangeClosed(2, 13).boxed().toList(),
        sink.accepted.stream().map(Dhis2DataValue::sourceLine).toList());
    assertEquals(List.of("201201", "201202"),
        sink.accepted.stream().map(Dhis2DataValue::period).distinct().toList());
    assertEquals(List.of("DiszpKrYNg8", "BdfsJfj87js"),
        sink.accepted.stream().map(Dhis2DataValue::orgUnit).distinct().toList());
    Dhis2DataValue first = sink.accepted.get(0);
    assertEquals("f7n9E0hX8qk", first.dataElement());
    assertNull(first.categoryOptionCombo());
    assertNull(first.attributeOptionCombo());
    assertEquals("john", first.storedBy());
    assertEquals("2012-01-01", first.lastUpdated(), "the 'timestamp' column is lastupdated");
    assertEquals("comment", first.comment());
  }

  @Test
  void csvBooleanValues() throws IOException {
    CollectingSink<Dhis2DataValue> parsed =
        readCsv(Fixtures.referenceInputs().resolve("dataValueSetBooleanTest.csv"));
    assertEquals(18, parsed.total());
    assertEquals(18, parsed.accepted.size(), "the parser does not judge values");

    // jH26dja2f30 is BOOLEAN and jH26dja2f31 TRUE_ONLY in the test metadata; BdfsJfj87js unknown to it:
    // its value is read all the same (the build holds it until a metadata file names the unit)
    Dhis2Validator validator = new Dhis2Validator(Dhis2MetadataTest.readSmall().build());
    CollectingSink<Dhis2Observation> out = new CollectingSink<>();
    parsed.accepted.forEach(v -> validator.validate(v, out));

    assertEquals(18, out.total(), "rows in = accepted + rejected");
    assertEquals(14, out.accepted.size());
    assertEquals(List.of("201201", "201202", "201203", "201204", "201205", "201206", "201207",
        "201208", "201209", "201210", "201301", "201302", "201303", "201304"),
        out.accepted.stream().map(o -> o.period().iso()).toList());
    assertEquals(List.of(1, 1, 0, 0, 0, 0, 1, 1, 1, 0, 1, 1, 1, 1),
        out.accepted.stream().map(o -> o.value().intValueExact()).toList());
    assertEquals(List.of("BdfsJfj87js"), out.accepted.stream().filter(o -> o.orgUnit().name() == null)
        .map(o -> o.orgUnit().id()).toList());
    assertEquals(new BigDecimal("5"), out.accepted.stream()
        .filter(o -> o.dataElement().id().equals("jH26dja2f30"))
        .map(Dhis2Observation::value).reduce(BigDecimal.ZERO, BigDecimal::add));

    assertEquals(List.of(12L, 13L, 18L, 19L),
        out.rejected.stream().map(CollectingSink.Rejection::line).toList());
    assertTrue(out.rejected.get(0).reason().contains("value 'test' is not a boolean"));
    assertTrue(out.rejected.get(1).reason().contains("value 'not true' is not a boolean"));
    assertTrue(out.rejected.get(2).reason().contains("value 'false' is not true for TRUE_ONLY"));
    assertTrue(out.rejected.get(3).reason().contains("value 'test' is not true for TRUE_ONLY"));
  }
}
