// SPDX-License-Identifier: GPL-2.0
/*
 * lab-kexec: the guest side of the lab's kexec and kdump modes, a static
 * arm64 program in the initramfs (kexec-tools would bring a libc along).
 *
 *   lab-kexec load [-p] KERNEL INITRD CMDLINE
 *	kexec_file_load(2) KERNEL (an arm64 Image) and INITRD with CMDLINE;
 *	-p loads them as the capture kernel that a panic starts.
 *   lab-kexec exec
 *	reboot(2) into the loaded kernel.
 *   lab-kexec notes
 *	one line per ELF note of /proc/vmcore: "NAME TYPE DESCSZ", and for
 *	an NT_PRSTATUS note also "pid=PID".
 *   lab-kexec note-at PHYS...
 *	the ELF note header the dumped memory holds at each physical
 *	address: "PHYS NAME TYPE DESCSZ", or "PHYS none" when no PT_LOAD
 *	segment of /proc/vmcore holds it.
 *   lab-kexec read PHYS...
 *	the 64-bit value the dumped memory holds at each physical address:
 *	"PHYS 0xVALUE", or "PHYS none".
 *   lab-kexec vmcoreinfo
 *	the text of the dump's VMCOREINFO note.
 *   lab-kexec vread VADDR...
 *	the 64-bit value at each kernel virtual address, translated the way
 *	crash and drgn translate one: through the dumped swapper_pg_dir
 *	(found from VMCOREINFO), 4K pages and four levels: "VADDR PHYS
 *	0xVALUE", or "VADDR none" when it is not mapped there.
 *
 * Exit status 0, or 1 with a message on stderr (2 when an address is in
 * no segment).  The dump is read the way makedumpfile and crash read it:
 * through the program headers of the ELF core /proc/vmcore presents.
 */
#define _GNU_SOURCE
#define _FILE_OFFSET_BITS 64
#include <errno.h>
#include <fcntl.h>
#include <linux/elf.h>
#include <linux/kexec.h>
#include <linux/reboot.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/reboot.h>
#include <sys/syscall.h>
#include <unistd.h>

#define VMCORE "/proc/vmcore"

static int vfd = -1;
static struct elf64_hdr eh;
static struct elf64_phdr *ph;

static int die(const char *what)
{
	fprintf(stderr, "lab-kexec: %s: %s\n", what, strerror(errno));
	return 1;
}

static int load(int argc, char **argv)
{
	unsigned long flags = 0;
	int kfd, ifd;

	if (argc > 1 && !strcmp(argv[1], "-p")) {
		flags |= KEXEC_FILE_ON_CRASH;
		argc--;
		argv++;
	}
	if (argc != 4) {
		fprintf(stderr, "usage: lab-kexec %s [-p] KERNEL INITRD CMDLINE\n", "load");
		return 1;
	}
	kfd = open(argv[1], O_RDONLY);
	if (kfd < 0)
		return die(argv[1]);
	ifd = open(argv[2], O_RDONLY);
	if (ifd < 0)
		return die(argv[2]);
	if (syscall(SYS_kexec_file_load, kfd, ifd, strlen(argv[3]) + 1,
		    argv[3], flags))
		return die("kexec_file_load");
	return 0;
}

static int read_at(void *buf, size_t len, off_t off)
{
	ssize_t n = pread(vfd, buf, len, off);

	if (n == (ssize_t)len)
		return 0;
	if (n >= 0)
		errno = EIO;
	return -1;
}

static int open_vmcore(void)
{
	vfd = open(VMCORE, O_RDONLY);
	if (vfd < 0)
		return die(VMCORE);
	if (read_at(&eh, sizeof(eh), 0))
		return die(VMCORE);
	if (memcmp(eh.e_ident, ELFMAG, SELFMAG) ||
	    eh.e_ident[EI_CLASS] != ELFCLASS64 || eh.e_type != ET_CORE ||
	    eh.e_phentsize != sizeof(*ph) || eh.e_phnum == PN_XNUM) {
		fprintf(stderr, "lab-kexec: %s: not a 64-bit ELF core\n", VMCORE);
		return 1;
	}
	ph = calloc(eh.e_phnum, sizeof(*ph));
	if (!ph)
		return die("calloc");
	if (read_at(ph, eh.e_phnum * sizeof(*ph), eh.e_phoff))
		return die(VMCORE);
	return 0;
}

