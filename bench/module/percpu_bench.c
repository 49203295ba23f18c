// SPDX-License-Identifier: GPL-2.0
/*
 * What this_cpu_*() operations and the percpu allocator cost, for the
 * lab's "make bench".
 *
 * Reading /sys/kernel/debug/percpu_bench/results runs every measurement
 * and prints one "key value" line for each:
 *
 *   iters, rounds, allocs         the module parameters used
 *   loop_ns                       one iteration of an empty loop
 *   this_cpu_<op>_<var>_ns        one this_cpu_<op>() on <var>, less loop_ns:
 *                                 op inc, read, add_return or cmpxchg (a
 *                                 successful one), var static (this module's
 *                                 DEFINE_PER_CPU, in the first chunk's
 *                                 reserved area) or dynamic (alloc_percpu())
 *   alloc_percpu_<size>_ns        one __alloc_percpu() of size bytes, with
 *                                 the earlier ones of the batch still held
 *   free_percpu_<size>_ns         one free_percpu() of those
 *
 * Each this_cpu_*() loop runs "iters" times between two ktime_get_ns()
 * calls with preemption enabled, as most callers run: the cost of making
 * the operation safe against preemption is part of what is measured.
 * The fastest of "rounds" such loops counts, which leaves out most of
 * the interrupts and of the other CPUs' work that fell into a loop.
 * Under QEMU with -icount shift=0 one guest nanosecond is one instruction
 * (executed by any CPU), so the values are instruction counts.  Times are
 * printed in ns with two decimals.
 */

#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/debugfs.h>
#include <linux/math64.h>
#include <linux/module.h>
#include <linux/percpu.h>
#include <linux/seq_file.h>
#include <linux/slab.h>
#include <linux/timekeeping.h>

static unsigned long iters = 200000;
module_param(iters, ulong, 0644);
MODULE_PARM_DESC(iters, "iterations of each this_cpu_*() loop");

static unsigned int rounds = 10;
module_param(rounds, uint, 0644);
MODULE_PARM_DESC(rounds, "loops of each operation, the fastest counts");

static unsigned int allocs = 512;
module_param(allocs, uint, 0644);
MODULE_PARM_DESC(allocs, "areas allocated, then freed, per size");

static DEFINE_PER_CPU(unsigned long, bench_static);
static unsigned long __percpu *bench_dynamic;
static unsigned long bench_sink;
static struct dentry *bench_dir;

/*
 * bench_<name>(p, n): the time of n iterations of stmt.  p is the dynamic
 * variable; the static variants name bench_static directly, so that they
 * compile to the code a static percpu variable gets.  acc keeps the
 * results of reads live.
 */
#define DEFINE_BENCH(name, stmt)					\
static noinline u64 bench_##name(unsigned long __percpu *p,		\
				 unsigned long n)			\
{									\
	unsigned long i, acc = 0;					\
	u64 t0 = ktime_get_ns();					\
									\
	for (i = 0; i < n; i++)						\
		stmt;							\
	WRITE_ONCE(bench_sink, acc);					\
	return ktime_get_ns() - t0;					\
}

DEFINE_BENCH(loop, barrier())
DEFINE_BENCH(inc_static, this_cpu_inc(bench_static))
DEFINE_BENCH(inc_dynamic, this_cpu_inc(*p))
DEFINE_BENCH(read_static, acc += this_cpu_read(bench_static))
DEFINE_BENCH(read_dynamic, acc += this_cpu_read(*p))
DEFINE_BENCH(add_return_static, acc += this_cpu_add_return(bench_static, 1))
DEFINE_BENCH(add_return_dynamic, acc += this_cpu_add_return(*p, 1))
/* Every copy is zero when these run (see bench_min()): each succeeds. */
DEFINE_BENCH(cmpxchg_static, acc += this_cpu_cmpxchg(bench_static, 0, 0))
DEFINE_BENCH(cmpxchg_dynamic, acc += this_cpu_cmpxchg(*p, 0, 0))

