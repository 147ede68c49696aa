package org.palabre.money;

/**
 * No exchange rate can value an amount: the currency has no rate at all, only rates after the value
 * date, or the amount has no value date. Checked on purpose: callers turn it into a rejection with
 * {@link #getMessage()} as the reason, and never fall back to a rate of 1.
 */
public final class RateNotFoundException extends Exception {

  private static final long serialVersionUID = 1L;

  public RateNotFoundException(String message) {
    super(message);
  }
}
