/*
 * error — the last error's code and message, and the shared exit codes.
 * One message at a time per thread: the few helper threads of zdh (the
 * pack writer, the log reader of a rebuild) hand their errors to the
 * thread that started them.
 */
#define _GNU_SOURCE	/* RUSAGE_THREAD */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <sys/resource.h>

#include "buf.h"
#include "error.h"
#include "i18n.h"

static _Thread_local char msg[1024];
static _Thread_local int last_code;

static int vset(int code, int with_errno, const char *fmt, va_list ap)
{
	char buf[sizeof(msg)];	/* an argument may be the last message itself */
	int saved = errno;
	size_t n;

	vsnprintf(buf, sizeof(buf), fmt, ap);
	if (with_errno) {
		n = strlen(buf);
		snprintf(buf + n, sizeof(buf) - n, ": %s", strerror(saved));
	}
	memcpy(msg, buf, sizeof(msg));
	last_code = code;
	errno = saved;
	return code;
}

int zdh_error_set(int code, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vset(code, 0, fmt, ap);
	va_end(ap);
	return code;
}

int zdh_error_errno(int code, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vset(code, 1, fmt, ap);
	va_end(ap);
	return code;
}

int zdh_error_not_plain(const char *path)
{
	return zdh_error_set(ZDH_ECORRUPT, _("'%s' is not a plain file"), path);
}

const char *zdh_error_msg(void)
{
	return msg[0] ? msg : "unknown error";
}

int zdh_error_about(const char *what, int err)
{
	if (err >= 0)
		return err;
	return zdh_error_set(err, C_("an option as typed (--due) or a column (created), then why its value is refused",
				     "%s: %s"), what, msg);
}

int zdh_error_code(void)
{
	return last_code;
}

void zdh_error_clear(void)
{
	msg[0] = '\0';
	last_code = 0;
}

int zdh_exit_code(int err)
{
	switch (err) {
	case ZDH_OK:
		return ZDH_EXIT_OK;
	case ZDH_EINVALID:
	case ZDH_ENOTFOUND:
	case ZDH_EEXISTS:
	case ZDH_ESTATE:
		return ZDH_EXIT_REFUSED;
	case ZDH_ELOCKED:
		return ZDH_EXIT_LOCKED;
	case ZDH_EUSAGE:
		return ZDH_EXIT_USAGE;
	default:
		return ZDH_EXIT_FATAL;
	}
}

void zdh_trace(const char *what, const char *step, double *mark)
{
	static int on = -1;
	struct timespec t;
	double now;

	if (on < 0)
		on = getenv("ZDH_TRACE_PERFORMANCE") != NULL;
	if (!on)
		return;
	clock_gettime(CLOCK_MONOTONIC, &t);
	now = (double)t.tv_sec + (double)t.tv_nsec / 1e9;
	if (step)
		fprintf(stderr, "zdh: %s: %-8s %6.2f s\n", what, step, now - *mark);
	*mark = now;
}

void zdh_trace_thread(const char *what)
{
	struct rusage ru;

	if (!getenv("ZDH_TRACE_PERFORMANCE") || getrusage(RUSAGE_THREAD, &ru))
		return;
	fprintf(stderr, "zdh: %s: cpu %6.2f s (user %.2f, system %.2f)\n", what,
		(double)(ru.ru_utime.tv_sec + ru.ru_stime.tv_sec) +
		(double)(ru.ru_utime.tv_usec + ru.ru_stime.tv_usec) / 1e6,
		(double)ru.ru_utime.tv_sec + (double)ru.ru_utime.tv_usec / 1e6,
		(double)ru.ru_stime.tv_sec + (double)ru.ru_stime.tv_usec / 1e6);
}

void zdh_trace_note(const char *fmt, ...)
{
	va_list ap;

	if (!getenv("ZDH_TRACE_PERFORMANCE"))
		return;
	fputs("zdh: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

static void (*warn_routine)(const char *prefix, const char *text);

void zdh_set_warn_routine(void (*fn)(const char *prefix, const char *text))
{
	warn_routine = fn;
}

static void vwarn(const char *fmt, va_list ap)
{
	struct zdh_buf text = ZDH_BUF_INIT;

	zdh_buf_vaddf(&text, fmt, ap);
	if (warn_routine)
		warn_routine(_("zdh: warning: "), text.ptr ? text.ptr : "");
	else
		fprintf(stderr, "%s%s\n", _("zdh: warning: "), text.ptr ? text.ptr : "");
	zdh_buf_release(&text);
}

void zdh_warn(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vwarn(fmt, ap);
	va_end(ap);
}

int zdh_warn_cap_take(struct zdh_warn_cap *c)
{
	if (c->said < ZDH_WARN_CAP) {
		c->said++;
		return 1;
	}
	c->more++;
	return 0;
}

void zdh_warn_capped(struct zdh_warn_cap *c, const char *fmt, ...)
{
	va_list ap;

	if (!zdh_warn_cap_take(c))
		return;
	va_start(ap, fmt);
	vwarn(fmt, ap);
	va_end(ap);
}

void zdh_warn_cap_end(const struct zdh_warn_cap *c, const char *one, const char *many)
{
	char *line;

	if (!c->more)
		return;
	line = zdh_count_text(one, many, c->more);
	zdh_warn("%s", line);
	free(line);
}

void zdh_bug(const char *file, int line, const char *fmt, ...)
{
	va_list ap;

	fflush(stdout);
	fprintf(stderr, "zdh: BUG: %s:%d: ", file, line);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	abort();
}
