/*
 * currency.h - the active ISO 4217 currency codes, for a model's
 * `currency:` (docs/format.md).
 */
#ifndef CAPEX_CURRENCY_H
#define CAPEX_CURRENCY_H

/** Nonzero when code is an active ISO 4217 alphabetic code (USD, KRW). */
int currency_known(const char *code);

/** The known code nearest to code (a likely typo: USS -> USD), or NULL. */
const char *currency_nearest(const char *code);

#endif
