package org.palabre.sources.dhis2;

import java.util.List;

/**
 * The DHIS2 metadata objects Palabre reads from a metadata JSON export: each has the DHIS2 uid,
 * code and name, plus what the validator needs. Other metadata (data sets, option sets, groups,
 * sharing, translations) is skipped.
 */
public sealed interface Dhis2MetadataObject {

  String id();

  String code();

  String name();

  /**
   * An organisation unit.
   *
   * @param level 1 for the root (country); null when the export does not say
   * @param path {@code /rootUid/.../thisUid} when exported; null otherwise
   * @param parentId uid of the parent; null for the root
   */
  record OrgUnit(
      String id, String code, String name, String shortName, Integer level, String path,
      String parentId) implements Dhis2MetadataObject {}

  /**
   * A data element.
   *
   * @param valueType DHIS2 value type, e.g. {@code INTEGER_ZERO_OR_POSITIVE}, {@code NUMBER}
   * @param aggregationType DHIS2 aggregation type, e.g. {@code SUM}, {@code AVERAGE}
   * @param categoryComboId uid of its disaggregation combo; null when not exported
   */
  record DataElement(
      String id, String code, String name, String valueType, String aggregationType,
      String categoryComboId) implements Dhis2MetadataObject {}

  /** A category option combo: one cell of a disaggregation, e.g. "Féminin, 1-4 ans". */
  record CategoryOptionCombo(
      String id, String code, String name, String categoryComboId,
      List<String> categoryOptionIds) implements Dhis2MetadataObject {}

  /** A category combo: the categories a data element is disaggregated by. */
  record CategoryCombo(String id, String code, String name, List<String> categoryIds)
      implements Dhis2MetadataObject {}

  /** A category, e.g. "Sexe", with its options. */
  record Category(String id, String code, String name, List<String> categoryOptionIds)
      implements Dhis2MetadataObject {}

  /**
   * A data set: the data elements one report form holds, how often it is due, and the org units
   * that must report it (what reporting rates are counted against).
   *
   * @param periodType DHIS2 period type, e.g. {@code Monthly}, {@code Quarterly}
   * @param timelyDays days after the period's end a report is on time; null when not exported
   */
  record DataSet(String id, String code, String name, String periodType, Integer timelyDays, List<String> dataElementIds,
      List<String> orgUnitIds) implements Dhis2MetadataObject {}

  /** A category option, e.g. "Féminin" or "1-4 ans". */
  record CategoryOption(String id, String code, String name) implements Dhis2MetadataObject {}
}
