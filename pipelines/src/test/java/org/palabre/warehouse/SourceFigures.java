package org.palabre.warehouse;

import org.palabre.model.Dhis2MetadataRow;
import org.palabre.model.Dhis2OrgUnitRow;
import org.palabre.model.Period;
import org.palabre.model.SourceFigure;
import org.palabre.text.Periods;

/**
 * Lake rows as the readers write them, made by hand for crosswalk tests: one run ({@value #RUN}),
 * each file its own delivery ({@code sha-} and the file's name).
 */
public final class SourceFigures {

  public static final String RUN = "run-1";

  private SourceFigures() {}

  private static String sha(String file) {
    return "sha-" + file.replace('/', '-');
  }

  /**
   * A figure of an activity table of {@code family/file}: its organisation and country as written,
   * its period as written and parsed (null: none), its measure in the table's words.
   */
  public static SourceFigure table(String sourceFile, long line, int column, String tableKind, String org, String country,
      String period, String scheme, String measure, double value) {
    Period p = period == null ? null : Periods.parse(period);
    return new SourceFigure(RUN, sha(sourceFile), sourceFile.substring(0, sourceFile.indexOf('/')), sourceFile, null, line,
        column, tableKind, null, org, country, null, null, null, period, p == null ? null : p.type(),
        p == null ? null : p.label(), p == null ? null : p.start(), p == null ? null : p.end(), scheme, measure, measure, null,
        null, null, value, null, null);
  }

  /** A DHIS2 value of {@code dhis2/file}: its org unit and the tree's names, period (a Palabre period), element and option combo. */
  public static SourceFigure dhis2(String sourceFile, long line, String orgUnit, String orgName, String country, String adm1,
      String adm2, String period, String element, String combo, double value) {
    Period p = Periods.parse(period);
    return new SourceFigure(RUN, sha(sourceFile), "dhis2", sourceFile, null, line, 6, SourceFigure.DHIS2_DATA_VALUES, orgUnit,
        orgName, country, adm1, adm2, null, period, p.type(), p.label(), p.start(), p.end(), SourceFigure.DHIS2, element,
        element, combo, combo, null, value, null, null);
  }

  /** An org unit of a DHIS2 metadata file, with its path from the root and the names along it. */
  public static Dhis2OrgUnitRow orgUnit(String sourceFile, long line, String uid, String name, int level, String path,
      String country, String region, String district, String facility) {
    String[] parts = path.split("/");
    String parent = parts.length > 2 ? parts[parts.length - 2] : null;
    return new Dhis2OrgUnitRow(RUN, sha(sourceFile), "dhis2", sourceFile, line, uid, null, name, null, level, parent, path,
        country, region, district, facility);
  }

  /** A metadata object of a DHIS2 metadata file; {@code members}: the uids it is made of, space-separated. */
  public static Dhis2MetadataRow object(String sourceFile, long line, String type, String uid, String code, String name,
      String members) {
    return new Dhis2MetadataRow(RUN, sha(sourceFile), "dhis2", sourceFile, line, type, uid, code, name,
        type.equals("dataElement") ? "NUMBER" : null, null, null, members, null, null, null);
  }
}
