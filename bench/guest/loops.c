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
 * and removal, in ns (CLOCK_MONOTONIC).  Under QEMU with
 * -icount shift=0 a guest ns is one instruction.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
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

static void die(const char *what)
{
	fprintf(stderr, "loops: %s: %s\n", what, strerror(errno));
	exit(1);
}

static void report(const char *key, unsigned long long ns, unsigned long n)
{
	printf("%s_ns %llu.%02llu\n", key, ns / n, ns * 100 / n % 100);
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
	unsigned long long t = 0, t0;
	unsigned long i;
	int fd = -1;

	if (shared) {
		char name[] = "/tmp/pagefault.XXXXXX";

		fd = mkstemp(name);
		if (fd < 0 || unlink(name) || ftruncate(fd, len))
			die(name);
	}
	for (i = 0; i < n; i++) {
		char *p;

		t0 = now();
		p = mmap(NULL, len, PROT_READ | PROT_WRITE,
			 shared ? MAP_SHARED : MAP_PRIVATE | MAP_ANONYMOUS, fd, 0);
		if (p == MAP_FAILED)
			die("mmap");
		for (off = 0; off < len; off += page)
			p[off] = 1;
		munmap(p, len);
		t += now() - t0;
	}
	report(key, t, n * (len / page));
}

static void forkexit(unsigned long n)
{
	unsigned long long t0 = now();
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
	report("fork_exit", now() - t0, n);
}

static void memcg(const char *dir, unsigned long n)
{
	unsigned long long t0, t1;
	char path[4096];
	unsigned long i;
	char key[64];

	t0 = now();
	for (i = 0; i < n; i++) {
		snprintf(path, sizeof(path), "%s/b%lu", dir, i);
		if (mkdir(path, 0755))
			die(path);
	}
	t1 = now();
	for (i = 0; i < n; i++) {
		snprintf(path, sizeof(path), "%s/b%lu", dir, i);
		if (rmdir(path))
			die(path);
	}
	snprintf(key, sizeof(key), "memcg_create_%lu", n);
	report(key, t1 - t0, n);
	snprintf(key, sizeof(key), "memcg_remove_%lu", n);
	report(key, now() - t1, n);
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