static const struct {
	const char *name;
	u64 (*fn)(unsigned long __percpu *p, unsigned long n);
} bench_ops[] = {
	{ "inc_static", bench_inc_static },
	{ "inc_dynamic", bench_inc_dynamic },
	{ "read_static", bench_read_static },
	{ "read_dynamic", bench_read_dynamic },
	{ "add_return_static", bench_add_return_static },
	{ "add_return_dynamic", bench_add_return_dynamic },
	{ "cmpxchg_static", bench_cmpxchg_static },
	{ "cmpxchg_dynamic", bench_cmpxchg_dynamic },
};

static const size_t bench_sizes[] = { 4, 64, 1024, 8192 };

/* The fastest of "rounds" loops of fn, every copy of both variables 0. */
static u64 bench_min(u64 (*fn)(unsigned long __percpu *p, unsigned long n),
		     unsigned long n)
{
	u64 t, best = U64_MAX;
	unsigned int r;
	int cpu;

	for (r = 0; r < max(rounds, 1U); r++) {
		for_each_possible_cpu(cpu) {
			*per_cpu_ptr(&bench_static, cpu) = 0;
			*per_cpu_ptr(bench_dynamic, cpu) = 0;
		}
		t = fn(bench_dynamic, n);
		best = min(best, t);
	}
	return best;
}

/* "key value" with value = total / n in ns, two decimals, never negative. */
static void bench_print(struct seq_file *m, const char *key, const char *sub,
			u64 total, u64 n)
{
	u64 hundredths = n ? div64_u64(total * 100, n) : 0;

	seq_printf(m, "%s%s_ns %llu.%02llu\n", key, sub,
		   div_u64(hundredths, 100), hundredths % 100);
}

static int bench_alloc(struct seq_file *m, size_t size)
{
	void __percpu **areas;
	unsigned int i, n;
	char sub[16];
	u64 t0, t1, t2;

	areas = kcalloc(allocs, sizeof(*areas), GFP_KERNEL);
	if (!areas)
		return -ENOMEM;
	t0 = ktime_get_ns();
	for (n = 0; n < allocs; n++) {
		areas[n] = __alloc_percpu(size, sizeof(long));
		if (!areas[n])
			break;
	}
	t1 = ktime_get_ns();
	for (i = 0; i < n; i++)
		free_percpu(areas[i]);
	t2 = ktime_get_ns();
	kfree(areas);

	snprintf(sub, sizeof(sub), "_%zu", size);
	if (n < allocs)
		seq_printf(m, "error alloc_percpu%s failed after %u areas\n", sub, n);
	bench_print(m, "alloc_percpu", sub, t1 - t0, n);
	bench_print(m, "free_percpu", sub, t2 - t1, n);
	return 0;
}

static int bench_show(struct seq_file *m, void *v)
{
	unsigned long n = iters;
	u64 loop, t;
	size_t i;
	int err;

	seq_printf(m, "iters %lu\nrounds %u\nallocs %u\n", n, rounds, allocs);
	loop = bench_min(bench_loop, n);
	bench_print(m, "loop", "", loop, n);
	for (i = 0; i < ARRAY_SIZE(bench_ops); i++) {
		t = bench_min(bench_ops[i].fn, n);
		bench_print(m, "this_cpu_", bench_ops[i].name,
			    t > loop ? t - loop : 0, n);
	}
	for (i = 0; i < ARRAY_SIZE(bench_sizes); i++) {
		err = bench_alloc(m, bench_sizes[i]);
		if (err)
			return err;
	}
	return 0;
}
DEFINE_SHOW_ATTRIBUTE(bench);

static int __init bench_init(void)
{
	bench_dynamic = alloc_percpu(unsigned long);
	if (!bench_dynamic)
		return -ENOMEM;
	bench_dir = debugfs_create_dir("percpu_bench", NULL);
	debugfs_create_file("results", 0400, bench_dir, NULL, &bench_fops);
	return 0;
}

static void __exit bench_exit(void)
{
	debugfs_remove_recursive(bench_dir);
	free_percpu(bench_dynamic);
}

module_init(bench_init);
module_exit(bench_exit);
MODULE_DESCRIPTION("this_cpu_*() and percpu allocator microbenchmarks for make bench");
MODULE_LICENSE("GPL");
