// A thin C ABI over MPI for data-parallel training: MPI's handles (MPI_COMM_WORLD, MPI_FLOAT,
// MPI_SUM, ...) are macros Swift cannot import, so the collectives the learner needs live here.
// Every collective is non-blocking underneath and waited on with a timeout: a rank that dies or
// hangs ends the job (MPI_Abort) with a message naming it, never a silent stall.
#ifndef CLUSTER_SHIM_H
#define CLUSTER_SHIM_H

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/// 1 when this process was started by mpirun / mpiexec (Open MPI or PMIx environment).
int cs_launched_by_mpirun(void);
/// Initialises MPI (errors fatal); writes this process's rank and the job's size. 0 = ok.
int cs_init(int32_t *rank, int32_t *size, double timeout_seconds);
/// Ends MPI after draining the arrival notices (call once, on every rank).
void cs_finalize(void);
/// Prints `message` (prefixed with the rank) to stderr and ends the whole job with `code`.
void cs_abort(const char *message, int32_t code);
/// Sets the text that timeout messages give as the job's position (e.g. "iteration 12").
void cs_set_context(const char *context);

/// In place: the element-wise sum over ranks. [count]
void cs_allreduce_sum_float(float *values, int64_t count, const char *what);
/// In place: the element-wise sum over ranks. [count]
void cs_allreduce_sum_double(double *values, int64_t count, const char *what);
/// Every rank's `bytes` bytes, concatenated in rank order into `out` [size * bytes].
void cs_allgather(const void *send, int64_t bytes, void *out, const char *what);
/// Every rank's `bytes` (any size per rank), concatenated in rank order into `out`; `counts`
/// [size] and `offsets` [size] give each rank's size and place (from a prior cs_allgather).
void cs_allgatherv(const void *send, int64_t bytes, void *out, const int64_t *counts, const int64_t *offsets, const char *what);
/// Copies rank 0's `bytes` bytes into every rank's `values`.
void cs_broadcast(void *values, int64_t bytes, const char *what);

#ifdef __cplusplus
}
#endif

#endif
