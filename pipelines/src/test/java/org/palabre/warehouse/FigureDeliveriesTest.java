package org.palabre.warehouse;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * intermediate.int_figure_deliveries reads the figures of the deliveries that share a member,
 * period and metric with another only (intermediate.int_delivery_metrics): the shipped models and
 * their data tests, on a mapped-figure table holding the columns they read. A correction under a
 * new file name ranks first; a delivery of the same month and metric at another org unit, or of
 * another month, gives no figure again; a held row and an unmapped figure never count.
 */
class FigureDeliveriesTest {

  @Test
  void onlyTheFiguresOfOverlappingDeliveriesAreRanked() throws Exception {
    try (Connection db = DriverManager.getConnection("jdbc:duckdb:"); Statement st = db.createStatement()) {
      st.execute("create schema intermediate");
      st.execute("""
          create table intermediate.int_figures__mapped (
            delivery_sha256 varchar, run_id varchar, source_file varchar, source_sheet varchar, source_line integer,
            source_family varchar, member varchar, org_unit varchar, adm1 varchar, adm2 varchar, sector varchar,
            population_group varchar, period_type varchar, period varchar, metric_code varchar, sex varchar,
            age_group varchar, breakdown varchar, attribute_option varchar, mapping_status varchar)
          """);
      st.execute("""
          insert into intermediate.int_figures__mapped values
            -- the April report, then its correction under another name in a later run
            ('a', 'r1', 'dakar_2024-04.csv', null, 2, 'samusocial', 'ss-sn', 'dakar', null, null, null, null, 'month', '2024-04', 'people_reached', null, null, null, null, 'mapped'),
            ('a', 'r1', 'dakar_2024-04.csv', null, 3, 'samusocial', 'ss-sn', 'dakar', null, null, null, null, 'month', '2024-04', 'people_reached', 'female', null, null, null, 'mapped'),
            ('b', 'r2', 'dakar_2024-04_corrige.csv', null, 2, 'samusocial', 'ss-sn', 'dakar', null, null, null, null, 'month', '2024-04', 'people_reached', null, null, null, null, 'mapped'),
            -- the correction's women's row is held by a source test: the first report's still counts alone
            ('b', 'r2', 'dakar_2024-04_corrige.csv', null, 3, 'samusocial', 'ss-sn', 'dakar', null, null, null, null, 'month', '2024-04', 'people_reached', 'female', null, null, null, 'mapped'),
            -- the same month and metric at another org unit: shares a member, period and metric, gives no figure again
            ('c', 'r2', 'thies_2024-04.csv', null, 2, 'samusocial', 'ss-sn', 'thies', null, null, null, null, 'month', '2024-04', 'people_reached', null, null, null, null, 'mapped'),
            -- another month: not read at all
            ('d', 'r3', 'dakar_2024-05.csv', null, 2, 'samusocial', 'ss-sn', 'dakar', null, null, null, null, 'month', '2024-05', 'people_reached', null, null, null, null, 'mapped'),
            -- an unmapped figure given twice counts nowhere
            ('d', 'r3', 'dakar_2024-05.csv', null, 3, 'samusocial', 'ss-sn', 'dakar', null, null, null, null, 'month', '2024-04', null, null, null, null, null, 'unmapped'),
            ('a', 'r1', 'dakar_2024-04.csv', null, 4, 'samusocial', 'ss-sn', 'dakar', null, null, null, null, 'month', '2024-04', null, null, null, null, null, 'unmapped')
          """);
      st.execute("create table intermediate.int_held_rows (delivery_sha256 varchar, source_sheet varchar, source_line integer,"
          + " source_column varchar)");
      st.execute("insert into intermediate.int_held_rows values ('b', null, 3, null)");
      st.execute("create schema ref");
      st.execute("create table ref.metrics as select 'people_reached' as metric_code");
      ShippedModels.build(st, "intermediate.int_delivery_metrics");
      ShippedModels.build(st, "intermediate.int_figure_deliveries");

      assertEquals(List.of("a | 2024-04 | null | 2", "b | 2024-04 | null | 1"),
          ShippedModels.rows(st, "select delivery_sha256, period, sex, version from intermediate.int_figure_deliveries order by all"));
      assertEquals(List.of("a | month | 2024-04 | people_reached | 2", "b | month | 2024-04 | people_reached | 2",
              "c | month | 2024-04 | people_reached | 1", "d | month | 2024-05 | people_reached | 1"),
          ShippedModels.rows(st, "select delivery_sha256, period_type, period, metric_code, figures from intermediate.int_delivery_metrics order by all"));
    }
  }
}
