/*
 * setting — the record kind "setting": the settings of the whole
 * sub-district that every office must read alike for their reports to
 * agree (zdh.holidays, zdh.workdays, zdh.overdue-days), kept as one
 * signed, versioned record that every replica folds (zdh-config(1)).
 */
#ifndef ZDH_SETTING_H
#define ZDH_SETTING_H

#include "date.h"
#include "kind.h"

struct zdh_txn;

/* The one record of the shared settings (of no office: kind.h, unowned). */
#define ZDH_SETTING_ID "ZDH-S1"

extern const struct zdh_kind zdh_kind_setting;

/* key as the shared settings spell it ("zdh.holidays") when it is one, any case; else NULL. */
const char *zdh_setting_shared(const char *key);
/*
 * Write key (a shared one, zdh_setting_shared) as value for every
 * office, or unset it (value NULL, or empty where the key takes that,
 * a list of no days): the key's default then, whatever an office's
 * files say.  value is checked as zdh config checks it.
 */
int zdh_setting_set(struct zdh_txn *txn, const char *key, const char *value,
		    const struct zdh_time *date);

#endif
