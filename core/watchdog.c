/*
 * watchdog — see include/watchdog.h.
 */
#include <dirent.h>
#include <errno.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <netinet/in.h>
#include <linux/tcp.h>		/* (glibc's struct tcp_info has no byte counts) */
#include <time.h>

#include "watchdog.h"

struct zdh_watchdog {
	pthread_mutex_t lock;
	pthread_cond_t cond;	/* (CLOCK_MONOTONIC) stop wakes the thread */
	pthread_t thread;
	long long seconds;
	long long low_speed;	/* bytes a second a transfer must move, over seconds; 0: no floor */
	int stopping;		/* (under lock) */
	atomic_ulong pokes;
	atomic_int armed;
	atomic_int fired;
};

/*
 * Each TCP socket of the process (IPv4 or IPv6): the transfer's.  A local
 * socket (ssh-agent's) is not one, nor is anything that is not a socket
 * (getsockopt() fails on it).  Without /proc, the first 4096 descriptors.
 */
static void if_tcp(int fd, void (*fn)(int fd, void *arg), void *arg)
{
	int domain, proto;
	socklen_t len = sizeof(domain);

	if (getsockopt(fd, SOL_SOCKET, SO_DOMAIN, &domain, &len) ||
	    (domain != AF_INET && domain != AF_INET6))
		return;
	len = sizeof(proto);
	if (!getsockopt(fd, SOL_SOCKET, SO_PROTOCOL, &proto, &len) && proto == IPPROTO_TCP)
		fn(fd, arg);
}

static void each_tcp(void (*fn)(int fd, void *arg), void *arg)
{
	DIR *d = opendir("/proc/self/fd");
	struct dirent *e;

	if (!d) {
		for (int fd = 0; fd < 4096; fd++)
			if_tcp(fd, fn, arg);
		return;
	}
	while ((e = readdir(d)))
		if (e->d_name[0] >= '0' && e->d_name[0] <= '9' && atoi(e->d_name) != dirfd(d))
			if_tcp(atoi(e->d_name), fn, arg);
	closedir(d);
}

/* The bytes a socket has received, and the bytes of it the other side acknowledged. */
static void add_traffic(int fd, void *arg)
{
	struct tcp_info ti;
	socklen_t len = sizeof(ti);

	memset(&ti, 0, sizeof(ti));
	if (!getsockopt(fd, IPPROTO_TCP, TCP_INFO, &ti, &len))
		*(unsigned long long *)arg += ti.tcpi_bytes_received + ti.tcpi_bytes_acked;
}

/*
 * The bytes that moved on the process's connections: a sign of life that
 * libgit2 makes no callback for (the refs a server lists, a fetch's
 * negotiation, a push's pack going out, ssh's and TLS's own traffic).
 */
static unsigned long long traffic(void)
{
	unsigned long long n = 0;

	each_tcp(add_traffic, &n);
	return n;
}

/* shutdown() wakes a thread blocked in recv(), send() or connect() on fd, which then fails. */
static void cut(int fd, void *arg)
{
	(void)arg;
	shutdown(fd, SHUT_RDWR);
}

/*
 * Each tick: bytes moved are the remote's sign of life; a callback with
 * no byte moved is this process's own work (a pack being built), which
 * is neither silence nor the remote's speed.  Silence for the limit fires
 * (ZDH_WATCHDOG_SILENT); so does a window of at least the limit's length,
 * counted from the last own work and ending with bytes moved, in which
 * fewer than low_speed bytes a second moved (ZDH_WATCHDOG_SLOW: a remote
 * that trickles a few bytes at a time and never ends, as git's
 * http.lowSpeedLimit and curl's speed-limit).
 */
