/*
 * mathlib — libm, loaded with dlopen() on its first use rather than
 * linked.  Only SQLite's SQL maths functions (sqrt(), ln(), pow(), sin()
 * ...) and a report's rounding call it, and no command that writes an
 * event does; linked, libm was mapped, relocated and its ifuncs resolved
 * by every process, about 10 page faults and 34,000 instructions of each
 * command's start (README, "Speed").  zdh's link renames the calls of
 * everything linked into it, SQLite's archive included, from <name> to
 * __wrap_<name> (-Wl,--wrap, Makefile's LIBM_WRAP); each forwards to
 * libm's own function, looked up once.  A maths function used by zdh and
 * missing from LIBM_WRAP fails the link of zdh, which has no -lm.
 */
#include <dlfcn.h>
#include <gnu/lib-names.h>
#include <stdio.h>
#include <stdlib.h>

#include "error.h"
#include "i18n.h"

/* libm's function name; a libm that cannot be loaded stops the command (there is no error to return) */
static void *libm_function(const char *name)
{
	static void *lib;
	void *h = __atomic_load_n(&lib, __ATOMIC_ACQUIRE), *f;

	if (!h && !(h = dlopen(LIBM_SO, RTLD_NOW | RTLD_LOCAL)))
		goto fail;
	__atomic_store_n(&lib, h, __ATOMIC_RELEASE);
	if ((f = dlsym(h, name)))
		return f;
fail:
	fflush(stdout);
	fprintf(stderr, "zdh: %s: %s\n", _("cannot load the maths library"), dlerror());
	exit(ZDH_EXIT_FATAL);
}

/*
 * __wrap_name, with params (its parameters) and args (the names passed
 * on).  (Threads: SQLite's may call these at once; a pointer is stored
 * whole, the same by each.)
 */
#define ZDH_LIBM(name, params, args) \
	double __wrap_##name params; \
	double __wrap_##name params \
	{ \
		static double (*fn) params; \
		double (*p) params = __atomic_load_n(&fn, __ATOMIC_ACQUIRE); \
		if (!p) { \
			*(void **)&p = libm_function(#name); \
			__atomic_store_n(&fn, p, __ATOMIC_RELEASE); \
		} \
		return p args; \
	}
#define ZDH_LIBM_1(name) ZDH_LIBM(name, (double x), (x))
#define ZDH_LIBM_2(name) ZDH_LIBM(name, (double x, double y), (x, y))

/* Makefile's LIBM_WRAP names each of these */
ZDH_LIBM_1(acos)
ZDH_LIBM_1(acosh)
ZDH_LIBM_1(asin)
ZDH_LIBM_1(asinh)
ZDH_LIBM_1(atan)
ZDH_LIBM_1(atanh)
ZDH_LIBM_1(cos)
ZDH_LIBM_1(cosh)
ZDH_LIBM_1(exp)
ZDH_LIBM_1(log)
ZDH_LIBM_1(round)
ZDH_LIBM_1(sin)
ZDH_LIBM_1(sinh)
ZDH_LIBM_1(sqrt)
ZDH_LIBM_1(tan)
ZDH_LIBM_1(tanh)
ZDH_LIBM_1(trunc)
ZDH_LIBM_2(atan2)
ZDH_LIBM_2(fmod)
ZDH_LIBM_2(pow)