/* the file offset of LEN bytes at physical address PA, or -1 */
static off_t phys_offset(unsigned long long pa, size_t len)
{
	int i;

	for (i = 0; i < eh.e_phnum; i++)
		if (ph[i].p_type == PT_LOAD && pa >= ph[i].p_paddr &&
		    pa + len <= ph[i].p_paddr + ph[i].p_filesz)
			return ph[i].p_offset + (pa - ph[i].p_paddr);
	return -1;
}

#define ALIGN4(x)	(((x) + 3) & ~3ULL)

/* the descriptor of VMCOREINFO's note, NUL-terminated, or NULL */
static char *vmcoreinfo(void)
{
	int i;

	for (i = 0; i < eh.e_phnum; i++) {
		unsigned long long pos = ph[i].p_offset;
		unsigned long long end = pos + ph[i].p_filesz;

		if (ph[i].p_type != PT_NOTE)
			continue;
		while (pos + sizeof(struct elf64_note) <= end) {
			struct elf64_note nh;
			char name[16] = "";
			char *desc;

			if (read_at(&nh, sizeof(nh), pos))
				return NULL;
			if (!nh.n_namesz && !nh.n_descsz && !nh.n_type)
				break;
			pos += sizeof(nh);
			if (nh.n_namesz < sizeof(name) &&
			    read_at(name, nh.n_namesz, pos))
				return NULL;
			pos += ALIGN4(nh.n_namesz);
			if (!strcmp(name, "VMCOREINFO")) {
				desc = calloc(1, nh.n_descsz + 1);
				if (!desc || read_at(desc, nh.n_descsz, pos))
					return NULL;
				return desc;
			}
			pos += ALIGN4(nh.n_descsz);
		}
	}
	return NULL;
}

/*
 * The number VMCOREINFO gives for KEY ("SYMBOL(swapper_pg_dir)", hex with
 * or without 0x; "PAGESIZE", decimal), or 0.
 */
static unsigned long long info_value(const char *info, const char *key, int base)
{
	const char *p = info;
	size_t n = strlen(key);

	while (p && *p) {
		if (!strncmp(p, key, n) && p[n] == '=')
			return strtoull(p + n + 1, NULL, base);
		p = strchr(p, '\n');
		if (p)
			p++;
	}
	return 0;
}

static int read_phys(unsigned long long pa, unsigned long long *val)
{
	off_t off = phys_offset(pa, sizeof(*val));

	return off < 0 || read_at(val, sizeof(*val), off) ? -1 : 0;
}

/*
 * VA's physical address through the tables at PGD (physical), 4K pages,
 * 48-bit VA: a table descriptor has bits 1:0 = 3 at levels 0-2, a block
 * bits 1:0 = 1 at levels 1 and 2, a page bits 1:0 = 3 at level 3; the
 * output address is bits 47:12.
 */
static int translate(unsigned long long pgd, unsigned long long va,
		     unsigned long long *pa)
{
	unsigned long long table = pgd, desc;
	int level;

	for (level = 0; level < 4; level++) {
		int shift = 39 - 9 * level;
		unsigned long long idx = (va >> shift) & 511;

		if (read_phys(table + idx * 8, &desc) || !(desc & 1))
			return -1;
		table = desc & 0x0000fffffffff000ULL;
		if (level == 3 || (level > 0 && (desc & 3) == 1)) {
			if (level == 3 && (desc & 3) != 3)
				return -1;
			*pa = (table & ~((1ULL << shift) - 1)) |
			      (va & ((1ULL << shift) - 1));
			return 0;
		}
		if ((desc & 3) != 3)
			return -1;
	}
	return -1;
}

static int vread(int argc, char **argv)
{
	unsigned long long pgd, voff;
	char *info = vmcoreinfo();
	int i, ret = 0;

	if (!info) {
		fprintf(stderr, "lab-kexec: no VMCOREINFO note in %s\n", VMCORE);
		return 1;
	}
	pgd = info_value(info, "SYMBOL(swapper_pg_dir)", 16);
	voff = info_value(info, "NUMBER(kimage_voffset)", 16);
	if (!pgd || !voff) {
		fprintf(stderr, "lab-kexec: VMCOREINFO lacks swapper_pg_dir or kimage_voffset\n");
		return 1;
	}
	if (info_value(info, "PAGESIZE", 10) != 4096 ||
	    info_value(info, "NUMBER(VA_BITS)", 10) != 48) {
		fprintf(stderr, "lab-kexec: the walk knows 4K pages and 48-bit VA only\n");
		return 1;
	}
	pgd -= voff;
	for (i = 1; i < argc; i++) {
		unsigned long long va, pa, val;

		va = strtoull(argv[i], NULL, 16);
		if (translate(pgd, va, &pa) || read_phys(pa, &val)) {
			printf("%s none\n", argv[i]);
			ret = 2;
			continue;
		}
		printf("%s 0x%llx 0x%016llx\n", argv[i], pa, val);
	}
	return ret;
}

