package org.palabre.sources.iati;

import java.math.BigDecimal;
import java.time.LocalDate;
import org.palabre.sources.iati.IatiTransaction.Party;

/** What has been read of a {@code transaction} before it is validated; {@link #build} validates and harmonises it. */
final class TransactionDraft {
  final long line;
  final String path;
  final String ref;
  String type;
  String date;
  String value;
  String currency;
  String valueDate;
  Party provider;
  Party receiver;
  String description;
  String raw;

  TransactionDraft(long line, String path, String ref) {
    this.line = line;
    this.path = path;
    this.ref = ref;
  }

  IatiTransaction build(ActivityDraft a, IatiCodes codes) {
    String reported = IatiValues.trimToNull(type);
    if (reported == null) {
      throw new IllegalArgumentException("transaction has no transaction-type/@code");
    }
    String code =
        codes
            .transactionType(reported)
            .orElseThrow(
                () ->
                    new IllegalArgumentException(
                        "transaction-type/@code '"
                            + reported
                            + "' is not in the IATI TransactionType codelist: "
                            + codes.transactionTypeChoices()));
    LocalDate transactionDate = IatiValues.date(date, "transaction-date/@iso-date");
    BigDecimal amount = IatiValues.amount(value, "transaction/value");
    String currencyCode = a.currency(currency, "transaction/value");
    LocalDate date = IatiValues.optionalDate(valueDate, "transaction/value/@value-date");
    return new IatiTransaction(
        a.identifier,
        line,
        path,
        IatiValues.trimToNull(ref),
        code,
        reported,
        transactionDate,
        amount,
        currencyCode,
        date != null ? date : transactionDate,
        provider,
        receiver,
        description);
  }
}
