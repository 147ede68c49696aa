package org.palabre.sources.dhis2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.palabre.sources.dhis2.Dhis2MetadataObject.CategoryOptionCombo;
import org.palabre.sources.dhis2.Dhis2MetadataObject.DataElement;
import org.palabre.sources.dhis2.Dhis2MetadataObject.OrgUnit;

class Dhis2MetadataTest {

  static Dhis2Metadata.Builder readSmall() throws IOException {
    Dhis2Metadata.Builder builder = Dhis2Metadata.builder();
    try (InputStream in = Files.newInputStream(Fixtures.resource("metadata_small.json"))) {
      Dhis2MetadataParser.parse(in, builder);
    }
    return builder;
  }

  @Test
  void readsEveryCollectionAndRejectsAnObjectWithoutId() throws IOException {
    Dhis2Metadata.Builder builder = readSmall();
    Dhis2Metadata md = builder.build();

    assertEquals(6, md.orgUnits().size());
    assertEquals(9, md.dataElements().size());
    assertEquals(3, md.categoryCombos().size());
    assertEquals(2, md.categories().size());
    assertEquals(5, md.categoryOptions().size());
    assertEquals(7, md.categoryOptionCombos().size());
    assertEquals(32, builder.acceptedCount());
    assertEquals(List.of("line 14: object in organisationUnits has no id"), builder.rejections());
  }

  @Test
  void keepsTheFieldsTheValidatorNeeds() throws IOException {
    Dhis2Metadata md = readSmall().build();

    assertEquals(new OrgUnit("O6uvpzGd5pu", null, "Région de Kayes", "Kayes", 2, null,
        "ImspTQPwCqd"), md.orgUnit("O6uvpzGd5pu").orElseThrow());
    assertEquals(new DataElement("f7n9E0hX8qk", "PROF", "Professionnels formés",
        "INTEGER_ZERO_OR_POSITIVE", "SUM", "ccSexe00001"),
        md.dataElement("f7n9E0hX8qk").orElseThrow());
    assertEquals("f7n9E0hX8qk", md.dataElement("PROF").orElseThrow().id(), "lookup by code");
    assertEquals(new CategoryOptionCombo("cocFemLt101", null, "Féminin, <1", "ccSexeAge01",
        List.of("optFem00001", "optLt100001")), md.categoryOptionCombo("cocFemLt101").orElseThrow());
    assertEquals(List.of("catSexe0001", "catAge00001"),
        md.categoryCombo("ccSexeAge01").orElseThrow().categoryIds());
    assertEquals(List.of("optFem00001", "optMal00001"),
        md.category("catSexe0001").orElseThrow().categoryOptionIds());
    assertEquals("FÉMININ", md.categoryOption("optFem00001").orElseThrow().name());
    assertEquals(Optional.empty(), md.orgUnit("nope"));
    assertEquals(Optional.empty(), md.orgUnit(null));
  }

  @Test
  void defaultComboIsRecognisedByUidNameOrAbsence() throws IOException {
    Dhis2Metadata md = readSmall().build();
    assertTrue(md.isDefaultCombo(null));
    assertTrue(md.isDefaultCombo(""));
    assertTrue(md.isDefaultCombo("HllvX50cXC0"));
    assertFalse(md.isDefaultCombo("cocFem00001"));
    assertFalse(md.isDefaultCombo("unknownCoc1"));
  }

  @Test
  void ancestryFromPathFromParentsAndPartial() throws IOException {
    OrgUnitTree tree = readSmall().build().orgUnitTree();

    // no path: parent links, root first
    assertEquals(List.of("ImspTQPwCqd", "O6uvpzGd5pu", "YuQRtpLP10I", "DiszpKrYNg8"),
        ids(tree.ancestry("DiszpKrYNg8")));
    // path present
    assertEquals(List.of("ImspTQPwCqd", "O6uvpzGd5pu", "YuQRtpLP10I"),
        ids(tree.ancestry("YuQRtpLP10I")));
    // path names a unit missing from the metadata: parent links win
    assertEquals(List.of("ImspTQPwCqd", "O6uvpzGd5pu", "YuQRtpLP10I", "g8upMTyEZGZ"),
        ids(tree.ancestry("g8upMTyEZGZ")));
    // parent missing: partial chain
    assertEquals(List.of("Orphan00001"), ids(tree.ancestry("Orphan00001")));
    assertEquals(List.of(), tree.ancestry("unknown"));

    assertEquals("O6uvpzGd5pu", tree.ancestorAtLevel("DiszpKrYNg8", 2).orElseThrow().id());
    assertEquals("YuQRtpLP10I", tree.ancestorAtLevel("g8upMTyEZGZ", 3).orElseThrow().id());
    assertEquals(Optional.of(4), tree.level("g8upMTyEZGZ"), "level derived from depth");
    assertEquals(Optional.empty(), tree.ancestorAtLevel("Orphan00001", 2));
    assertTrue(tree.contains("Orphan00001"));
  }

  @Test
  void parentCycleDoesNotLoop() {
    Dhis2Metadata md = Dhis2Metadata.builder()
        .add(new OrgUnit("aaaaaaaaaaa", null, "A", null, null, null, "bbbbbbbbbbb"))
        .add(new OrgUnit("bbbbbbbbbbb", null, "B", null, null, null, "aaaaaaaaaaa"))
        .build();
    assertEquals(List.of("bbbbbbbbbbb", "aaaaaaaaaaa"),
        ids(md.orgUnitTree().ancestry("aaaaaaaaaaa")));
  }

  @Test
  void malformedMetadataKeepsWhatWasReadAndSaysWhere() throws IOException {
    String json = "{\"organisationUnits\": [\n {\"id\": \"ImspTQPwCqd\", \"name\": \"Mali\"},\n"
        + " {\"id\": \"O6uvpzGd5pu\" \"name\": \"Kayes\"}\n]}";
    Dhis2Metadata.Builder builder = Dhis2Metadata.builder();
    Dhis2MetadataParser.parse(
        new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), builder);
    assertEquals(1, builder.build().orgUnits().size());
    assertEquals(1, builder.rejections().size());
    assertTrue(builder.rejections().get(0).startsWith("line 3: malformed JSON at line 3, column"),
        builder.rejections().get(0));
    assertTrue(builder.rejections().get(0).contains("the rest of the file was not read"));
  }

  @Test
  void readFailsLoudlyOnRejections() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Dhis2Metadata.read(Fixtures.resource("metadata_small.json")));
    assertTrue(e.getMessage().contains("line 14: object in organisationUnits has no id"));
  }

  static List<String> ids(List<OrgUnit> units) {
    return units.stream().map(OrgUnit::id).toList();
  }
}
