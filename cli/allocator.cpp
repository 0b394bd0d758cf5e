// The amisim executable allocates with mimalloc instead of glibc's malloc. A launch's model
// records, its JSON reply and the XML written from it are hundreds of small allocations per
// request; under RunInstances over HTTP glibc's malloc and free (with malloc_consolidate) were
// about 12 % of the server's time; with mimalloc the server answered 8-30 % more launches per
// second in alternating 2-s runs (bench/RESULTS.md, "RunInstances after the lookup and reply
// work"). Nothing in the model depends on the allocator: no output follows addresses.
//
// This file replaces operator new and delete (the header defines them and must be included in
// exactly one file of the program); linking libmimalloc also interposes malloc and free for the
// C code and libraries. Only the executable: the tests, benchmarks' baselines and the fuzz
// targets (whose sanitizers bring their own allocator) keep the system's.
#include <mimalloc-new-delete.h>
