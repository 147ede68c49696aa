package org.palabre.sources.dhis2;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.LocalDate;
import java.util.List;
import org.apache.beam.sdk.coders.SerializableCoder;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import org.palabre.lake.LakeTable;
import org.palabre.model.Dhis2MetadataRow;
import org.palabre.model.Dhis2OrgUnitRow;
import org.palabre.model.FileLoad;
import org.palabre.model.InputFile;
import org.palabre.model.Rejection;
import org.palabre.model.SourceFigure;
import org.palabre.warehouse.Crosswalk;

/**
 * {@link ReadDhis2DataValues} on a real Beam runner: a metadata file (the delivery's context), a
 * compact JSON data value set and a CSV one; figures in DHIS2's own terms (a uid the metadata do not
 * know included: the build holds it), org units and metadata objects, rejects and the accounting of
 * every file. The same files read on the ingest's path
 * (parts in the lake's staging folder, published, built) give the crosswalk's figures: metrics,
 * sexes, member and country from the tree, and the totals DHIS2 does not store.
 */
public class ReadDhis2DataValuesTest {

  @Rule public final transient TestPipeline pipeline = TestPipeline.create();
  @Rule public final transient TemporaryFolder folder = new TemporaryFolder();

  /** Mali (root, mapped to mali-sante) > Région de Kayes > District sanitaire de Kayes > CSCom N'Di. */
  static final String METADATA = """
      {"system": {"version": "2.39"},
       "organisationUnits": [
        {"id": "IFVNBRzHgmk", "code": "ML", "name": "Mali", "level": 1, "path": "/IFVNBRzHgmk"},
        {"id": "XxJE162L13X", "name": "Région de Kayes", "level": 2, "parent": {"id": "IFVNBRzHgmk"},
         "path": "/IFVNBRzHgmk/XxJE162L13X"},
        {"id": "MSA1n2dfRTn", "name": "District sanitaire de Kayes", "level": 3, "parent": {"id": "XxJE162L13X"}},
        {"id": "bcva06s2evp", "name": "CSCom N'Di", "level": 4, "parent": {"id": "MSA1n2dfRTn"}}
       ],
       "dataElements": [
        {"id": "zLQFmRw2IH5", "name": "Professionnels formés", "valueType": "INTEGER_ZERO_OR_POSITIVE",
         "categoryCombo": {"id": "ccSexe00001"}},
        {"id": "ebxUDyVAcpS", "name": "Sessions ASACO", "valueType": "INTEGER_ZERO_OR_POSITIVE"}
       ],
       "categoryCombos": [{"id": "ccSexe00001", "name": "Sexe", "categories": [{"id": "catSexe0001"}]}],
       "categories": [{"id": "catSexe0001", "name": "Sexe",
         "categoryOptions": [{"id": "KygNtyIHjFu"}, {"id": "kSKfk6w6PBV"}]}],
       "categoryOptions": [{"id": "KygNtyIHjFu", "name": "Féminin"}, {"id": "kSKfk6w6PBV", "name": "Masculin"}],
       "categoryOptionCombos": [
        {"id": "cocFeminin1", "name": "Féminin", "categoryCombo": {"id": "ccSexe00001"},
         "categoryOptions": [{"id": "KygNtyIHjFu"}]},
        {"id": "cocMasculin", "name": "Masculin", "categoryCombo": {"id": "ccSexe00001"},
         "categoryOptions": [{"id": "kSKfk6w6PBV"}]}
       ]}
      """;

  private InputFile write(String name, String text) throws IOException {
    File file = folder.newFile(name);
    Files.writeString(file.toPath(), text, StandardCharsets.UTF_8);
    return new InputFile(file.getAbsolutePath(), "dhis2", "dhis2/" + name, "sha-" + name, file.length());
  }

  private static final String KAYES = "Région de Kayes";
  private static final String DS_KAYES = "District sanitaire de Kayes";

  /** A value as the reader gives it: DHIS2's uids with their names, the tree's names, the period parsed. */
  private static SourceFigure figure(String file, long line, int column, String orgUnit, String orgName, String adm2,
      String periodRaw, String type, String period, String start, String end, String element, String elementName,
      String combo, String comboName, double value, String updated) {
    return new SourceFigure("run-9", "sha-" + file, "dhis2", "dhis2/" + file, null, line, column, SourceFigure.DHIS2_DATA_VALUES,
        orgUnit, orgName, "Mali", KAYES, adm2, null, periodRaw, type, period, LocalDate.parse(start), LocalDate.parse(end),
        SourceFigure.DHIS2, element, elementName, combo, comboName, null, value, updated, null);
  }