static void *watch(void *arg)
{
	struct zdh_watchdog *w = arg;
	/* a quarter of the limit, at most a second, between two looks */
	long long tick_ms = w->seconds >= 4 ? 1000 : w->seconds * 250, silent_ms = 0, window_ms = 0;
	unsigned long seen = atomic_load(&w->pokes);
	unsigned long long moved = traffic(), window_bytes = 0;
	struct timespec at;
	int fired = 0;

	pthread_mutex_lock(&w->lock);
	clock_gettime(CLOCK_MONOTONIC, &at);
	while (!w->stopping && !fired) {
		at.tv_nsec += (tick_ms % 1000) * 1000000;
		at.tv_sec += tick_ms / 1000 + at.tv_nsec / 1000000000;
		at.tv_nsec %= 1000000000;
		if (pthread_cond_timedwait(&w->cond, &w->lock, &at) != ETIMEDOUT)
			continue;	/* (stopped, or woken for nothing) */
		unsigned long now = atomic_load(&w->pokes);
		unsigned long long bytes = traffic();
		if (!atomic_load(&w->armed) || (now != seen && bytes == moved)) {
			silent_ms = window_ms = 0;	/* disarmed, or our own work */
			window_bytes = 0;
		} else if (bytes != moved) {
			silent_ms = 0;
			window_ms += tick_ms;
			/* (a connection closed takes its bytes out of the count) */
			window_bytes += bytes > moved ? bytes - moved : 0;
		} else {
			window_ms += tick_ms;
			if ((silent_ms += tick_ms) >= w->seconds * 1000)
				fired = ZDH_WATCHDOG_SILENT;
		}
		seen = now;
		moved = bytes;
		/* (judged at a tick that moved bytes: a window that ends silent is the silence's) */
		if (!fired && w->low_speed && window_ms >= w->seconds * 1000 && !silent_ms) {
			if (window_bytes < (unsigned long long)w->low_speed * (unsigned long long)w->seconds)
				fired = ZDH_WATCHDOG_SLOW;
			window_ms = 0;
			window_bytes = 0;
		}
	}
	if (fired) {
		atomic_store(&w->fired, fired);
		each_tcp(cut, NULL);
	}
	pthread_mutex_unlock(&w->lock);
	return NULL;
}

struct zdh_watchdog *zdh_watchdog_start(long long seconds, long long low_speed)
{
	struct zdh_watchdog *w;
	pthread_condattr_t ca;

	if (seconds <= 0 || !(w = calloc(1, sizeof(*w))))
		return NULL;
	w->seconds = seconds > 86400 * 365 ? 86400 * 365 : seconds;
	/* (more than a terabyte a second is no floor a link meets: none overflows the window's count) */
	w->low_speed = low_speed < 0 ? 0 : low_speed > (1LL << 40) ? 1LL << 40 : low_speed;
	atomic_init(&w->pokes, 0);
	atomic_init(&w->armed, 0);
	atomic_init(&w->fired, 0);
	pthread_condattr_init(&ca);
	pthread_condattr_setclock(&ca, CLOCK_MONOTONIC);
	pthread_mutex_init(&w->lock, NULL);
	pthread_cond_init(&w->cond, &ca);
	pthread_condattr_destroy(&ca);
	if (pthread_create(&w->thread, NULL, watch, w)) {
		pthread_cond_destroy(&w->cond);
		pthread_mutex_destroy(&w->lock);
		free(w);
		return NULL;
	}
	return w;
}

void zdh_watchdog_poke(struct zdh_watchdog *w)
{
	if (w)
		atomic_fetch_add_explicit(&w->pokes, 1, memory_order_relaxed);
}

void zdh_watchdog_arm(struct zdh_watchdog *w)
{
	if (w) {
		zdh_watchdog_poke(w);
		atomic_store(&w->armed, 1);
	}
}

void zdh_watchdog_disarm(struct zdh_watchdog *w)
{
	if (w)
		atomic_store(&w->armed, 0);
}

int zdh_watchdog_fired(const struct zdh_watchdog *w)
{
	return w ? atomic_load(&((struct zdh_watchdog *)w)->fired) : 0;
}

long long zdh_watchdog_seconds(const struct zdh_watchdog *w)
{
	return w ? w->seconds : 0;
}

long long zdh_watchdog_low_speed(const struct zdh_watchdog *w)
{
	return w ? w->low_speed : 0;
}

void zdh_watchdog_stop(struct zdh_watchdog *w)
{
	if (!w)
		return;
	pthread_mutex_lock(&w->lock);
	w->stopping = 1;
	pthread_cond_signal(&w->cond);
	pthread_mutex_unlock(&w->lock);
	pthread_join(w->thread, NULL);
	pthread_cond_destroy(&w->cond);
	pthread_mutex_destroy(&w->lock);
	free(w);
}
