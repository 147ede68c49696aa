package org.palabre.sources.dhis2;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.palabre.codes.CountryCodes;
import org.palabre.model.Delivery;
import org.palabre.model.Observation;
import org.palabre.model.Period;
import org.palabre.sources.dhis2.Dhis2MetadataObject.OrgUnit;

/**
 * Turns a validated DHIS2 value ({@link Dhis2Observation}) into Palabre's common {@link
 * Observation}: the org unit's name, its region (level 2) as {@code adm1} and district (level 3)
 * as {@code adm2}, the country of the tree's root, the member from {@link Dhis2MemberMapping}, and
 * the period with its dates and a Palabre period type.
 *
 * <p>DHIS2 stores a disaggregated data element only by its cells (female × 0-4, ...), never its
 * total. {@link #breakdowns} gives the totals a cell adds to (by sex, by age, overall), which the
 * pipeline sums into derived observations, so that a DHIS2 figure has its total beside its
 * breakdowns like every other source (a source row's total and breakdowns are never added).
 */
public final class Dhis2Harmoniser {

  private final Dhis2Metadata metadata;
  private final Dhis2MemberMapping members;
  private final CountryCodes countries;

  public Dhis2Harmoniser(Dhis2Metadata metadata, Dhis2MemberMapping members, CountryCodes countries) {
    this.metadata = metadata;
    this.members = members;
    this.countries = countries;
  }

  /** Where a unit sits: names along its ancestry, its country and its member. */
  public record Place(List<OrgUnit> ancestry, String country, String region, String district,
      String facility, String countryIso2, String member) {

    String rootLabel() {
      return ancestry.isEmpty() ? "?" : "'" + ancestry.get(0).name() + "' (" + ancestry.get(0).id() + ")";
    }
  }

  public Place place(String orgUnitUid) {
    OrgUnitTree tree = metadata.orgUnitTree();
    List<OrgUnit> ancestry = tree.ancestry(orgUnitUid);
    String iso2 = null;
    for (OrgUnit unit : ancestry) {
      Optional<String> found = countries.toIso2(unit.name());
      if (found.isEmpty()) {
        found = countries.toIso2(unit.shortName());
      }
      if (found.isPresent()) {
        iso2 = found.get();
        break;
      }
    }
    return new Place(ancestry, nameAt(tree, orgUnitUid, 1), nameAt(tree, orgUnitUid, 2),
        nameAt(tree, orgUnitUid, 3), nameAt(tree, orgUnitUid, 4), iso2,
        members.memberOf(ancestry).orElse(null));
  }

  private static String nameAt(OrgUnitTree tree, String uid, int level) {
    return tree.ancestorAtLevel(uid, level).map(OrgUnit::name).orElse(null);
  }

  /** The common observation of a validated value, at {@code line} of its delivery. */
  public Observation harmonise(Dhis2Observation value, Place place, Delivery delivery, long line) {
    Period period = period(value.period());
    String name = metadata.orgUnit(value.orgUnit()).map(OrgUnit::name).orElse(value.orgUnit());
    return new Observation(delivery.runId(), delivery.sha256(), delivery.sourceFamily(),
        delivery.sourceFile(), line, place.member(), name, place.countryIso2(), place.region(),
        place.district(), null, period.type(), period.label(), period.start(), period.end(),
        value.metricCode(), value.sex(), value.ageGroup(), value.value().doubleValue(), false);
  }

  /**
   * The totals a disaggregated value adds to, as derived observations carrying the value: by sex
   * (age summed), by age (sex summed) and overall. None for a value that is itself a total.
   */
  public static List<Observation> breakdowns(Observation cell) {
    List<Observation> totals = new ArrayList<>();
    if (cell.sex() == null && cell.ageGroup() == null) {
      return totals;
    }
    if (cell.sex() != null && cell.ageGroup() != null) {
      totals.add(derived(cell, cell.sex(), null));
      totals.add(derived(cell, null, cell.ageGroup()));
    }
    totals.add(derived(cell, null, null));
    return totals;
  }

  private static Observation derived(Observation o, String sex, String age) {
    return new Observation(o.runId(), o.deliverySha256(), o.sourceFamily(), o.sourceFile(),
        o.sourceLine(), o.member(), o.orgUnit(), o.countryIso2(), o.adm1(), o.adm2(), o.sector(),
        o.periodType(), o.period(), o.periodStart(), o.periodEnd(), o.metricCode(), sex, age,
        o.value(), true);
  }

  /**
   * DHIS2's period in Palabre's terms: {@code day}, {@code month}, {@code quarter}, {@code year}
   * written as Palabre writes them ({@code 2016-03}, {@code 2016Q1}, {@code 2016}); the other types
   * keep DHIS2's notation ({@code 2016W12}, {@code 2016April}) with a type of their own: {@code
   * week} (every 7-day type), {@code bi_week}, {@code bi_month}, {@code quarter_nov}, {@code
   * six_month}, {@code six_month_april}, {@code six_month_nov}, {@code financial_year} (April, July,
   * October and November years).
   */
  public static Period period(Dhis2Period p) {
    return switch (p.type()) {
      case DAILY -> Period.day(p.start());
      case MONTHLY -> Period.month(java.time.YearMonth.from(p.start()));
      case QUARTERLY -> Period.quarterOf(p.start());
      case YEARLY -> Period.year(p.start().getYear());
      default -> new Period(typeName(p.type()), p.iso(), p.start(), p.end());
    };
  }

  static String typeName(Dhis2PeriodType type) {
    return switch (type) {
      case DAILY -> "day";
      case WEEKLY, WEEKLY_WEDNESDAY, WEEKLY_THURSDAY, WEEKLY_SATURDAY, WEEKLY_SUNDAY -> "week";
      case BI_WEEKLY -> "bi_week";
      case MONTHLY -> "month";
      case BI_MONTHLY -> "bi_month";
      case QUARTERLY -> "quarter";
      case QUARTERLY_NOV -> "quarter_nov";
      case SIX_MONTHLY -> "six_month";
      case SIX_MONTHLY_APRIL -> "six_month_april";
      case SIX_MONTHLY_NOV -> "six_month_nov";
      case YEARLY -> "year";
      case FINANCIAL_APRIL, FINANCIAL_JULY, FINANCIAL_OCT, FINANCIAL_NOV -> "financial_year";
    };
  }
}
