// SPDX-License-Identifier: GPL-2.0
/*
 * Reference functions for "make codegen": each does one this_cpu_*()
 * operation and nothing else, so that its disassembly is the cost of that
 * operation as the kernel's own code pays it (same flags, same config).
 * Built as an external module object against the stock tree and against
 * the series tree, and compared side by side.
 */
#include <linux/module.h>
#include <linux/percpu.h>

static DEFINE_PER_CPU(unsigned long, codegen_static);

/* Not static inline: each must stay a function of its own. */
#define CODEGEN static noinline __used

CODEGEN void codegen_inc_dynamic(unsigned long __percpu *p)
{
	this_cpu_inc(*p);
}

CODEGEN void codegen_inc_static(void)
{
	this_cpu_inc(codegen_static);
}

CODEGEN unsigned long codegen_read(unsigned long __percpu *p)
{
	return this_cpu_read(*p);
}

CODEGEN unsigned long codegen_add_return(unsigned long __percpu *p, unsigned long v)
{
	return this_cpu_add_return(*p, v);
}

/*
 * raw_cpu_*() and __this_cpu_*() (preemption already off): TPIDR plus the
 * offset, as in the stock kernel, against the same access through the
 * local alias, which the series could use instead.
 */
CODEGEN void codegen_raw_inc_dynamic(unsigned long __percpu *p)
{
	raw_cpu_inc(*p);
}

#ifdef CONFIG_HAVE_LOCAL_PER_CPU_MAP
CODEGEN void codegen_raw_inc_dynamic_via_local(unsigned long __percpu *p)
{
	(*(unsigned long *)((__force unsigned long)p + __per_cpu_local_off))++;
}
#endif

MODULE_DESCRIPTION("this_cpu_*() reference functions for make codegen");
MODULE_LICENSE("GPL");