  private static Dhis2OrgUnitRow unit(long line, String uid, String code, String name, int level, String parent,
      String path, String region, String district, String facility) {
    return new Dhis2OrgUnitRow("run-9", "sha-metadata.json", "dhis2", "dhis2/metadata.json", line, uid, code, name,
        null, level, parent, path, "Mali", region, district, facility);
  }

  private static Dhis2MetadataRow object(long line, String type, String uid, String name, String valueType, String combo,
      String members) {
    return new Dhis2MetadataRow("run-9", "sha-metadata.json", "dhis2", "dhis2/metadata.json", line, type, uid, null, name,
        valueType, null, combo, members, null, null, null);
  }

  @Test
  public void readsValuesAgainstTheMetadataAndRejectsDeletedAndNonNumericValues() throws Exception {
    InputFile metadata = write("metadata.json", METADATA);
    // compact JSON, as the DHIS2 API writes it: values are numbered by position (1 to 5)
    InputFile json = write("values.json", "{\"dataSet\":\"QLfNgGrlIEU\",\"dataValues\":["
        + "{\"dataElement\":\"zLQFmRw2IH5\",\"period\":\"2016\",\"orgUnit\":\"XxJE162L13X\",\"categoryOptionCombo\":\"cocFeminin1\",\"value\":\"10\"},"
        + "{\"dataElement\":\"zLQFmRw2IH5\",\"period\":\"2016\",\"orgUnit\":\"XxJE162L13X\",\"categoryOptionCombo\":\"cocMasculin\",\"value\":\"12\"},"
        + "{\"dataElement\":\"ebxUDyVAcpS\",\"period\":\"2016W9\",\"orgUnit\":\"bcva06s2evp\",\"value\":\"3\"},"
        + "{\"dataElement\":\"ebxUDyVAcpS\",\"period\":\"2016Q1\",\"orgUnit\":\"Zq7NoSuchOu\",\"value\":\"4\"},"
        + "{\"dataElement\":\"ebxUDyVAcpS\",\"period\":\"2016Q2\",\"orgUnit\":\"bcva06s2evp\",\"value\":\"5\",\"deleted\":true}"
        + "]}");
    InputFile csv = write("values.csv", """
        dataelement,period,orgunit,categoryoptioncombo,attributeoptioncombo,value,storedby,lastupdated,comment,followup,deleted
        ebxUDyVAcpS,201603,MSA1n2dfRTn,,,7,agent,2016-04-02,,false,false
        ebxUDyVAcpS,201604,MSA1n2dfRTn,,,sept,agent,2016-05-02,,false,false
        ebxUDyVAcpS,2016April,MSA1n2dfRTn,,,40,agent,2017-04-02,,false,false
        """);
    Crosswalk crosswalk = new Crosswalk(folder.newFolder("crosswalk").toPath());

    PCollection<InputFile> files =
        pipeline.apply(Create.of(List.of(metadata, json, csv)).withCoder(SerializableCoder.of(InputFile.class)));
    PCollectionTuple read = files.apply("AsElements", new ReadDhis2DataValues("run-9", List.of(metadata)));
    // the ingest's reading of the same files, into the lake's staging folder
    files.apply("IntoTheStagingLake", new ReadDhis2DataValues("run-9", List.of(metadata), crosswalk.stagingRoot("run-9")));

    PAssert.that(read.get(LakeTable.FIGURES.tag())).containsInAnyOrder(
        figure("values.json", 1, 1, "XxJE162L13X", KAYES, null, "2016", "year", "2016", "2016-01-01", "2016-12-31",
            "zLQFmRw2IH5", "Professionnels formés", "cocFeminin1", "Féminin", 10, null),
        figure("values.json", 2, 1, "XxJE162L13X", KAYES, null, "2016", "year", "2016", "2016-01-01", "2016-12-31",
            "zLQFmRw2IH5", "Professionnels formés", "cocMasculin", "Masculin", 12, null),
        figure("values.json", 3, 1, "bcva06s2evp", "CSCom N'Di", DS_KAYES, "2016W9", "week", "2016W9", "2016-02-29",
            "2016-03-06", "ebxUDyVAcpS", "Sessions ASACO", null, null, 3, null),
        // an org unit the metadata do not know: in the lake all the same, without the tree's names (the build holds it)
        new SourceFigure("run-9", "sha-values.json", "dhis2", "dhis2/values.json", null, 4, 1, SourceFigure.DHIS2_DATA_VALUES,
            "Zq7NoSuchOu", null, null, null, null, null, "2016Q1", "quarter", "2016Q1", LocalDate.parse("2016-01-01"),
            LocalDate.parse("2016-03-31"), SourceFigure.DHIS2, "ebxUDyVAcpS", "Sessions ASACO", null, null, null, 4, null, null),
        // CSV: the value is the sixth column
        figure("values.csv", 2, 6, "MSA1n2dfRTn", DS_KAYES, DS_KAYES, "201603", "month", "2016-03", "2016-03-01", "2016-03-31",
            "ebxUDyVAcpS", "Sessions ASACO", null, null, 7, "2016-04-02"),
        figure("values.csv", 4, 6, "MSA1n2dfRTn", DS_KAYES, DS_KAYES, "2016April", "financial_year", "2016April", "2016-04-01",
            "2017-03-31", "ebxUDyVAcpS", "Sessions ASACO", null, null, 40, "2017-04-02"));
    PAssert.that(read.get(LakeTable.REJECTED_ROWS.tag())).containsInAnyOrder(
        new Rejection("run-9", "sha-values.json", "dhis2", "dhis2/values.json", null, 5, null,
            "deleted value (deleted=true in DHIS2): not counted",
            "ebxUDyVAcpS,2016Q2,bcva06s2evp,,,5,,,,false,true"),
        new Rejection("run-9", "sha-values.csv", "dhis2", "dhis2/values.csv", null, 3, null,
            "non-numeric value 'sept' for INTEGER_ZERO_OR_POSITIVE data element ebxUDyVAcpS",
            "ebxUDyVAcpS,201604,MSA1n2dfRTn,,,sept,agent,2016-05-02,,false,false"));
    PAssert.that(read.get(LakeTable.DHIS2_ORG_UNITS.tag())).containsInAnyOrder(
        unit(1, "IFVNBRzHgmk", "ML", "Mali", 1, null, "/IFVNBRzHgmk", null, null, null),
        unit(2, "XxJE162L13X", null, KAYES, 2, "IFVNBRzHgmk", "/IFVNBRzHgmk/XxJE162L13X", KAYES, null, null),
        unit(3, "MSA1n2dfRTn", null, DS_KAYES, 3, "XxJE162L13X", "/IFVNBRzHgmk/XxJE162L13X/MSA1n2dfRTn", KAYES,
            DS_KAYES, null),
        unit(4, "bcva06s2evp", null, "CSCom N'Di", 4, "MSA1n2dfRTn",
            "/IFVNBRzHgmk/XxJE162L13X/MSA1n2dfRTn/bcva06s2evp", KAYES, DS_KAYES, "CSCom N'Di"));
    PAssert.that(read.get(LakeTable.DHIS2_METADATA.tag())).containsInAnyOrder(
        object(5, "dataElement", "zLQFmRw2IH5", "Professionnels formés", "INTEGER_ZERO_OR_POSITIVE", "ccSexe00001", null),
        object(6, "dataElement", "ebxUDyVAcpS", "Sessions ASACO", "INTEGER_ZERO_OR_POSITIVE", null, null),
        object(7, "categoryCombo", "ccSexe00001", "Sexe", null, null, "catSexe0001"),
        object(8, "category", "catSexe0001", "Sexe", null, null, "KygNtyIHjFu kSKfk6w6PBV"),
        object(9, "categoryOption", "KygNtyIHjFu", "Féminin", null, null, null),
        object(10, "categoryOption", "kSKfk6w6PBV", "Masculin", null, null, null),
        object(11, "categoryOptionCombo", "cocFeminin1", "Féminin", null, "ccSexe00001", "KygNtyIHjFu"),
        object(12, "categoryOptionCombo", "cocMasculin", "Masculin", null, "ccSexe00001", "kSKfk6w6PBV"));
    PAssert.that(read.get(LakeTable.FILE_LOADS.tag())).containsInAnyOrder(
        new FileLoad("run-9", "sha-metadata.json", "dhis2", "dhis2/metadata.json",
            "DHIS2 metadata (JSON): 4 OrgUnit, 2 DataElement, 1 CategoryCombo, 1 Category, 2 CategoryOption,"
                + " 2 CategoryOptionCombo", "UTF-8", "", 12, 12, 0, 4, ""),
        new FileLoad("run-9", "sha-values.json", "dhis2", "dhis2/values.json", "DHIS2 data value set (JSON)", "UTF-8", "",
            5, 4, 1, 4, "compact JSON (several values per line): source_line is the value's position in dataValues"
                + " (1 = first)"),
        new FileLoad("run-9", "sha-values.csv", "dhis2", "dhis2/values.csv", "DHIS2 data value set (CSV)", "UTF-8",
            "comma", 3, 2, 1, 2, ""));
    pipeline.run().waitUntilFinish();

    // the staged parts, published and built: the shipped mappings make the common figures
    List<LakeTable<?>> tables = List.of(LakeTable.FIGURES, LakeTable.DHIS2_ORG_UNITS, LakeTable.DHIS2_METADATA,
        LakeTable.REJECTED_ROWS, LakeTable.FILE_LOADS);
    for (InputFile file : List.of(metadata, json, csv)) {
      crosswalk.staged("run-9", file, tables);
    }
    Crosswalk.Built built = crosswalk.build();
    String total = "2016|2016-01-01|2016-12-31|professionals_trained";
    org.junit.Assert.assertEquals(List.of(
            // the total DHIS2 does not store, derived from its two cells and traced to the first one
            "dhis2/values.csv|2|mali-sante|" + DS_KAYES + "|ML|" + KAYES + "|" + DS_KAYES + "|month|2016-03|2016-03-01|2016-03-31"
                + "|training_sessions_local|null|7.0|false",
            "dhis2/values.csv|4|mali-sante|" + DS_KAYES + "|ML|" + KAYES + "|" + DS_KAYES + "|financial_year|2016April|2016-04-01"
                + "|2017-03-31|training_sessions_local|null|40.0|false",
            "dhis2/values.json|1|mali-sante|" + KAYES + "|ML|" + KAYES + "|null|year|" + total + "|female|10.0|false",
            "dhis2/values.json|1|mali-sante|" + KAYES + "|ML|" + KAYES + "|null|year|" + total + "|null|22.0|true",
            "dhis2/values.json|2|mali-sante|" + KAYES + "|ML|" + KAYES + "|null|year|" + total + "|male|12.0|false",
            "dhis2/values.json|3|mali-sante|CSCom N'Di|ML|" + KAYES + "|" + DS_KAYES + "|week|2016W9|2016-02-29|2016-03-06"
                + "|training_sessions_local|null|3.0|false"),
        built.rows("select source_file, source_line, member, org_unit, country_iso2, adm1, adm2, period_type, period,"
            + " period_start, period_end, metric_code, sex, value, derived from core.fct_observations order by all"));
    org.junit.Assert.assertEquals(List.of(), built.rows("select * from marts.unmapped_figures"));
    org.junit.Assert.assertEquals(List.of("dhis2/values.json|4|unknown org unit 'Zq7NoSuchOu' (not in the DHIS2 metadata); deliver"
            + " the metadata that names it (a dhis2/ metadata JSON) and run again"),
        built.rows("select source_file, source_line, reason from intermediate.int_quarantine"));
  }

