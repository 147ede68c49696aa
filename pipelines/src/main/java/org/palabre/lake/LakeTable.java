package org.palabre.lake;

import java.io.Serializable;
import java.lang.reflect.RecordComponent;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.coders.SerializableCoder;
import org.apache.beam.sdk.values.TupleTag;
import org.palabre.codes.SchemaFiles;
import org.palabre.model.AdvocacyActionRow;
import org.palabre.model.AlertRow;
import org.palabre.model.ExchangeRateRow;
import org.palabre.model.FileLoad;
import org.palabre.model.MissionRow;
import org.palabre.model.PartnershipRow;
import org.palabre.model.SurgicalPatientRow;
import org.palabre.model.SurveyScoreRow;
import org.palabre.model.SourceFigure;
import org.palabre.model.Rejection;
import org.palabre.model.iati.IatiActivityRow;
import org.palabre.model.iati.IatiBudgetRow;
import org.palabre.model.iati.IatiParticipatingOrgRow;
import org.palabre.model.iati.IatiResultRow;
import org.palabre.model.iati.IatiTransactionRow;
import org.palabre.model.Dhis2MetadataRow;
import org.palabre.model.Dhis2OrgUnitRow;

/**
 * A canonical table of the lake: its name (the folder under the lake), the Java record the
 * pipelines produce for it, and its Avro schema from {@code schemas/lake/<name>.avsc}, which is
 * the contract. Record components map to schema fields by name ({@code sourceLine} to
 * {@code source_line}); a mismatch fails when the table is first used, never silently.
 *
 * <p>Each table is also a Beam output tag, so a source family's transform returns a
 * {@code PCollectionTuple} keyed by the tables it fills.
 */
public final class LakeTable<T extends Record & Serializable> implements Serializable {

  public static final LakeTable<SourceFigure> FIGURES = new LakeTable<>("figures", SourceFigure.class);
  public static final LakeTable<Rejection> REJECTED_ROWS = new LakeTable<>("rejected_rows", Rejection.class);
  public static final LakeTable<FileLoad> FILE_LOADS = new LakeTable<>("file_loads", FileLoad.class);
  public static final LakeTable<Dhis2OrgUnitRow> DHIS2_ORG_UNITS = new LakeTable<>("dhis2_org_units", Dhis2OrgUnitRow.class);
  public static final LakeTable<Dhis2MetadataRow> DHIS2_METADATA = new LakeTable<>("dhis2_metadata", Dhis2MetadataRow.class);
  public static final LakeTable<MissionRow> MISSIONS = new LakeTable<>("missions", MissionRow.class);
  public static final LakeTable<SurgicalPatientRow> SURGICAL_PATIENTS = new LakeTable<>("surgical_patients", SurgicalPatientRow.class);
  public static final LakeTable<PartnershipRow> PARTNERSHIPS = new LakeTable<>("partnerships", PartnershipRow.class);
  public static final LakeTable<SurveyScoreRow> PARTNER_SURVEY_ANSWERS = new LakeTable<>("partner_survey_answers", SurveyScoreRow.class);
  public static final LakeTable<AlertRow> ALERTS = new LakeTable<>("alerts", AlertRow.class);
  public static final LakeTable<AdvocacyActionRow> ADVOCACY_ACTIONS = new LakeTable<>("advocacy_actions", AdvocacyActionRow.class);
  public static final LakeTable<ExchangeRateRow> EXCHANGE_RATES = new LakeTable<>("exchange_rates", ExchangeRateRow.class);
  public static final LakeTable<org.palabre.model.TargetRow> TARGETS = new LakeTable<>("targets", org.palabre.model.TargetRow.class);
  public static final LakeTable<org.palabre.model.ExpectedReportRow> EXPECTED_REPORTS =
      new LakeTable<>("expected_reports", org.palabre.model.ExpectedReportRow.class);
  public static final LakeTable<org.palabre.model.OutlierBoundRow> OUTLIER_BOUNDS =
      new LakeTable<>("outlier_bounds", org.palabre.model.OutlierBoundRow.class);

