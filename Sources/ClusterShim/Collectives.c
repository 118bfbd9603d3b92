// Collectives with a timeout and arrival notices (see cluster_shim.h).
//
// Before each collective a rank posts a notice "I reached collective #k": the workers to rank 0,
// rank 0 to every worker. While a rank waits it drains the notices it was sent, so when a wait
// times out rank 0 can name the ranks that never arrived, and a worker can tell whether rank 0
// did.
#include "cluster_shim.h"

#include <limits.h>
#include <mpi.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

enum { NOTICE_TAG = 7411, RING = 64 };

static int g_rank = 0, g_size = 1;
static double g_timeout = 600;
static long long g_seq = 0;
static MPI_Comm g_notices = MPI_COMM_NULL;        // a private communicator for the notices
static long long *g_arrived = NULL;               // latest collective each rank reached (as known here)
static long long *g_sendBuffers = NULL;           // [RING * size] notice payloads in flight
static MPI_Request *g_sendRequests = NULL;        // [RING * size]
static char g_context[256] = "start-up";

int cs_launched_by_mpirun(void) {
    return getenv("OMPI_COMM_WORLD_SIZE") != NULL || getenv("PMIX_RANK") != NULL || getenv("PMI_RANK") != NULL;
}

void cs_set_context(const char *context) {
    snprintf(g_context, sizeof g_context, "%s", context ? context : "");
}

void cs_abort(const char *message, int32_t code) {
    fprintf(stderr, "world-train: rank %d of %d: %s\n", g_rank, g_size, message);
    fflush(stderr);
    MPI_Abort(MPI_COMM_WORLD, code);
    exit(code);
}

int cs_init(int32_t *rank, int32_t *size, double timeout_seconds) {
    int provided = 0;
    if (MPI_Init_thread(NULL, NULL, MPI_THREAD_FUNNELED, &provided) != MPI_SUCCESS) return 1;
    MPI_Comm_set_errhandler(MPI_COMM_WORLD, MPI_ERRORS_ARE_FATAL);
    MPI_Comm_rank(MPI_COMM_WORLD, &g_rank);
    MPI_Comm_size(MPI_COMM_WORLD, &g_size);
    MPI_Comm_dup(MPI_COMM_WORLD, &g_notices);
    g_timeout = timeout_seconds > 0 ? timeout_seconds : 600;
    g_arrived = calloc((size_t)g_size, sizeof *g_arrived);
    g_sendBuffers = calloc((size_t)RING * g_size, sizeof *g_sendBuffers);
    g_sendRequests = malloc((size_t)RING * g_size * sizeof *g_sendRequests);
    for (int i = 0; i < RING * g_size; ++i) g_sendRequests[i] = MPI_REQUEST_NULL;
    *rank = g_rank;
    *size = g_size;
    return 0;
}

/// Posts "reached collective #seq" to `to` from ring slot `slot`; skipped while that slot's
/// previous notice is still in flight (a lost notice only makes a timeout message vaguer).
static void post_notice(int to, long long seq) {
    int slot = (int)(((seq % RING) + RING) % RING) * g_size + to, done = 1;
    if (g_sendRequests[slot] != MPI_REQUEST_NULL) MPI_Test(&g_sendRequests[slot], &done, MPI_STATUS_IGNORE);
    if (!done) return;
    g_sendBuffers[slot] = seq;
    MPI_Isend(&g_sendBuffers[slot], 1, MPI_LONG_LONG, to, NOTICE_TAG, g_notices, &g_sendRequests[slot]);
}

static void notify(long long seq) {
    g_arrived[g_rank] = seq;
    if (g_rank == 0) {
        for (int r = 1; r < g_size; ++r) post_notice(r, seq);
    } else {
        post_notice(0, seq);
    }
}

/// Receives every notice already here; a notice of -1 is a rank's last.
static void drain(void) {
    for (;;) {
        int flag = 0;
        MPI_Status status;
        MPI_Iprobe(MPI_ANY_SOURCE, NOTICE_TAG, g_notices, &flag, &status);
        if (!flag) return;
        long long seq = 0;
        MPI_Recv(&seq, 1, MPI_LONG_LONG, status.MPI_SOURCE, NOTICE_TAG, g_notices, MPI_STATUS_IGNORE);
        if (seq > g_arrived[status.MPI_SOURCE] || seq < 0) g_arrived[status.MPI_SOURCE] = seq;
    }
}

static void pause_briefly(void) {
    struct timespec t = {0, 100000};  // 0.1 ms
    nanosleep(&t, NULL);
}