  @Test
  public void withoutItsMetadataAValueLandsInDhis2sOwnTermsForTheBuildToHold() throws IOException {
    InputFile csv = write("orphans.csv", """
        dataelement,period,orgunit,categoryoptioncombo,attributeoptioncombo,value
        ebxUDyVAcpS,201603,MSA1n2dfRTn,,,7
        """);
    InputFile sierraLeone = write("sl.json", """
        {"organisationUnits": [{"id": "ImspTQPwCqd", "name": "Sierra Leone", "level": 1}]}
        """);
    PCollectionTuple read =
        pipeline
            .apply(Create.of(List.of(csv, sierraLeone)).withCoder(SerializableCoder.of(InputFile.class)))
            .apply(new ReadDhis2DataValues("run-9", List.of(sierraLeone)));

    // neither its org unit nor its data element is in the metadata: read as a number, no names
    PAssert.that(read.get(LakeTable.FIGURES.tag())).containsInAnyOrder(
        new SourceFigure("run-9", "sha-orphans.csv", "dhis2", "dhis2/orphans.csv", null, 2, 6, SourceFigure.DHIS2_DATA_VALUES,
            "MSA1n2dfRTn", null, null, null, null, null, "201603", "month", "2016-03", LocalDate.parse("2016-03-01"),
            LocalDate.parse("2016-03-31"), SourceFigure.DHIS2, "ebxUDyVAcpS", null, null, null, null, 7, null, null));
    PAssert.that(read.get(LakeTable.DHIS2_METADATA.tag())).empty();
    PAssert.that(read.get(LakeTable.REJECTED_ROWS.tag())).empty();
    PAssert.that(read.get(LakeTable.DHIS2_ORG_UNITS.tag())).containsInAnyOrder(
        new Dhis2OrgUnitRow("run-9", "sha-sl.json", "dhis2", "dhis2/sl.json", 1, "ImspTQPwCqd", null, "Sierra Leone",
            null, 1, null, "/ImspTQPwCqd", "Sierra Leone", null, null, null));
    PAssert.that(read.get(LakeTable.FILE_LOADS.tag())).containsInAnyOrder(
        new FileLoad("run-9", "sha-orphans.csv", "dhis2", "dhis2/orphans.csv", "DHIS2 data value set (CSV)", "UTF-8",
            "comma", 1, 1, 0, 1, ""),
        new FileLoad("run-9", "sha-sl.json", "dhis2", "dhis2/sl.json", "DHIS2 metadata (JSON): 1 OrgUnit", "UTF-8", "",
            1, 1, 0, 1, ""));
    pipeline.run().waitUntilFinish();
  }
}