  public static final LakeTable<IatiActivityRow> IATI_ACTIVITIES = new LakeTable<>("iati_activities", IatiActivityRow.class);
  public static final LakeTable<IatiParticipatingOrgRow> IATI_PARTICIPATING_ORGS =
      new LakeTable<>("iati_participating_orgs", IatiParticipatingOrgRow.class);
  public static final LakeTable<IatiBudgetRow> IATI_BUDGETS = new LakeTable<>("iati_budgets", IatiBudgetRow.class);
  public static final LakeTable<IatiTransactionRow> IATI_TRANSACTIONS = new LakeTable<>("iati_transactions", IatiTransactionRow.class);
  public static final LakeTable<IatiResultRow> IATI_RESULTS = new LakeTable<>("iati_results", IatiResultRow.class);

  private static final List<LakeTable<?>> ALL = new ArrayList<>(List.of(FIGURES, REJECTED_ROWS, FILE_LOADS,
      IATI_ACTIVITIES, IATI_PARTICIPATING_ORGS, IATI_BUDGETS, IATI_TRANSACTIONS, IATI_RESULTS, DHIS2_ORG_UNITS, DHIS2_METADATA));

  static {
    ALL.addAll(List.of(MISSIONS, SURGICAL_PATIENTS, PARTNERSHIPS, PARTNER_SURVEY_ANSWERS, ALERTS, ADVOCACY_ACTIONS, EXCHANGE_RATES, TARGETS));
    ALL.addAll(List.of(EXPECTED_REPORTS, OUTLIER_BOUNDS));
  }

  private final String name;
  private final Class<T> recordClass;
  private final TupleTag<T> tag;
  private transient Schema schema;
  private transient Accessor[] accessors;

  private LakeTable(String name, Class<T> recordClass) {
    this.name = name;
    this.recordClass = recordClass;
    this.tag = new TupleTag<>(name);
  }

  /** Every table of the lake, in a stable order. */
  public static List<LakeTable<?>> all() {
    return List.copyOf(ALL);
  }

  public String name() {
    return name;
  }

  /** The Java record the pipelines produce for this table. */
  public Class<T> recordClass() {
    return recordClass;
  }

  public TupleTag<T> tag() {
    return tag;
  }

  public Coder<T> coder() {
    return SerializableCoder.of(recordClass);
  }

  public String schemaJson() {
    return SchemaFiles.readString("lake/" + name + ".avsc");
  }

  public Schema avroSchema() {
    if (schema == null) {
      schema = new Schema.Parser().parse(schemaJson());
    }
    return schema;
  }

  /** The record as an Avro record of the table's schema. */
  public GenericRecord toAvro(T record) {
    Accessor[] fields = accessors();
    GenericData.Record avro = new GenericData.Record(avroSchema());
    try {
      for (int i = 0; i < fields.length; i++) {
        Object value = fields[i].component.getAccessor().invoke(record);
        avro.put(i, value instanceof LocalDate date ? (int) date.toEpochDay() : value);
      }
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("cannot read " + recordClass.getSimpleName(), e);
    }
    return avro;
  }

  private record Accessor(RecordComponent component) {}

  private Accessor[] accessors() {
    if (accessors == null) {
      Map<String, RecordComponent> components = new HashMap<>();
      for (RecordComponent c : recordClass.getRecordComponents()) {
        components.put(snakeCase(c.getName()), c);
      }
      List<Schema.Field> fields = avroSchema().getFields();
      if (fields.size() != components.size()) {
        throw new IllegalStateException("schemas/lake/" + name + ".avsc has " + fields.size() + " fields but "
            + recordClass.getSimpleName() + " has " + components.size() + " components: keep them in step");
      }
      Accessor[] result = new Accessor[fields.size()];
      for (Schema.Field field : fields) {
        RecordComponent component = components.get(field.name());
        if (component == null) {
          throw new IllegalStateException("schemas/lake/" + name + ".avsc field '" + field.name() + "' has no component in "
              + recordClass.getSimpleName());
        }
        result[field.pos()] = new Accessor(component);
      }
      accessors = result;
    }
    return accessors;
  }

  static String snakeCase(String camel) {
    StringBuilder out = new StringBuilder();
    for (char c : camel.toCharArray()) {
      if (Character.isUpperCase(c)) {
        out.append('_').append(Character.toLowerCase(c));
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }

  @Override
  public String toString() {
    return name;
  }
}
