package org.palabre.warehouse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SqlModelTest {

  @Test
  void parsesHeaderBodyAndTests() {
    SqlModel m = SqlModel.parse("core/fct_things.sql", """
        -- grain: one row per thing
        -- depends on: staging.stg_things, ref.codes
        with source as (select * from staging.stg_things)
        select * from source;

        -- test: id is unique
        select id from core.fct_things group by 1 having count(*) > 1;

        -- test: code is known
        select * from core.fct_things where code not in (select code from ref.codes)
        """);
    assertEquals("core.fct_things", m.qualifiedName());
    assertEquals("one row per thing", m.grain());
    assertEquals(Set.of("staging.stg_things", "ref.codes"), m.dependsOn());
    assertEquals("with source as (select * from staging.stg_things)\nselect * from source", m.body().lines()
        .filter(l -> !l.startsWith("--")).reduce((a, b) -> a + "\n" + b).orElseThrow());
    assertEquals(List.of("id is unique", "code is known"), m.tests().stream().map(SqlModel.Test::description).toList());
    assertEquals("select id from core.fct_things group by 1 having count(*) > 1", m.tests().get(0).sql());
    assertEquals(Set.of("staging.stg_things", "ref.codes"), m.referenced());
  }

  @Test
  void theShippedModelsDeclareWhatTheyReadAndComeInDependencyOrder() throws Exception {
    List<SqlModel> models = WarehouseBuild.orderedModels();
    List<String> names = models.stream().map(SqlModel::qualifiedName).toList();
    for (SqlModel model : models) {
      assertTrue(model.dependsOn().containsAll(model.referenced()), model.qualifiedName());
      assertTrue(!model.grain().isEmpty(), model.qualifiedName() + " states its grain");
      for (String dep : model.dependsOn()) {
        if (names.contains(dep)) {
          assertTrue(names.indexOf(dep) < names.indexOf(model.qualifiedName()), dep + " before " + model.qualifiedName());
        }
      }
    }
    assertTrue(names.contains("marts.indicator_values"));
  }

  @Test
  void readsOfOtherModelsAreFoundInTestsToo() {
    SqlModel m = SqlModel.parse("marts/x.sql", """
        -- grain: one row
        -- depends on: core.a
        select * from core.a
        -- test: b agrees
        select * from core.b
        """);
    assertEquals(Set.of("core.a", "core.b"), m.referenced());
  }

  @Test
  void anIncrementalLineNamesTheDeliveryColumnAndMayNameACodeColumn() {
    SqlModel byDelivery = SqlModel.parse("intermediate/int_a.sql", """
        -- grain: one row per figure
        -- depends on: staging.stg_a, ref.codes
        -- incremental: delivery_sha256 from staging.stg_a
        select * from staging.stg_a
        """);
    assertEquals(new SqlModel.Incremental("delivery_sha256", null, Set.of("staging.stg_a")), byDelivery.incremental());
    SqlModel byCode = SqlModel.parse("intermediate/int_b.sql", """
        -- grain: one row per figure
        -- depends on: staging.stg_a, intermediate.int_c
        -- incremental: delivery_sha256, measure from staging.stg_a, intermediate.int_c
        select * from staging.stg_a
        """);
    assertEquals(new SqlModel.Incremental("delivery_sha256", "measure", Set.of("staging.stg_a", "intermediate.int_c")),
        byCode.incremental());
    IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
        () -> SqlModel.parse("intermediate/int_d.sql", """
            -- grain: one row per figure
            -- depends on: staging.stg_a
            -- incremental: delivery_sha256, measure, period from staging.stg_a
            select * from staging.stg_a
            """));
    assertTrue(e.getMessage().contains("sql/intermediate/int_d.sql") && e.getMessage().contains("<code column>"), e.getMessage());
  }
}