static void timed_out(long long seq, const char *what, double waited) {
    char missing[512] = "", text[1024];
    int named = 0;
    if (g_rank == 0) {
        for (int r = 1; r < g_size; ++r) {
            if (g_arrived[r] >= seq) continue;
            size_t used = strlen(missing);
            snprintf(missing + used, sizeof missing - used, "%s%d", named++ ? ", " : "", r);
        }
        snprintf(text, sizeof text, "collective #%lld (%s, %s) not complete after %.0f s: rank%s %s never reached it (died or hangs); "
                 "ending the job (a run continues from its last checkpoint with --resume)",
                 seq, what, g_context, waited, named > 1 ? "s" : "", named ? missing : "(unknown)");
    } else if (g_arrived[0] < seq) {
        snprintf(text, sizeof text, "collective #%lld (%s, %s) not complete after %.0f s: rank 0 never reached it (died or hangs); "
                 "ending the job (a run continues from its last checkpoint with --resume)", seq, what, g_context, waited);
    } else {
        snprintf(text, sizeof text, "collective #%lld (%s, %s) not complete after %.0f s: rank 0 reached it, another rank did not "
                 "(died or hangs); ending the job (a run continues from its last checkpoint with --resume)", seq, what, g_context, waited);
    }
    cs_abort(text, 3);
}

/// Waits for `request`, draining notices; past the timeout it ends the job. Workers give rank 0
/// (which can name the missing rank) a grace period to say so first.
static void wait_for(MPI_Request *request, long long seq, const char *what) {
    double start = MPI_Wtime();
    long spins = 0;
    for (;;) {
        int done = 0;
        MPI_Test(request, &done, MPI_STATUS_IGNORE);
        if (done) return;
        drain();
        double waited = MPI_Wtime() - start;
        double limit = g_timeout + (g_rank != 0 && g_arrived[0] >= seq ? 15 : 0);
        if (waited > limit) timed_out(seq, what, waited);
        if (++spins > 2000) pause_briefly();
    }
}

static int checked_count(int64_t count, const char *what) {
    if (count < 0 || count > INT_MAX) {
        char text[256];
        snprintf(text, sizeof text, "%s: %lld elements exceed one MPI message", what, (long long)count);
        cs_abort(text, 4);
    }
    return (int)count;
}

static void allreduce_sum(void *values, int64_t count, MPI_Datatype type, const char *what) {
    long long seq = ++g_seq;
    notify(seq);
    MPI_Request request;
    MPI_Iallreduce(MPI_IN_PLACE, values, checked_count(count, what), type, MPI_SUM, MPI_COMM_WORLD, &request);
    wait_for(&request, seq, what);
}

void cs_allreduce_sum_float(float *values, int64_t count, const char *what) { allreduce_sum(values, count, MPI_FLOAT, what); }

void cs_allreduce_sum_double(double *values, int64_t count, const char *what) { allreduce_sum(values, count, MPI_DOUBLE, what); }

void cs_allgather(const void *send, int64_t bytes, void *out, const char *what) {
    long long seq = ++g_seq;
    notify(seq);
    MPI_Request request;
    MPI_Iallgather(send, checked_count(bytes, what), MPI_BYTE, out, (int)bytes, MPI_BYTE, MPI_COMM_WORLD, &request);
    wait_for(&request, seq, what);
}

void cs_allgatherv(const void *send, int64_t bytes, void *out, const int64_t *counts, const int64_t *offsets, const char *what) {
    int *c = malloc((size_t)g_size * sizeof *c), *o = malloc((size_t)g_size * sizeof *o);
    for (int r = 0; r < g_size; ++r) {
        c[r] = checked_count(counts[r], what);
        o[r] = checked_count(offsets[r], what);
    }
    long long seq = ++g_seq;
    notify(seq);
    MPI_Request request;
    MPI_Iallgatherv(send, checked_count(bytes, what), MPI_BYTE, out, c, o, MPI_BYTE, MPI_COMM_WORLD, &request);
    wait_for(&request, seq, what);
    free(c);
    free(o);
}

void cs_broadcast(void *values, int64_t bytes, const char *what) {
    long long seq = ++g_seq;
    notify(seq);
    MPI_Request request;
    MPI_Ibcast(values, checked_count(bytes, what), MPI_BYTE, 0, MPI_COMM_WORLD, &request);
    wait_for(&request, seq, what);
}

void cs_finalize(void) {
    // every rank's last notice (-1) follows all its earlier ones; once rank 0 has every worker's
    // and each worker rank 0's, no notice is left unreceived
    notify(-1);
    double start = MPI_Wtime();
    for (;;) {
        drain();
        int pending = 0;
        for (int r = 0; r < g_size; ++r)
            if (r != g_rank && (g_rank == 0 || r == 0) && g_arrived[r] != -1) pending = 1;
        if (!pending || MPI_Wtime() - start > g_timeout) break;
        pause_briefly();
    }
    MPI_Waitall(RING * g_size, g_sendRequests, MPI_STATUSES_IGNORE);
    MPI_Comm_free(&g_notices);
    MPI_Finalize();
}
