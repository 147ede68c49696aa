package org.palabre.warehouse;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.palabre.warehouse.BuildPlan.Action;
import org.palabre.warehouse.BuildPlan.Change;

/**
 * What a plan does with models updated by delivery and by code: a small chain of models like the
 * figures' (a staging table, the codes the crosswalk maps, the figures mapped by code, a model of
 * whole deliveries after them), planned step by step as the runner asks.
 */
class BuildPlanTest {

  private static final List<SqlModel> MODELS = List.of(
      SqlModel.parse("staging/stg_f.sql", """
          -- grain: one row per figure
          -- depends on: lake.figures
          -- incremental: delivery_sha256 from lake.figures
          select * from lake.figures
          """),
      SqlModel.parse("intermediate/int_codes.sql", """
          -- grain: one row per delivery and code
          -- depends on: staging.stg_f, ref.crosswalk
          -- incremental: delivery_sha256 from staging.stg_f
          select distinct delivery_sha256, measure from staging.stg_f
          """),
      SqlModel.parse("intermediate/int_mapped.sql", """
          -- grain: one row per figure, mapped
          -- depends on: staging.stg_f, intermediate.int_codes
          -- incremental: delivery_sha256, measure from staging.stg_f, intermediate.int_codes
          select * from staging.stg_f
          """),
      SqlModel.parse("intermediate/int_by_delivery.sql", """
          -- grain: one row per delivery
          -- depends on: intermediate.int_mapped
          -- incremental: delivery_sha256 from intermediate.int_mapped
          select delivery_sha256, count(*) from intermediate.int_mapped group by 1
          """));

  /** The same chain with the mapped figures as a view (as intermediate.int_figures__mapped is). */
  private static final List<SqlModel> WITH_A_VIEW = List.of(MODELS.get(0), MODELS.get(1),
      SqlModel.parse("intermediate/int_mapped.sql", """
          -- grain: one row per figure, mapped
          -- depends on: staging.stg_f, intermediate.int_codes
          -- materialized: view
          -- incremental: delivery_sha256, measure from staging.stg_f, intermediate.int_codes
          select * from staging.stg_f
          """),
      MODELS.get(3));

  private static BuildInputs inputs(String crosswalk, String... deliveries) {
    return inputs(MODELS, crosswalk, deliveries);
  }

  private static BuildInputs inputs(List<SqlModel> models, String crosswalk, String... deliveries) {
    Map<String, String> versions = new TreeMap<>(Map.of("format", BuildInputs.FORMAT, BuildInputs.MACROS, "m",
        "ref.crosswalk", crosswalk));
    models.forEach(m -> versions.put("model " + m.qualifiedName(), Integer.toString(m.definition().hashCode())));
    Map<String, BuildInputs.Delivery> published = new TreeMap<>();
    for (String d : deliveries) {
      published.put(d, new BuildInputs.Delivery(d, "run-1", Set.of("lake.figures")));
    }
    return new BuildInputs(versions, published);
  }

  @Test
  void aCrosswalkChangeUpdatesTheCodesItChangesAndAModelByDeliveryTakesTheirWholeDeliveries() {
    BuildPlan plan = BuildPlan.of(inputs("v1", "d1", "d2", "d3", "d4"), inputs("v2", "d1", "d2", "d3", "d4"), MODELS, false);
    assertEquals(Action.KEEP, plan.decide(MODELS.get(0)).action());
    assertEquals(Action.REBUILD, plan.decide(MODELS.get(1)).action());
    assertEquals("measure", plan.codeColumnOf(MODELS.get(1)), "the codes are compared by measure for the model that reads them so");
    assertEquals(null, plan.codeColumnOf(MODELS.get(2)), "the mapped figures are read by delivery only");
    plan.rebuilt(MODELS.get(1), new Change(Set.of(), "measure", Map.of("d1", Set.of("a"), "d2", Set.of("b", "c"))));
    BuildPlan.Step mapped = plan.decide(MODELS.get(2));
    assertEquals(Action.UPDATE, mapped.action());
    assertEquals(new Change(Set.of(), "measure", Map.of("d1", Set.of("a"), "d2", Set.of("b", "c"))), mapped.change());
    BuildPlan.Step byDelivery = plan.decide(MODELS.get(3));
    assertEquals(Action.UPDATE, byDelivery.action());
    assertEquals(Change.of(Set.of("d1", "d2")), byDelivery.change());
  }

