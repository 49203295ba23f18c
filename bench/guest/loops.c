// SPDX-License-Identifier: GPL-2.0
/*
 * make bench's user-space workloads, one static binary:
 *
 *   loops boot                 ns since the machine started (CNTVCT_EL0)
 *   loops pagefault_anon MB N  touch MB of anonymous memory, unmap, N times
 *   loops pagefault_shared MB N  the same on a shared mapping of a tmpfs file
 *   loops fork N               fork a child that exits at once, reap it
 *   loops memcg DIR N          mkdir N cgroups in DIR, then rmdir them
 *
 * Each prints "key value" lines: the time of one fault (mmap, touch every
 * page, munmap, divided by the pages, as will-it-scale's page_fault1 and
 * page_fault3 count them), of one fork and exit, of one cgroup creation
 * and removal, in ns, twice:
 *
 *   KEY_ns      elapsed (CLOCK_MONOTONIC): everything the machine ran
 *               meanwhile, on every CPU, and the time it spent idle;
 *   KEY_cpu_ns  CPU time of this process and of the children it reaped
 *               (CLOCK_PROCESS_CPUTIME_ID, RUSAGE_CHILDREN): only what ran
 *               in their context, interrupts that hit them included.
 *
 * Under QEMU with -icount shift=0 a guest ns is one instruction, but an
 * idle guest jumps to its next timer: elapsed time counts those jumps
 * (a fork whose parent waits for a child on another CPU, an rmdir that
 * waits for RCU), CPU time does not.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static unsigned long long now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000000000ULL + ts.tv_nsec;
}

/* CPU time of this process and of its reaped children, in ns. */
static unsigned long long cputime(void)
{
	struct timespec ts;
	struct rusage ru;

	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
	getrusage(RUSAGE_CHILDREN, &ru);
	return ts.tv_sec * 1000000000ULL + ts.tv_nsec +
	       (ru.ru_utime.tv_sec + ru.ru_stime.tv_sec) * 1000000000ULL +
	       (ru.ru_utime.tv_usec + ru.ru_stime.tv_usec) * 1000ULL;
}

static void die(const char *what)
{
	fprintf(stderr, "loops: %s: %s\n", what, strerror(errno));
	exit(1);
}

/* The start of a measurement: elapsed and CPU time. */
struct mark {
	unsigned long long ns, cpu;
};

static struct mark mark(void)
{
	return (struct mark){ now(), cputime() };
}

/* KEY_ns and KEY_cpu_ns: per unit, of n units since m. */
static void report(const char *key, struct mark m, unsigned long n)
{
	unsigned long long ns = now() - m.ns, cpu = cputime() - m.cpu;

	printf("%s_ns %llu.%02llu\n", key, ns / n, ns * 100 / n % 100);
	printf("%s_cpu_ns %llu.%02llu\n", key, cpu / n, cpu * 100 / n % 100);
}

/* The counter the kernel's clock is built on, from the machine's reset. */
static void boot(void)
{
	unsigned long long cnt, frq;

	asm volatile("isb; mrs %0, cntvct_el0" : "=r" (cnt));
	asm volatile("mrs %0, cntfrq_el0" : "=r" (frq));
	printf("boot_to_init_ns %llu\n",
	       cnt / frq * 1000000000ULL + cnt % frq * 1000000000ULL / frq);
}

static void pagefault(const char *key, int shared, unsigned long mb, unsigned long n)
{
	size_t len = mb << 20, page = sysconf(_SC_PAGESIZE), off;
	unsigned long i;
	struct mark m;
	int fd = -1;

	if (shared) {
		char name[] = "/tmp/pagefault.XXXXXX";

		fd = mkstemp(name);
		if (fd < 0 || unlink(name) || ftruncate(fd, len))
			die(name);
	}
	m = mark();
	for (i = 0; i < n; i++) {
		char *p;

		p = mmap(NULL, len, PROT_READ | PROT_WRITE,
			 shared ? MAP_SHARED : MAP_PRIVATE | MAP_ANONYMOUS, fd, 0);
		if (p == MAP_FAILED)
			die("mmap");
		for (off = 0; off < len; off += page)
			p[off] = 1;
		munmap(p, len);
	}
	report(key, m, n * (len / page));
}

static void forkexit(unsigned long n)
{
	struct mark m = mark();
	unsigned long i;
	pid_t pid;

	for (i = 0; i < n; i++) {
		pid = fork();
		if (pid < 0)
			die("fork");
		if (!pid)
			_exit(0);
		if (waitpid(pid, NULL, 0) != pid)
			die("waitpid");
	}
	report("fork_exit", m, n);
}

static void memcg(const char *dir, unsigned long n)
{
	struct mark m;
	char path[4096];
	unsigned long i;
	char key[64];

	m = mark();
	for (i = 0; i < n; i++) {
		snprintf(path, sizeof(path), "%s/b%lu", dir, i);
		if (mkdir(path, 0755))
			die(path);
	}
	snprintf(key, sizeof(key), "memcg_create_%lu", n);
	report(key, m, n);
	m = mark();
	for (i = 0; i < n; i++) {
		snprintf(path, sizeof(path), "%s/b%lu", dir, i);
		if (rmdir(path))
			die(path);
	}
	snprintf(key, sizeof(key), "memcg_remove_%lu", n);
	report(key, m, n);
}

int main(int argc, char **argv)
{
	const char *w = argc > 1 ? argv[1] : "";

	if (!strcmp(w, "boot") && argc == 2)
		boot();
	else if (!strcmp(w, "pagefault_anon") && argc == 4)
		pagefault(w, 0, strtoul(argv[2], NULL, 0), strtoul(argv[3], NULL, 0));
	else if (!strcmp(w, "pagefault_shared") && argc == 4)
		pagefault(w, 1, strtoul(argv[2], NULL, 0), strtoul(argv[3], NULL, 0));
	else if (!strcmp(w, "fork") && argc == 3)
		forkexit(strtoul(argv[2], NULL, 0));
	else if (!strcmp(w, "memcg") && argc == 4)
		memcg(argv[2], strtoul(argv[3], NULL, 0));
	else {
		fprintf(stderr, "usage: see the top of bench/guest/loops.c\n");
		return 2;
	}
	return 0;
}
