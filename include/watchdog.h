/*
 * watchdog — a transfer that hears nothing for too long gives up.
 *
 * libgit2 1.5's transports have no timeout of their own: a hub that
 * accepts the connection and then says nothing (a hung server, a
 * firewall that drops packets after the handshake) kept a pull or push,
 * and the cron job behind it, waiting for ever.  A second thread counts
 * the seconds in which the transfer showed no sign of life: no byte moved
 * on any of the process's TCP connections (the kernel's counts, TCP_INFO:
 * libgit2 makes no callback while a server lists its refs or negotiates)
 * and libgit2 made no callback (objects received, a pack being built);
 * past the limit it shuts down the process's network sockets, so the
 * read or write libgit2 is blocked in returns, and the transfer fails on
 * its ordinary path: nothing half-received is used, nothing is left
 * locked.  zdh_watchdog_fired() then tells the caller why, so that its
 * message names the silence, not the broken connection it caused.
 *
 * Silence is counted only while the watchdog is armed: zdh's own work
 * between two network calls (deciding what to send) is not silence.
 * A remote that is never silent but sends a few bytes at a time for ever
 * (a tarpit, a proxy gone wrong) is cut too when given a floor: fewer
 * than low_speed bytes a second over the same number of seconds, as
 * git's http.lowSpeedLimit and lowSpeedTime do.
 */
#ifndef ZDH_WATCHDOG_H
#define ZDH_WATCHDOG_H

struct zdh_watchdog;

/*
 * A watchdog for seconds of silence (the thread starts now, disarmed);
 * seconds 0 or less gives none (NULL), which every function below takes.
 * NULL also when the thread cannot start: the transfer then runs without.
 * low_speed > 0: a remote that keeps sending, but fewer than low_speed
 * bytes a second over seconds (a trickle that never ends), is cut too.
 */
struct zdh_watchdog *zdh_watchdog_start(long long seconds, long long low_speed);
/* Count silence from now on / no more (until armed again). */
void zdh_watchdog_arm(struct zdh_watchdog *w);
void zdh_watchdog_disarm(struct zdh_watchdog *w);
/* A sign of life: the silence starts again.  Cheap: one atomic add. */
void zdh_watchdog_poke(struct zdh_watchdog *w);
/* Why the watchdog cut the transfer, or 0 when it did not. */
enum { ZDH_WATCHDOG_SILENT = 1, ZDH_WATCHDOG_SLOW = 2 };
int zdh_watchdog_fired(const struct zdh_watchdog *w);
/* The limit it was started with, in seconds; its floor, in bytes a second. */
long long zdh_watchdog_seconds(const struct zdh_watchdog *w);
long long zdh_watchdog_low_speed(const struct zdh_watchdog *w);
/* Stop the thread and free w. */
void zdh_watchdog_stop(struct zdh_watchdog *w);

#endif