static int notes(void)
{
	int i;

	for (i = 0; i < eh.e_phnum; i++) {
		unsigned long long pos = ph[i].p_offset;
		unsigned long long end = pos + ph[i].p_filesz;

		if (ph[i].p_type != PT_NOTE)
			continue;
		while (pos + sizeof(struct elf64_note) <= end) {
			struct elf64_note nh;
			char name[32] = "";
			int pid;

			if (read_at(&nh, sizeof(nh), pos))
				return die(VMCORE);
			if (!nh.n_namesz && !nh.n_descsz && !nh.n_type)
				break;	/* the padding after the last note */
			pos += sizeof(nh);
			if (nh.n_namesz < sizeof(name) &&
			    read_at(name, nh.n_namesz, pos))
				return die(VMCORE);
			name[sizeof(name) - 1] = 0;
			pos += ALIGN4(nh.n_namesz);
			printf("%s %u %u", name, nh.n_type, nh.n_descsz);
			/* elf_prstatus: pr_pid after siginfo, cursig, sigpend, sighold */
			if (nh.n_type == NT_PRSTATUS && nh.n_descsz >= 36 &&
			    !read_at(&pid, sizeof(pid), pos + 32))
				printf(" pid=%d", pid);
			printf("\n");
			pos += ALIGN4(nh.n_descsz);
		}
	}
	return 0;
}

static int at(int argc, char **argv, int note)
{
	int i, ret = 0;

	for (i = 1; i < argc; i++) {
		unsigned long long pa, val;
		struct elf64_note nh;
		char name[8] = "";
		char *end;
		off_t off;

		errno = 0;
		pa = strtoull(argv[i], &end, 16);
		if (errno || *end || end == argv[i]) {
			fprintf(stderr, "lab-kexec: not a hex address: %s\n", argv[i]);
			return 1;
		}
		off = phys_offset(pa, note ? sizeof(nh) + sizeof(name) : sizeof(val));
		if (off < 0) {
			printf("%s none\n", argv[i]);
			ret = 2;
			continue;
		}
		if (!note) {
			if (read_at(&val, sizeof(val), off))
				return die(VMCORE);
			printf("%s 0x%016llx\n", argv[i], val);
			continue;
		}
		if (read_at(&nh, sizeof(nh), off) ||
		    read_at(name, sizeof(name), off + sizeof(nh)))
			return die(VMCORE);
		name[sizeof(name) - 1] = 0;
		if (nh.n_namesz > sizeof(name))
			name[0] = 0;
		printf("%s %s %u %u\n", argv[i], name[0] ? name : "-",
		       nh.n_type, nh.n_descsz);
	}
	return ret;
}

int main(int argc, char **argv)
{
	const char *cmd = argc > 1 ? argv[1] : "";

	if (!strcmp(cmd, "load"))
		return load(argc - 1, argv + 1);
	if (!strcmp(cmd, "exec")) {
		sync();
		reboot(LINUX_REBOOT_CMD_KEXEC);
		return die("reboot(LINUX_REBOOT_CMD_KEXEC)");
	}
	if (!strcmp(cmd, "notes") || !strcmp(cmd, "note-at") ||
	    !strcmp(cmd, "read") || !strcmp(cmd, "vmcoreinfo") ||
	    !strcmp(cmd, "vread")) {
		char *info;

		if (open_vmcore())
			return 1;
		if (!strcmp(cmd, "notes"))
			return notes();
		if (!strcmp(cmd, "vread"))
			return vread(argc - 1, argv + 1);
		if (!strcmp(cmd, "vmcoreinfo")) {
			info = vmcoreinfo();
			if (!info) {
				fprintf(stderr, "lab-kexec: no VMCOREINFO note in %s\n",
					VMCORE);
				return 1;
			}
			fputs(info, stdout);
			return 0;
		}
		return at(argc - 1, argv + 1, !strcmp(cmd, "note-at"));
	}
	fprintf(stderr, "usage: lab-kexec load [-p] KERNEL INITRD CMDLINE | exec | notes |\n"
		"       note-at PHYS... | read PHYS... | vmcoreinfo | vread VADDR...\n");
	return 1;
}
