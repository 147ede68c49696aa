package org.palabre;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.palabre.privacy.PseudonymKeys;
import org.palabre.db.DuckDb;

/**
 * A small input folder with files of every source family, so that every lake table gets rows:
 * activity tables written here (with a bad row each), and files of {@code data-samples/} for the
 * others (DHIS2 metadata and a data value set broken down by sex and age, so totals are derived;
 * an IATI file with results, and its rate table; a mission sheet, under the sample-data marker; the three
 * partnership files; the reference tables: rates, advocacy, targets, the reporting calendar and
 * outlier bounds). For tests that compare two ways of writing the
 * lake.
 */
public final class OneFilePerFamily {

  private OneFilePerFamily() {}

  /** Writes the files under {@code input}, one sub-folder per family. */
  public static void write(Path input) throws Exception {
    Files.createDirectories(input.resolve("samusocial/dakar"));
    Files.createDirectories(input.resolve("hxl"));
    Files.writeString(input.resolve("samusocial/dakar/rapport_T1_2023.csv"), """
        Dispositif;Mois;Personnes rencontrées;dont femmes;Consultations médicales
        Samusocial Sénégal;janvier 2023;100;40;10
        Samusocial Sénégal;février 2023;110;45;11
        Samusocial Sénégal;mars 2023;120;3;12
        Samusocial Sénégal;avril 2023;n'importe;1;1
        """, StandardCharsets.UTF_8);
    Files.writeString(input.resolve("samusocial/pn_avril.csv"),
        "dispositif,mois,personnes_rencontrées,consultations_médicales\r\nSamusocial Pointe-Noire,04/2023,200,30\r\n",
        Charset.forName("windows-1252"));
    Files.writeString(input.resolve("hxl/3w.csv"), "Qui,Quand,Atteints\n#org,#date,#reached+ind\nSSBF,2023,1000\n,2023,-5\n",
        StandardCharsets.UTF_8);
    Path samples = Path.of(System.getProperty("palabre.repoRoot", ".")).resolve("data-samples");
    for (String file : List.of("iati/gac-mali-decentralised-health-2010-2017.xml", "reference/exchange_rates.csv",
        "reference/advocacy_actions.csv", "reference/targets.csv", "reference/expected_reports.csv",
        "dhis2/metadata_mali_pads.json",
        "dhis2/dataValueSet_consultations_2016.csv", "missions/os-kh-2023-01.json", "partnerships/partnership_registry.csv",
        "partnerships/partner_survey_kobo_export.xlsx", "partnerships/red_orange_alerts.csv")) {
      Files.createDirectories(input.resolve(file).getParent());
      Files.copy(samples.resolve(file), input.resolve(file));
    }
    // outlier bounds (no sample carries any): a bound of each kind, and a line with neither, rejected
    Files.writeString(input.resolve("reference/outlier_bounds.csv"),
        "metric_code,min,max,member\npeople_reached,0,100000,\nmedical_consultations,,5000,samusocial-sn\nshelter_nights,,,\n",
        StandardCharsets.UTF_8);
    // fictitious patients: the public sample key pseudonymises them
    Files.copy(PseudonymKeys.marker(samples), PseudonymKeys.marker(input));
  }

  /** The rows of Parquet files, but the columns left out ({@code "run_id"}, or none: ""), as text, sorted. */
  public static List<List<String>> rows(List<Path> parquet, String exclude) throws Exception {
    List<List<String>> rows = new ArrayList<>();
    if (parquet.isEmpty()) {
      return rows;
    }
    try (Connection db = DuckDb.inMemory(); Statement st = db.createStatement();
        ResultSet rs = st.executeQuery("select * " + (exclude.isEmpty() ? "" : "exclude (" + exclude + ")")
            + " from read_parquet(" + DuckDb.pathList(parquet) + ") order by all")) {
      ResultSetMetaData meta = rs.getMetaData();
      while (rs.next()) {
        List<String> row = new ArrayList<>();
        for (int i = 1; i <= meta.getColumnCount(); i++) {
          row.add(String.valueOf(rs.getObject(i)));
        }
        rows.add(row);
      }
    }
    return rows;
  }
}
