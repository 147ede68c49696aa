package org.palabre.sources.iati;

import java.io.Serializable;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/**
 * The descriptive part of one {@code iati-activity}: who reports it, who takes part, where and in
 * which sectors it works, and its dates. Its money (budgets, transactions) and results come as
 * separate {@link IatiBudget}, {@link IatiTransaction} and {@link IatiResultPeriod} records that
 * carry the same {@link #iatiIdentifier()}.
 *
 * <p>Texts ({@code title}, organisation names) are the English narrative when there is one (by its
 * own {@code xml:lang} or, without one, by the activity's default language), else the first.
 * Nullable fields are null when the element or attribute is absent.
 *
 * @param iatiIdentifier {@code iati-identifier}
 * @param line line where {@code <iati-activity>} starts
 * @param path {@code iati-activity[N]}: the activity's position in the file (see {@link IatiRecord#path()})
 * @param standardVersion {@code iati-activity/@version}, else {@code iati-activities/@version}; null
 *     when neither is given
 * @param defaultCurrency {@code @default-currency}, upper-case ISO 4217; nullable
 * @param lastUpdatedDateTime {@code @last-updated-datetime} as written (xsd:dateTime, with or
 *     without a zone); nullable
 * @param lastUpdatedUtc the same instant in UTC, {@code yyyy-MM-ddTHH:mm:ss.SSSZ} (a time without a
 *     zone is taken as UTC, a date alone as its midnight); null when absent or not a date-time
 * @param reportingOrg {@code reporting-org}; nullable
 * @param title {@code title} narrative; nullable
 * @param participatingOrgs every {@code participating-org}, in file order
 * @param recipientCountries every {@code recipient-country}, in file order
 * @param recipientRegions every {@code recipient-region}, in file order
 * @param sectors every activity-level {@code sector}, in file order
 * @param activityStatus {@code activity-status/@code} (ActivityStatus codelist); nullable
 * @param plannedStart {@code activity-date} type 1 (or 1.0x {@code start-planned}); nullable
 * @param actualStart type 2 ({@code start-actual}); nullable
 * @param plannedEnd type 3 ({@code end-planned}); nullable
 * @param actualEnd type 4 ({@code end-actual}); nullable
 */
public record IatiActivity(
    String iatiIdentifier,
    long line,
    String path,
    String standardVersion,
    String defaultCurrency,
    String lastUpdatedDateTime,
    String lastUpdatedUtc,
    ReportingOrg reportingOrg,
    String title,
    List<ParticipatingOrg> participatingOrgs,
    List<RecipientCountry> recipientCountries,
    List<RecipientRegion> recipientRegions,
    List<Sector> sectors,
    String activityStatus,
    LocalDate plannedStart,
    LocalDate actualStart,
    LocalDate plannedEnd,
    LocalDate actualEnd)
    implements IatiRecord {

  public IatiActivity {
    Objects.requireNonNull(iatiIdentifier, "iatiIdentifier");
    participatingOrgs = List.copyOf(participatingOrgs);
    recipientCountries = List.copyOf(recipientCountries);
    recipientRegions = List.copyOf(recipientRegions);
    sectors = List.copyOf(sectors);
  }

  /**
   * {@code reporting-org}.
   *
   * @param ref organisation identifier; nullable
   * @param type OrganisationType code; nullable
   * @param name narrative; nullable
   */
  public record ReportingOrg(String ref, String type, String name) implements Serializable {}

  /**
   * {@code participating-org}.
   *
   * @param ref organisation identifier; nullable
   * @param role OrganisationRole code {@code 1} funding, {@code 2} accountable, {@code 3}
   *     extending, {@code 4} implementing (1.0x words such as {@code Funding} are mapped to these);
   *     any other value is kept as written; nullable
   * @param type OrganisationType code; nullable
   * @param name narrative; nullable
   */
  public record ParticipatingOrg(String ref, String role, String type, String name) implements Serializable {}

  /**
   * {@code recipient-country}.
   *
   * @param code ISO 3166-1 alpha-2 as written
   * @param percentage nullable
   */
  public record RecipientCountry(String code, BigDecimal percentage) implements Serializable {}

  /**
   * {@code recipient-region}.
   *
   * @param code region code
   * @param vocabulary RegionVocabulary code, {@code 1} (OECD DAC) when absent
   * @param percentage nullable
   */
  public record RecipientRegion(String code, String vocabulary, BigDecimal percentage) implements Serializable {}

  /**
   * Activity-level {@code sector}.
   *
   * @param code sector code
   * @param vocabulary SectorVocabulary code, {@code 1} (OECD DAC 5-digit) when absent
   * @param percentage nullable
   */
  public record Sector(String code, String vocabulary, BigDecimal percentage) implements Serializable {}
}
