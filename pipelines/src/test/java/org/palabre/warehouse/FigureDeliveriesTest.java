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
 * their data tests, on figures and code mappings holding the columns they read. A correction under a
 * new file name ranks first; a delivery of the same month and metric at another org unit, or of
 * another month, gives no figure again; a held row and an unmapped figure never count.
 */
class FigureDeliveriesTest {

  @Test
  void onlyTheFiguresOfOverlappingDeliveriesAreRanked() throws Exception {
    try (Connection db = DriverManager.getConnection("jdbc:duckdb:"); Statement st = db.createStatement()) {
      // the figures as the lake gives them, and the mapping of each delivery's codes: the shipped view
      // intermediate.int_figures__mapped joins them, as intermediate.int_figure_deliveries does for its own
      st.execute("create schema staging");
      st.execute("""
          create table staging.stg_lake__figures (
            delivery_sha256 varchar, run_id varchar, source_family varchar, source_file varchar, source_sheet varchar,
            source_line integer, source_column integer, table_kind varchar, org_code varchar, org_name varchar,
            country varchar, adm1 varchar, adm2 varchar, sector varchar, period_type varchar, period varchar,
            period_start date, measure_scheme varchar, measure varchar, breakdown varchar, attribute_option varchar,
            value double)
          """);
      st.execute("""
          insert into staging.stg_lake__figures
          select d, r, 'samusocial', f, null, l, 5, 'activity_report', null, null, null, null, null, null, 'month', p, null,
              'column', m, null, null, 1
          from (values
            -- the April report, then its correction under another name in a later run
            ('a', 'r1', 'dakar_2024-04.csv', 2, '2024-04', 'personnes'),
            ('a', 'r1', 'dakar_2024-04.csv', 3, '2024-04', 'femmes'),
            ('b', 'r2', 'dakar_2024-04_corrige.csv', 2, '2024-04', 'personnes'),
            -- the correction's women's row is held by a source test: the first report's still counts alone
            ('b', 'r2', 'dakar_2024-04_corrige.csv', 3, '2024-04', 'femmes'),
            -- the same month and metric at another org unit: shares a member, period and metric, gives no figure again
            ('c', 'r2', 'thies_2024-04.csv', 2, '2024-04', 'personnes'),
            -- another month: not read at all
            ('d', 'r3', 'dakar_2024-05.csv', 2, '2024-05', 'personnes'),
            -- an unmapped figure given twice counts nowhere
            ('d', 'r3', 'dakar_2024-05.csv', 3, '2024-04', 'inconnu'),
            ('a', 'r1', 'dakar_2024-04.csv', 4, '2024-04', 'inconnu')) as t (d, r, f, l, p, m)
          """);
      st.execute("create schema intermediate");
      st.execute("""
          create table intermediate.int_figure_mappings as
          select d as delivery_sha256, 'column' as measure_scheme, m as measure, 'activity_report' as table_kind,
              cast(null as date) as period_start, cast(null as varchar) as breakdown, cast(null as varchar) as org_code,
              cast(null as varchar) as org_name, cast(null as varchar) as country, cast(null as varchar) as sector,
              'ss-sn' as member, u as org_unit, c as metric_code, x as sex, cast(null as varchar) as age_group,
              cast(null as varchar) as mapped_sector, cast(null as varchar) as population_group, s as mapping_status,
              case when s = 'unmapped' then 'column' end as unmapped_kind
          from (values
            ('a', 'personnes', 'dakar', 'people_reached', null, 'mapped'), ('a', 'femmes', 'dakar', 'people_reached', 'female', 'mapped'),
            ('a', 'inconnu', 'dakar', null, null, 'unmapped'),
            ('b', 'personnes', 'dakar', 'people_reached', null, 'mapped'), ('b', 'femmes', 'dakar', 'people_reached', 'female', 'mapped'),
            ('c', 'personnes', 'thies', 'people_reached', null, 'mapped'),
            ('d', 'personnes', 'dakar', 'people_reached', null, 'mapped'), ('d', 'inconnu', 'dakar', null, null, 'unmapped'))
            as t (d, m, u, c, x, s)
          """);
      ShippedModels.build(st, "intermediate.int_figures__mapped");
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