  @Test
  void aNewDeliveryInTheSameBuildIsUpdatedWholeBesideTheCodesOfTheOthers() {
    BuildPlan plan = BuildPlan.of(inputs("v1", "d1", "d2", "d3", "d4"), inputs("v2", "d1", "d2", "d3", "d4", "d5"), MODELS,
        false);
    assertEquals(Change.of(Set.of("d5")), plan.decide(MODELS.get(0)).change());
    assertEquals(Action.REBUILD, plan.decide(MODELS.get(1)).action());
    plan.rebuilt(MODELS.get(1), new Change(Set.of("d5"), "measure", Map.of("d1", Set.of("a"))));
    BuildPlan.Step mapped = plan.decide(MODELS.get(2));
    assertEquals(new Change(Set.of("d5"), "measure", Map.of("d1", Set.of("a"))), mapped.change());
    assertEquals(Set.of("d1", "d5"), mapped.change().touched());
  }

  @Test
  void anUpdateThatChangedNoRowKeepsTheModelsAfterIt() {
    BuildPlan plan = BuildPlan.of(inputs("v1", "d1", "d2", "d3", "d4"), inputs("v2", "d1", "d2", "d3", "d4"), MODELS, false);
    plan.decide(MODELS.get(0));
    plan.decide(MODELS.get(1));
    plan.rebuilt(MODELS.get(1), new Change(Set.of(), "measure", Map.of("d1", Set.of("a"))));
    assertEquals(Action.UPDATE, plan.decide(MODELS.get(2)).action());
    plan.updatedToTheSameRows(MODELS.get(2));
    assertEquals(Action.KEEP, plan.decide(MODELS.get(3)).action());
  }

  @Test
  void aViewPassesTheChangeOfItsInputsOnHoweverManyDeliveriesItTouches() {
    for (Map<String, Set<String>> codes : List.of(Map.of("d1", Set.of("a")),
        Map.of("d1", Set.of("a"), "d2", Set.of("a"), "d3", Set.of("a")))) {
      BuildPlan plan = BuildPlan.of(inputs(WITH_A_VIEW, "v1", "d1", "d2", "d3", "d4"), inputs(WITH_A_VIEW, "v2", "d1", "d2", "d3", "d4"),
          WITH_A_VIEW, false);
      plan.decide(WITH_A_VIEW.get(0));
      plan.decide(WITH_A_VIEW.get(1));
      plan.rebuilt(WITH_A_VIEW.get(1), new Change(Set.of(), "measure", codes));
      BuildPlan.Step view = plan.decide(WITH_A_VIEW.get(2));
      assertEquals(Action.UPDATE, view.action(), "a view is never rebuilt for the share of deliveries it touches: " + codes);
      assertEquals(new Change(Set.of(), "measure", codes), view.change());
      BuildPlan.Step after = plan.decide(WITH_A_VIEW.get(3));
      if (codes.size() == 1) {
        assertEquals(Action.UPDATE, after.action(), "the table after the view is updated by the view's change");
        assertEquals(Change.of(Set.of("d1")), after.change());
      } else {
        assertEquals(Action.REBUILD, after.action(), "the table after it decides for itself: 3 of 4 deliveries, rebuilt");
      }
    }
  }

  @Test
  void aViewWhoseTextChangedIsMadeAgainAndTheModelsAfterItAreRebuilt() {
    BuildPlan plan = BuildPlan.of(inputs(MODELS, "v1", "d1", "d2"), inputs(WITH_A_VIEW, "v1", "d1", "d2"), WITH_A_VIEW, false);
    assertEquals(Action.KEEP, plan.decide(WITH_A_VIEW.get(0)).action());
    assertEquals(Action.KEEP, plan.decide(WITH_A_VIEW.get(1)).action());
    assertEquals(Action.REBUILD, plan.decide(WITH_A_VIEW.get(2)).action(), "the table became a view");
    assertEquals(Action.REBUILD, plan.decide(WITH_A_VIEW.get(3)).action());
  }

  @Test
  void codesOfMoreThanHalfOfTheDeliveriesRebuildTheModel() {
    BuildPlan plan = BuildPlan.of(inputs("v1", "d1", "d2", "d3", "d4"), inputs("v2", "d1", "d2", "d3", "d4"), MODELS, false);
    plan.decide(MODELS.get(0));
    plan.decide(MODELS.get(1));
    plan.rebuilt(MODELS.get(1), new Change(Set.of(), "measure", Map.of("d1", Set.of("a"), "d2", Set.of("a"), "d3", Set.of("a"))));
    assertEquals(Action.REBUILD, plan.decide(MODELS.get(2)).action());
  }
}
